"""Initialization: fan-ins and the LeCun/Glorot/He standard deviations, and what can be checked without the seeded weights:
every initialization scales the same draws, so layer 1's weighted inputs scale exactly with σ (and with ReLU, which is
positively homogeneous and has zero biases, every layer's do); E[z²] = RMS²; ratios of the reported norms."""
import numpy as np

RUNS = [[], ["--layers", "6", "--width", "16", "--inputs", "5", "--batch", "32", "--normal-scale", "0.5",
             "--activation", "relu", "--seed", "2"]]


def check(c, p, v, run):
    L, width, m0, scale, act = int(p["layers"]), int(p["width"]), int(p["inputs"]), p["normal_scale"], p["activation"]
    fan = np.array([m0] + [width] * (L - 1), float)
    c.close("fan_in", v.get("fan_in"), fan)
    # Each layer feeds the next; the last one has a single output.
    fan_out = np.append(fan[1:], 1.0)
    xs, hs = 1 / np.sqrt(fan), np.sqrt(2 / fan)
    c.close("lecun_std = 1/√fan_in", v.get("lecun_std"), xs)
    c.close("glorot_std = √(2/(fan_in + fan_out))", v.get("glorot_std"), np.sqrt(2 / (fan + fan_out)))
    c.close("he_std", v.get("he_std"), hs)
    c.skip("weights, inputs, targets", "drawn by the project's seeded generator and not reported: the forward and "
                                       "backward passes cannot be recomputed, only their scaling laws")
    z = {k: np.array(val, float) for k, val in v["z_rms"].items()}
    c.close("z_rms layer 1: LeCun / N(0, σ²) = (1/√m)/σ", z["lecun"][0] / z["normal"][0], xs[0] / scale)
    c.close("z_rms layer 1: He / N(0, σ²) = √(2/m)/σ", z["he"][0] / z["normal"][0], hs[0] / scale)
    if act == "relu":
        # ReLU(c·z) = c·ReLU(z) for c > 0 and biases are 0: layer l's z scales by Π_{k≤l} (σ_k / σ'_k).
        c.close("z_rms every layer: He / LeCun = (√2)^l (ReLU is homogeneous)", z["he"] / z["lecun"],
                np.cumprod(hs / xs))
        c.close("z_rms every layer: LeCun / N(0, σ²) = Π (1/√m_k)/σ", z["lecun"] / z["normal"], np.cumprod(xs / scale))
    for k in ("normal", "lecun", "glorot", "he"):
        c.close(f"measured_z2_{k} = RMS(z²)² of layer 2", v.get(f"measured_z2_{k}"), z[k][1] ** 2)
    c.skip("predicted_z2_*", "needs E[(a¹)²], which the lesson measures on the unreported batch")
    norms = v["gradient_norms"]
    keys = [(a, k) for a in norms for k in norms[a]]
    g = [np.array(norms[a][k], float) for a, k in keys]
    c.close("gradient_ratios = ‖∂C/∂W¹‖/‖∂C/∂W^L‖ (activation × initialization)",
            [v["gradient_ratios"][a][k] for a, k in keys], [x[0] / x[-1] for x in g])
    c.close("layer1_gradient_norms (activation × initialization)", [v["layer1_gradient_norms"][a][k] for a, k in keys],
            [x[0] for x in g])
    c.close("exercise1 stds (m = 100, 512)",
            [v.get("exercise1_lecun_std_100"), v.get("exercise1_he_std_100"), v.get("exercise1_lecun_std_512"),
             v.get("exercise1_he_std_512")], [0.1, np.sqrt(0.02), 1 / np.sqrt(512), np.sqrt(2 / 512)])
    c.skip("exercise2", "a second seeded network (20 layers of 16, seed 1), not reported")
    if run == 0:
        # Exercise 3 draws the default tanh network's weights from N(0, 0.1²): the same draws times 0.1/σ.
        c.close("exercise3_z_rms[0] = 0.1/σ · z_rms[normal][0]", v["exercise3_z_rms"][0], 0.1 / scale * z["normal"][0])
    dn, gn = np.array(v["exercise3_delta_norms"], float), np.array(v["exercise3_gradient_norms"], float)
    c.close("exercise3_delta_ratio", v.get("exercise3_delta_ratio"), dn[0] / dn[-1])
    c.close("exercise3_ratio", v.get("exercise3_ratio"), gn[0] / gn[-1])
