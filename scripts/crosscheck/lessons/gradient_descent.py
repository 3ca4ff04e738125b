"""Gradient descent: the bowl C = a1 v1² + a2 v2² (each step is v_i <- (1 - 2 a_i η) v_i, so the k-th point is a
closed form), and least-squares fits by np.linalg.lstsq against gradient descent written as an eigen-expansion."""
import numpy as np

RUNS = [[], ["--bowl", "2,0.5", "--start", "-1.5,2", "--etas", "0.05,0.3,0.45,0.6", "--steps", "15", "--seed", "11",
             "--fit-steps", "3000"]]


def bowl_points(a, v0, eta, steps):
    """v_k = (1 - 2 a η)^k v0 for k = 0..steps, all at once."""
    k = np.arange(steps + 1)[:, None]
    return (1 - 2 * a * eta) ** k * v0


def fit(c, tag, X, y, steps, v):
    """Normal-equation answer, cost, η = 1/λmax of (2/n) XᵀX, and gradient descent from β = 0 after `steps` steps:
    β_k = β* - V (1 - ηλ)^k Vᵀ β* with H = (2/n) XᵀX = V diag(λ) Vᵀ."""
    n = len(y)
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    c.close(f"{tag}_closed_form", v.get(f"{tag}_closed_form"), beta)
    c.close(f"{tag}_cost", v.get(f"{tag}_cost"), np.mean((X @ beta - y) ** 2))
    lam, V = np.linalg.eigh(2 / n * X.T @ X)
    eta = 1 / lam.max()
    c.close(f"{tag}_learning_rate", v.get(f"{tag}_learning_rate"), eta)
    gd = beta - V @ ((1 - eta * lam) ** steps * (V.T @ beta))
    # Roundoff in β* itself (condition number of XᵀX) limits agreement; 1e-9 relative to the largest coefficient.
    c.close(f"{tag}_gradient_descent", v.get(f"{tag}_gradient_descent"), gd, rtol=1e-9, atol=1e-9 * np.abs(beta).max())
    # Largest |GD - normal equations|: once converged both are rounding-level (~1e-15), hence the absolute 1e-12.
    c.close(f"{tag}_difference", v.get(f"{tag}_difference"), np.abs(gd - beta).max(), rtol=1e-6, atol=1e-12)
    return beta


def check(c, p, v, run):
    a, v0, etas, steps, fit_steps = (np.array(p["bowl"], float), np.array(p["start"], float), np.array(p["etas"], float),
                                     int(p["steps"]), int(p["fit_steps"]))
    C = lambda pts: (a * pts ** 2).sum(-1)
    eta = etas[0]
    g = 2 * a * v0
    c.close("C_start", v.get("C_start"), C(v0))
    c.close("grad_C", v.get("grad_C"), g)
    c.close("delta_v", v.get("delta_v"), -eta * g)
    c.close("v_next", v.get("v_next"), v0 - eta * g)
    c.close("C_next", v.get("C_next"), C(v0 - eta * g))
    c.close("dC_linear", v.get("dC_linear"), g @ (-eta * g))
    c.close("dC_exact", v.get("dC_exact"), C(v0 - eta * g) - C(v0))
    c.close("dC_miss_over_eta_squared", v.get("dC_miss_over_eta_squared"), (a * g ** 2).sum())
    paths = [bowl_points(a, v0, e, steps) for e in etas]
    c.close("costs", v.get("costs"), [C(q) for q in paths])
    c.close("final_points", v.get("final_points"), [q[-1] for q in paths], atol=1e-15 * np.abs(v0).max())
    for i, e in enumerate(etas[:6]):
        c.close(f"contraction_{i + 1}", v.get(f"contraction_{i + 1}"), 1 - 2 * a * e, atol=1e-15)
    c.close("eta_threshold", v.get("eta_threshold"), 1 / a.max())
    c.close("eta_fastest", v.get("eta_fastest"), 1 / (a.min() + a.max()))
    c.equal("falls_every_step", v.get("falls_every_step"), [int(np.all(np.diff(C(q)) < 0)) for q in paths])

    lx, ly = np.array(v["line_x"], float), np.array(v["line_y"], float)
    c.skip("line/multiple/poly data", "x and y drawn by the project's seeded generator; fits checked from the reported points")
    fit(c, "line", np.column_stack([np.ones_like(lx), lx]), ly, fit_steps, v)
    slope = ((lx - lx.mean()) * (ly - ly.mean())).sum() / ((lx - lx.mean()) ** 2).sum()
    c.close("line_slope", v.get("line_slope"), slope)
    c.close("line_intercept", v.get("line_intercept"), ly.mean() - slope * lx.mean())
    c.close("line_closed_form vs slope/intercept formula", v.get("line_closed_form"), [ly.mean() - slope * lx.mean(), slope])
    mx, my = np.array(v["multiple_x"], float), np.array(v["multiple_y"], float)
    fit(c, "multiple", np.column_stack([np.ones(len(my)), mx]), my, fit_steps, v)
    px, py = np.array(v["poly_x"], float), np.array(v["poly_y"], float)
    fit(c, "poly", np.vander(px, 4, increasing=True), py, fit_steps, v)

    a1 = np.array([3.0, 1.0])
    c.close("exercise1_eta_threshold", v.get("exercise1_eta_threshold"), 1 / a1.max())
    c.close("exercise1_costs", v.get("exercise1_costs"), (a1 * bowl_points(a1, np.array([1.0, 1.0]), 0.3, 3) ** 2).sum(-1))
    X2, y2 = np.column_stack([np.ones(3), [0, 1, 2.0]]), np.array([1, 3, 4.0])
    b2, *_ = np.linalg.lstsq(X2, y2, rcond=None)
    c.close("exercise2_beta", v.get("exercise2_beta"), b2)
    lam, V = np.linalg.eigh(2 / 3 * X2.T @ X2)
    c.close("exercise2_gradient_descent", v.get("exercise2_gradient_descent"),
            b2 - V @ ((1 - lam / lam.max()) ** 2000 * (V.T @ b2)), atol=1e-12)
    fastest = 1 / (a.min() + a.max())
    c.close("exercise3_eta_fastest", v.get("exercise3_eta_fastest"), fastest)
    c.close("exercise3_C_final", v.get("exercise3_C_final"), C(bowl_points(a, v0, fastest, steps)[-1]))
