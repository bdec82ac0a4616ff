package aiglobal2

// Capacity module (docs/ai-model.md §2.3): batch fleets sized on throughput,
// the inference fleet on PEAK demand (the VoD rule), a reserve on top.
//
//	u_in = min(0.95, u_in24 + (0.9 − u_in24)·u_lev·w),  r = min(0.9, r24·(1 − 0.8·u_lev·w))
//	a_tr(t) = min(0.99, a_tr + (0.95 − a_tr)·u_lev·w)
//	Cap_pre = K_pre/a_tr,  Cap_post = K_post/a_tr,  Cap_syn = K_syn/a_tr,  Cap_in = max(π, 1)·K_in/u_in
//	alloc = Cap_pre + Cap_post + Cap_syn + Cap_in,  sh_c = Cap_c/max(alloc, 1e-30)
//	Cap_res = r/(1 − r)·alloc,  Cap_req = alloc + Cap_res                       (H100e)
//	CPU_req = EIT_dp/(8760·0.5)                                                  (kW)
//	MW_req = (p̄·Cap_req + EIT_sto/8760 + CPU_req)/1000/0.8                      (MW IT)
const (
	cpuUtil = 0.5 // utilisation of the data-processing CPU fleet
	uPower  = 0.8 // provisioned DC power / nameplate
)

// Compute components, in the order their capacities are summed.
const (
	capPre = iota
	capPost
	capSyn
	capIn
	nCap
)

// capComp maps a compute capacity to its component.
var capComp = [nCap]int{cPretrain, cPosttrain, cDatagen, cInfer}

func (w *work) capacity() {
	x := &w.x
	for j := range nY {
		wr := wRamp[j]
		uLev := x[fULev]
		uIn := min(0.95, x[fUIn24]+(0.9-x[fUIn24])*uLev*wr)
		r := min(0.9, x[fR24]*(1-0.8*uLev*wr))
		aTr := min(0.99, x[fATr]+(0.95-x[fATr])*uLev*wr)
		w.aTr[j] = aTr
		w.Cap[capPre][j] = w.Kpre[j] / aTr
		w.Cap[capPost][j] = w.Kpost[j] / aTr
		w.Cap[capSyn][j] = w.Ksyn[j] / aTr
		w.Cap[capIn][j] = max(x[fPi], 1.0) * w.Kin[j] / uIn
		alloc := w.Cap[capPre][j] + w.Cap[capPost][j] + w.Cap[capSyn][j] + w.Cap[capIn][j]
		w.capRes[j] = r / (1 - r) * alloc
		w.capReq[j] = alloc + w.capRes[j]
		for c := range nCap {
			w.shareC[c][j] = w.Cap[c][j] / max(alloc, 1e-30)
		}
	}
}
