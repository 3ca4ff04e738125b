"""Batch normalization forward and backward (closed-form backward, and central differences of L = Σ G ⊙ y), the
running statistics and prediction mode, clipping by value and by norm, and the training run's bookkeeping (the deep
network's weights and batches are seeded and not reported)."""
import numpy as np

from .common import central_difference

RUNS = [[], ["--batch", "0.5,-2,1.5,3,4,1,-1,0,2.5,7", "--gamma", "-1.5,3", "--beta", "0.5,-2", "--epsilon", "0.001",
             "--upstream", "0.2,-0.1,0.05,0.3,-0.4,0.25,0.1,-0.2,0.6,0.15", "--momentum", "0.8", "--example", "-1,2",
             "--gradient", "-3,11", "--threshold", "6", "--clip-mode", "value", "--train-threshold", "3",
             "--learning-rate", "0.04", "--steps", "80", "--seed", "9"]]


def bn(X, gamma, beta, eps):
    mu = X.mean(0)
    var = X.var(0)  # divides by m, the batch's own variance
    xh = (X - mu) / np.sqrt(var + eps)
    return mu, var, xh, gamma * xh + beta


def bn_backward(X, G, gamma, eps):
    """Compact form: ∂L/∂x = (1/m)(1/√(σ²+ε)) (m ĝ - Σ ĝ - x̂ Σ ĝ x̂), with ĝ = G γ."""
    m = X.shape[0]
    _, var, xh, _ = bn(X, gamma, 0, eps)
    gh = G * gamma
    return (m * gh - gh.sum(0) - xh * (gh * xh).sum(0)) / (m * np.sqrt(var + eps))


def clip_norm(g, c):
    return g * min(1.0, c / np.linalg.norm(g))


