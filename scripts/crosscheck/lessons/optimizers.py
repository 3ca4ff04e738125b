"""Optimizers on the bowl C = a v1² + b v2²: gradient descent as (1 - 2aη)^k, momentum (heavy ball) as powers of its
2×2 transition matrix, Adam's first moments, bias corrections and path written out, convergence counts, exercises.
The 2-16-3 network and the default configuration use seeded data and weights, so only their bookkeeping is checked."""
import numpy as np

RUNS = [[], ["--bowl", "3,20", "--start", "2.5,-1.5", "--learning-rate", "0.03", "--momentum", "0.8", "--adam-rate", "0.1",
             "--beta1", "0.85", "--beta2", "0.99", "--epsilon", "1e-6", "--steps", "120", "--tolerance", "1e-3",
             "--network-rate", "0.4", "--network-adam-rate", "0.03", "--epochs", "30", "--seed", "2"]]


def momentum_path(A, v0, eta, beta, steps):
    """Per coordinate (v, u) -> M (v, u) with M = [[1 - 2aη, β], [-2aη, β]]; state_k = V Λ^k V⁻¹ state_0."""
    pts, vel = np.zeros((steps + 1, 2)), np.zeros((steps + 1, 2))
    k = np.arange(steps + 1)
    for i in range(2):
        M = np.array([[1 - 2 * A[i] * eta, beta], [-2 * A[i] * eta, beta]])
        lam, V = np.linalg.eig(M)
        if abs(lam[0] - lam[1]) < 1e-9:  # a repeated eigenvalue: fall back to matrix powers
            states = np.array([np.linalg.matrix_power(M, j) @ [v0[i], 0.0] for j in k])
        else:
            coef = np.linalg.solve(V, np.array([v0[i], 0.0], dtype=complex))
            states = np.real((V[None, :, :] * (lam[None, :] ** k[:, None])[:, None, :]) @ coef)
        pts[:, i], vel[:, i] = states[:, 0], states[:, 1]
    return pts, vel


def adam(A, v0, eta, b1, b2, eps, steps, scale=1.0):
    v, m, s = np.array(v0, float), np.zeros(2), np.zeros(2)
    path, ms, ss, mh, sh = [v.copy()], [], [], [], []
    for t in range(1, steps + 1):
        g = scale * 2 * A * v
        m = b1 * m + (1 - b1) * g
        s = b2 * s + (1 - b2) * g ** 2
        m_hat, s_hat = m / (1 - b1 ** t), s / (1 - b2 ** t)
        v = v - eta * m_hat / (np.sqrt(s_hat) + eps)
        path.append(v.copy()), ms.append(m.copy()), ss.append(s.copy()), mh.append(m_hat), sh.append(s_hat)
    return np.array(path), np.array(ms), np.array(ss), np.array(mh), np.array(sh)


def first_below(costs, tol):
    hit = np.flatnonzero(costs < tol)
    return int(hit[0]) if hit.size else None


def check(c, p, v, run):
    A, v0, eta, beta = np.array(p["bowl"], float), np.array(p["start"], float), p["learning_rate"], p["momentum"]
    steps, tol = int(p["steps"]), p["tolerance"]
    C = lambda pts: (A * np.asarray(pts) ** 2).sum(-1)
    small = 1e-13 * np.abs(v0).max()  # points far below the start keep only the start's absolute precision

    gd = (1 - 2 * A * eta) ** np.arange(steps + 1)[:, None] * v0
    c.close("gd_path = (1 - 2aη)^k v0", v.get("gd_path"), gd, atol=small)
    c.close("gd_loss", v.get("gd_loss"), C(gd), atol=small ** 2 * A.max())
    mp, mv = momentum_path(A, v0, eta, beta, steps)
    c.close("momentum_path (transition-matrix powers)", v.get("momentum_path"), mp, rtol=1e-9, atol=small)
    c.close("momentum_loss", v.get("momentum_loss"), C(mp), atol=small * np.abs(v0).max() * A.max())
    nv = len(v.get("momentum_velocity", []))
    c.close("momentum_velocity (first steps)", v.get("momentum_velocity"), mv[1:nv + 1], atol=small)
    ap, am, as_, amh, ash = adam(A, v0, p["adam_rate"], p["beta1"], p["beta2"], p["epsilon"], steps)
    c.close("adam_path", v.get("adam_path"), ap, atol=small)
    c.close("adam_loss", v.get("adam_loss"), C(ap), atol=small * np.abs(v0).max() * A.max())
    na = len(v.get("adam_m", []))
    for name, val in [("adam_m", am), ("adam_s", as_), ("adam_m_hat", amh), ("adam_s_hat", ash)]:
        c.close(f"{name} (first steps)", v.get(name), val[:na])
    conv = [first_below(C(q), tol) for q in (gd, mp, ap)]
    c.equal("steps_to_converge (first step with C < tolerance)", v.get("steps_to_converge"), [-1 if k is None else k for k in conv])
    c.close("final_costs", v.get("final_costs"), [C(gd[-1]), C(mp[-1]), C(ap[-1])], atol=small ** 2 * A.max() * 1e3)

    c.skip("network runs and configurations", "spiral data, weights and dropout masks are seeded, not reported")
    first = [v["network_losses_sgd"][0], v["network_losses_momentum"][0], v["network_losses_adam"][0]]
    c.close("network runs share the starting loss", first, [first[0]] * 3)
    c.close("network_final_loss_* = last of network_losses_*",
            [v["network_final_loss_sgd"], v["network_final_loss_momentum"], v["network_final_loss_adam"]],
            [v["network_losses_sgd"][-1], v["network_losses_momentum"][-1], v["network_losses_adam"][-1]])
    c.equal("network_losses_* have epochs + 1 entries", [len(v[k]) for k in ("network_losses_sgd", "default_losses")],
            [int(p["epochs"]) + 1] * 2)
    c.close("plain/default final losses = first/last configuration and last of their curves",
            [v["plain_final_loss"], v["default_final_loss"], v["plain_final_loss"], v["default_final_loss"]],
            [v["configuration_final_losses"][0], v["configuration_final_losses"][-1], v["plain_losses"][-1], v["default_losses"][-1]])

    eta1 = 1.1 / A.max()  # "10% above" the stability limit 1/max(a, b)
    c.close("exercise1_factors", v.get("exercise1_factors"), 1 - 2 * A * eta1)
    n1 = len(v.get("exercise1_costs", []))
    c.close("exercise1_costs", v.get("exercise1_costs"), C((1 - 2 * A * eta1) ** np.arange(n1)[:, None] * v0))
    scaled = adam(A, v0, p["adam_rate"], p["beta1"], p["beta2"], p["epsilon"], 5, scale=1000.0)[0]
    c.close("exercise2_max_difference (Adam on 1000·C vs C, 5 steps)", v.get("exercise2_max_difference"),
            np.abs(scaled - ap[:6]).max(), rtol=1e-3, atol=1e-15, note="a rounding-and-ε-sized number")
    c.close("exercise2_gd_first_step", v.get("exercise2_gd_first_step"), v0 - eta * 1000 * 2 * A * v0)
    betas = [0, 0.5, 0.8, 0.9, 0.95, 0.99]
    counts = []
    for b in betas:
        pts, _ = momentum_path(A, v0, eta, b, 20000)
        k = first_below(C(pts), tol)
        counts.append(-1 if k is None else k)
    c.equal(f"exercise3_steps_to_converge (β = {betas})", v.get("exercise3_steps_to_converge"), counts)
