package model

// The documentation of the models of this package (see Document).
func init() {
	Document("ishigami", Doc{
		Summary: "test function of Ishigami & Homma (1990): y = sin x1 + a sin² x2 + b x3⁴ sin x1, with exact Sobol' indices",
		Parameters: []Parameter{
			{Name: "a", Unit: "1", Default: "7", Description: "weight of the sin² x2 term"},
			{Name: "b", Unit: "1", Default: "0.1", Description: "weight of the x3⁴ sin x1 interaction"},
		},
	})
	Document("sobol-g", Doc{
		Summary: "G function of Saltelli & Sobol' (1995): y = Π (|4x_i − 2| + a_i)/(1 + a_i), x_i in [0, 1]",
		Parameters: []Parameter{
			{Name: "a", Unit: "1", Default: "[0, 1, 4.5, 9, 99, 99, 99, 99]", Description: "one a_i ≥ 0 per factor (its length sets the factors x1..xk); small a_i: important x_i"},
		},
	})
	Document("morris2006", Doc{
		Summary: "screening test function of Morris, Moore & McKay (2006): p equally important inputs among M",
		Parameters: []Parameter{
			{Name: "p", Unit: "1", Default: "5", Description: "number of active inputs (p ≥ 2)"},
			{Name: "M", Unit: "1", Default: "20", Description: "number of inputs x1..xM (M ≥ p); the last M − p are inert"},
		},
	})
	Document("atantemp", Doc{
		Summary: "arctangent temporal function (R package sensitivity, atantemp.fun): a trajectory y(t_k) = atan(x1) cos t_k + atan(x2) sin t_k",
		Parameters: []Parameter{
			{Name: "q", Unit: "steps", Default: "100", Description: "number of time steps t_k = 2πk/(q − 1), reported as \"years\" k = 0..q−1 (2 ≤ q ≤ 2^20)"},
		},
	})
	Document("ai-global-v1", Doc{
		Summary: "v1 of ai-global (kept to reproduce earlier results; docs/ai-model-v1.md): fleet-level impacts of AI worldwide, 2020–2050: training, inference, data processing, storage and network; use phase and manufacturing; final and primary energy, GWP, water, abiotic resources",
	})
	Document("ai-services-v1", Doc{
		Summary: "v1 of ai-services (kept to reproduce earlier results): individual AI services (a chat assistant, an image generator, …), 2020–2050, each with its own factors and the shared factors of ai-global-v1",
		Parameters: []Parameter{
			{Name: "services", Default: "", Description: "list of service names ([a-z][a-z0-9_]*), e.g. [chat, image]; each service s gets factors s.<factor>"},
		},
	})
}
