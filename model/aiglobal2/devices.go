package aiglobal2

// End-user devices module (docs/ai-model.md §2.7), an optional component:
// attributable active device time per request is t_req for text and video,
// 0.5·t_req for reasoning (agents run unattended) and images.
//
//	T_dev = Σ_s N_s·t_req·τ_s/3600 h/yr,  FE_devices = T_dev·p_dev/1000 kWh,
//	manufacturing GWP T_dev·e_dev_h (the same in production-year and amortised modes)
var deviceTime = [nReqSv]float64{1.0, 0.5, 0.5, 1.0}

func (w *work) devices() {
	x := &w.x
	for j := range nY {
		t := 0.0
		for s := range nReqSv {
			t += w.N[s][j] * x[fTReq] * deviceTime[s]
		}
		w.Tdev[j] = t / 3600
		w.FE[cDevices][j] = w.Tdev[j] * x[fPDev] / 1000
	}
}
