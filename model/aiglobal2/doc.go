package aiglobal2

import "mc/model"

// The documentation that mc models prints (docs/ai-model.md).
func init() {
	model.Document(Name, model.Doc{
		Summary: "AI worldwide, 2020–2050 (v2, docs/ai-model.md): pre-training, post-training and inference by service; " +
			"the data lifecycle (creation, processing, storage, transfers); peak-dimensioned capacity; fleets by vintage; " +
			"a VoD-style network tier; optional end-user devices; coherent regional electricity (location- and market-based GWP, AWARE water); " +
			"use phase and manufacturing on purchases",
		Parameters: []model.Parameter{
			{Name: "devices_in_total", Unit: "1", Default: "false", Description: "count end-user devices (module U) in the criterion totals; they are always reported apart"},
		},
	})
	model.Document(ServicesName, model.Doc{
		Summary: "individual AI services on the modules of ai-global v2 (docs/ai-model.md §9): per-service demand and data, shared fleets, network and electricity",
		Parameters: []model.Parameter{
			{Name: "services", Default: "", Description: "list of service names ([a-z][a-z0-9_]*), e.g. [chat, image]; service s gets factors s.<factor>"},
			{Name: "kinds", Default: "", Description: "one kind per service: text, reason, image or video"},
		},
	})
}
