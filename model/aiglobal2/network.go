package aiglobal2

// Network module (docs/ai-model.md §2.6): the VoD network tier, attributed
// marginally. User traffic is provisioned for the busy hour (κ = π_net/u_net),
// bulk flows are scheduled (κ_bb = 1.5); each tier has a static part per
// provisioned Gbps and a dynamic part per carried Gbps.
//
//	g = T·2.537e-4 Gbps (T in TB/yr),  w_x(t) = w_x·(1 − g_net)^Δ
//	W_core = (w_core_cap·κ + w_core_dyn)·g_user,  W_fix = w_acc_dyn·(1 − μ_mob)·g_user
//	W_mob = w_mob·κ·μ_mob·g_user,  W_cdn = w_cdn·κ·g_media,  W_bb = (w_core_cap·1.5 + w_core_dyn)·g_bb
//	FE_network = 8.76·(W_core + W_fix + W_mob + W_cdn + W_bb)                    (kWh)
//	C_net = κ·g_user + 1.5·g_bb  (provisioned Gbps, the network fleet)
//	FE_network_avgalloc = (T_user + T_bb)·1000·a(t),  a(t) = 0.005·0.5^{Δ/4} kWh/GB (diagnostic)
const (
	gbpsPerTBYr = 2.537e-4 // average Gbps of 1 TB/yr
	kappaBulk   = 1.5      // provisioning factor of scheduled bulk flows
	netLife     = 6.0      // network equipment life, yr
)

func (w *work) network() {
	x := &w.x
	kap := x[fPiNet] / x[fUNet]
	trendPowers(&w.netTrend, 1-x[fGNet]) // (1 − g_net)^{v−2024}
	for j := range nY {
		gn := w.netTrend[nPre+j] // (1 − g_net)^Δ
		gUser, gMedia, gBB := w.Tuser[j]*gbpsPerTBYr, w.Tmedia[j]*gbpsPerTBYr, w.Tbb[j]*gbpsPerTBYr
		wCore := (x[fWCoreCap]*kap + x[fWCoreDyn]) * gUser * gn
		wFix := x[fWAccDyn] * (1 - x[fMuMob]) * gUser * gn
		wMob := x[fWMob] * kap * x[fMuMob] * gUser * gn
		wCdn := x[fWCdn] * kap * gMedia * gn
		wBB := (x[fWCoreCap]*kappaBulk + x[fWCoreDyn]) * gBB * gn
		w.FE[cNetwork][j] = 8.76 * (wCore + wFix + wMob + wCdn + wBB)
		w.Cnet[j] = kap*gUser + kappaBulk*gBB
		w.aNet[j] = 0.005 * netAvgHalving[j]
	}
	w.fnet.build(&w.Cnet, netLife, &w.mpow)
}