def check(c, p, v, run):
    X, gamma, beta, eps = np.array(p["batch"], float), np.array(p["gamma"], float), np.array(p["beta"], float), p["epsilon"]
    G = np.array(p["upstream"], float)
    m = X.shape[0]
    mu, var, xh, y = bn(X, gamma, beta, eps)
    for name, val in [("mean", mu), ("variance", var), ("normalized", xh), ("output", y)]:
        c.close(name, v.get(name), val)
    c.close("dL_dbeta", v.get("dL_dbeta"), G.sum(0), atol=1e-15 * np.abs(G).sum())
    c.close("dL_dgamma", v.get("dL_dgamma"), (G * xh).sum(0))
    gh = G * gamma
    c.close("dL_dnormalized", v.get("dL_dnormalized"), gh)
    c.close("dL_dvariance", v.get("dL_dvariance"), (gh * (X - mu)).sum(0) * -0.5 * (var + eps) ** -1.5)
    # ∂L/∂μ is a sum that cancels to 0 for some columns: compare at the rounding level of its terms.
    c.close("dL_dmean", v.get("dL_dmean"), -gh.sum(0) / np.sqrt(var + eps), atol=1e-15 * np.abs(gh).sum() / np.sqrt(var.min() + eps))
    dx = bn_backward(X, G, gamma, eps)
    c.close("dL_dx (compact form)", v.get("dL_dx"), dx, atol=1e-14 * np.abs(gh).max() / np.sqrt(var.min() + eps))
    L = lambda Xq: float((G * bn(Xq, gamma, beta, eps)[3]).sum())
    scale = np.abs(G * y).sum()
    c.close("dL_dx vs central differences", v.get("dL_dx"), central_difference(L, X), rtol=1e-6, atol=1e-10 * max(1, scale),
            note="h = 1e-5")
    c.close("dL_dgamma vs central differences", v.get("dL_dgamma"),
            central_difference(lambda q: float((G * bn(X, q, beta, eps)[3]).sum()), gamma), rtol=1e-6, atol=1e-10 * max(1, scale))
    c.true("max_absolute_difference, max_relative_error", v["max_absolute_difference"] < 1e-8 and v["max_relative_error"] < 1e-6,
           f"the lesson's own check: {v['max_absolute_difference']:.2g}, {v['max_relative_error']:.2g}")

    ex = np.array(p["example"], float)
    c.close("single_example_output = β", v.get("single_example_output"), bn(ex[None, :], gamma, beta, eps)[3][0])
    mom = p["momentum"]
    c.close("running_mean_after_one", v.get("running_mean_after_one"), mom * 0 + (1 - mom) * mu)
    c.close("running_variance_after_one", v.get("running_variance_after_one"), mom * 1 + (1 - mom) * var)
    c.skip("running_mean, running_variance after all batches", "the further batches are seeded draws, not reported")
    rm, rv = np.array(v["running_mean"], float), np.array(v["running_variance"], float)
    c.close("prediction_normalized", v.get("prediction_normalized"), (ex - rm) / np.sqrt(rv + eps))
    c.close("prediction_output", v.get("prediction_output"), gamma * (ex - rm) / np.sqrt(rv + eps) + beta)

    g, th = np.array(p["gradient"], float), p["threshold"]
    c.close("gradient_norm", v.get("gradient_norm"), np.linalg.norm(g))
    cv, cn = np.clip(g, -th, th), clip_norm(g, th)
    c.close("clipped_value", v.get("clipped_value"), cv)
    c.close("clipped_norm", v.get("clipped_norm"), cn)
    c.close(f"clipped (--clip-mode {p['clip_mode']})", v.get("clipped"), cv if p["clip_mode"] == "value" else cn)
    cos = lambda a, b: a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
    c.close("cosine_value", v.get("cosine_value"), cos(g, cv))
    c.close("cosine_norm", v.get("cosine_norm"), cos(g, cn))
    text = lambda q, t: np.where(np.abs(q) > t, q - t * np.sign(q), q)
    c.close("text_rule (subtract the threshold)", v.get("text_rule"), text(g, th))

    c.skip("training run", "the deep network's N(0, 1) weights are seeded draws, not reported; bookkeeping checked")
    lu, lc = np.array(v["losses_unclipped"], float), np.array(v["losses_clipped"], float)
    nu, nc = np.array(v["gradient_norms_unclipped"], float), np.array(v["gradient_norms_clipped"], float)
    c.close("initial_loss = first loss of both runs", [v["initial_loss"], v["initial_loss"]], [lu[0], lc[0]])
    c.close("first gradient norm equal in both runs", nu[0], nc[0])
    c.close("final_loss_clipped = last loss", v.get("final_loss_clipped"), lc[-1])
    c.equal("losses_clipped has steps + 1 entries", len(lc), int(p["steps"]) + 1)
    if v.get("diverged_unclipped", -1) >= 0:
        c.equal("diverged_unclipped = steps recorded before stopping", v.get("diverged_unclipped"), len(lu))
    else:  # -1: the unclipped run did not blow up and ran every step
        c.equal("unclipped run not diverged: losses_unclipped has steps + 1 entries", len(lu), int(p["steps"]) + 1)
    if p["clip_mode"] == "norm":
        c.equal("clipped_steps = steps with ‖g‖ > c", v.get("clipped_steps"), int((nc > p["train_threshold"]).sum()))
    else:
        c.true("clipped_steps ≤ steps", 0 <= v["clipped_steps"] <= p["steps"], f"{v['clipped_steps']} (by value: needs components)")
    for name, total in (("layer_gradient_norms", nu[0]), ("layer_gradient_norms_last", nu[-1])):
        lw = np.linalg.norm(v[name])
        c.true(f"‖({name})‖ ≤ total gradient norm", lw <= total * (1 + 1e-12),
               f"weights alone {lw:.6g} ≤ weights and biases {total:.6g}")

    e = np.array([3, -7, 0.5, 12, -1.0])
    c.close("exercise1_clipped_value", v.get("exercise1_clipped_value"), np.clip(e, -5, 5))
    c.close("exercise1_clipped_norm", v.get("exercise1_clipped_norm"), clip_norm(e, 5))
    c.close("exercise1_text_rule", v.get("exercise1_text_rule"), text(e, 5))
    b2 = np.array([[10.0], [20], [60]])
    mu2, var2, xh2, _ = bn(b2, 1.0, 0.0, eps)
    c.close("exercise2 mean, variance", [v.get("exercise2_mean"), v.get("exercise2_variance")], [mu2[0], var2[0]])
    c.close("exercise2_normalized", v.get("exercise2_normalized"), xh2[:, 0])
    c.close("exercise2_normalized_moved", v.get("exercise2_normalized_moved"), bn(b2 * 10 + 100, 1.0, 0.0, eps)[2][:, 0])
    G3 = np.column_stack([np.ones(m), xh[:, 1]])
    c.close("exercise3_dL_dgamma", v.get("exercise3_dL_dgamma"), (G3 * xh).sum(0), atol=1e-14 * m)
    c.close("exercise3_dL_dbeta", v.get("exercise3_dL_dbeta"), G3.sum(0), atol=1e-14 * m)
    # Mathematically 0 up to ε's effect; the entries are rounding-level residues of O(γ/σ) terms.
    c.close("exercise3_dL_dx", v.get("exercise3_dL_dx"), bn_backward(X, G3, gamma, eps),
            rtol=1e-6, atol=1e-14 * np.abs(gamma).max() * m / np.sqrt(var.min() + eps))
