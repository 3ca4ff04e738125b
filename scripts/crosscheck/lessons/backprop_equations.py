"""BP1-BP4 in the row convention (z = a W + b, C = ½‖a^L - y‖²) on the reported (rounded) weights: forward pass,
every δ, every gradient (and central differences), the simultaneous update, the "top layer first" variant, exercises."""
import numpy as np

from .common import ACTIVATIONS, central_difference, own_gradient_checks

RUNS = [[], ["--hidden", "4,3", "--activation", "tanh", "--input", "0.5,-1,2", "--target", "0.3,0.1",
             "--learning-rate", "0.2", "--seed", "4"]]


def forward(Ws, bs, x, act):
    f = ACTIVATIONS[act][0]
    a, zs, As = np.asarray(x, float), [], [np.asarray(x, float)]
    for W, b in zip(Ws, bs):
        z = a @ W + b
        a = f(z)
        zs.append(z)
        As.append(a)
    return zs, As


def cost(Ws, bs, x, y, act):
    return 0.5 * float(np.sum((forward(Ws, bs, x, act)[1][-1] - y) ** 2))


def backward(Ws, bs, x, y, act, top_first_eta=None):
    """BP1: δ^L = (a^L - y) ⊙ f'(z^L); BP2: δ^l = (δ^(l+1) W^(l+1)ᵀ) ⊙ f'(z^l); BP3: ∂C/∂b = δ; BP4: ∂C/∂W = a^(l-1)ᵀ δ.
    With top_first_eta, each W^(l+1) is replaced by its updated value before it carries δ down (the erratum's variant)."""
    df = ACTIVATIONS[act][1]
    zs, As = forward(Ws, bs, x, act)
    L = len(Ws)
    deltas, dWs = [None] * L, [None] * L
    delta = (As[-1] - y) * df(zs[-1])
    for l in range(L - 1, -1, -1):
        deltas[l] = delta
        dWs[l] = np.outer(As[l], delta)
        if l > 0:
            W_above = Ws[l] - top_first_eta * dWs[l] if top_first_eta is not None else Ws[l]
            delta = (delta @ W_above.T) * df(zs[l - 1])
    return deltas, dWs


def check(c, p, v, run):
    x, y, act, eta = np.array(p["input"], float), np.array(p["target"], float), p["activation"], p["learning_rate"]
    L = len(p["hidden"]) + 1
    Ws = [np.array(v[f"W{l}"], float) for l in range(1, L + 1)]
    bs = [np.array(v[f"b{l}"], float) for l in range(1, L + 1)]
    c.skip("W, b", "N(0, 1) draws of the project's seeded generator, rounded to two decimals; used as given")
    c.true("W, b rounded to two decimals", all(np.allclose(np.round(A, 2), A, atol=1e-12) for A in Ws + bs),
           "every reported weight and bias is a multiple of 0.01")
    zs, As = forward(Ws, bs, x, act)
    for l in range(L):
        c.close(f"z{l + 1}", v.get(f"z{l + 1}"), zs[l])
        c.close(f"a{l + 1}", v.get(f"a{l + 1}"), As[l + 1])
    C = cost(Ws, bs, x, y, act)
    c.close("cost", v.get("cost"), C)
    c.close("dC_da", v.get("dC_da"), As[-1] - y)
    deltas, dWs = backward(Ws, bs, x, y, act)
    for l in range(L):
        c.close(f"delta{l + 1} (BP1/BP2)", v.get(f"delta{l + 1}"), deltas[l])
        c.close(f"dC_db{l + 1} (BP3)", v.get(f"dC_db{l + 1}"), deltas[l])
        c.close(f"dC_dW{l + 1} (BP4)", v.get(f"dC_dW{l + 1}"), dWs[l])
        cdW = central_difference(lambda W: cost(Ws[:l] + [W] + Ws[l + 1:], bs, x, y, act), Ws[l])
        cdb = central_difference(lambda b: cost(Ws, bs[:l] + [b] + bs[l + 1:], x, y, act), bs[l])
        c.close(f"dC_dW{l + 1}, dC_db{l + 1} vs central differences",
                np.concatenate([np.ravel(v.get(f"dC_dW{l + 1}")), np.ravel(v.get(f"dC_db{l + 1}"))]),
                np.concatenate([cdW.ravel(), cdb.ravel()]), rtol=1e-6, atol=1e-10, note="h = 1e-5")
    Wn = [W - eta * g for W, g in zip(Ws, dWs)]
    bn = [b - eta * d for b, d in zip(bs, deltas)]
    for l in range(L):
        c.close(f"W{l + 1}_after", v.get(f"W{l + 1}_after"), Wn[l])
        c.close(f"b{l + 1}_after", v.get(f"b{l + 1}_after"), bn[l])
    c.close("cost_after", v.get("cost_after"), cost(Wn, bn, x, y, act))

    tf_deltas, tf_dWs = backward(Ws, bs, x, y, act, top_first_eta=eta)
    c.close("top_first_delta1", v.get("top_first_delta1"), tf_deltas[0])
    c.close("top_first_dC_dW1", v.get("top_first_dC_dW1"), tf_dWs[0])
    rel = lambda a, b: np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-300))
    worst = rel(tf_dWs[0], dWs[0])
    c.close("top_first_relative_error", v.get("top_first_relative_error"), worst, rtol=1e-5,
            note="largest over dC/dW1; the lesson measures against central differences, hence 1e-5")
    tWn = [W - eta * g for W, g in zip(Ws, tf_dWs)]
    tbn = [b - eta * d for b, d in zip(bs, tf_deltas)]
    c.close("top_first_cost_after", v.get("top_first_cost_after"), cost(tWn, tbn, x, y, act))

    x1 = np.array([[-1.0, 2, 0.5, -2][i % 4] for i in range(x.size)])
    y1 = np.array([[0.0, 1, 1, 0][j % 4] for j in range(y.size)])
    d1, g1 = backward(Ws, bs, x1, y1, act)
    c.close(f"exercise1_delta{L}", v.get(f"exercise1_delta{L}"), d1[-1])
    c.close("exercise1_delta1", v.get("exercise1_delta1"), d1[0])
    c.close("exercise1_dC_dW1", v.get("exercise1_dC_dW1"), g1[0])
    other = "sigmoid" if act == "tanh" else "tanh"
    d2, g2 = backward(Ws, bs, x, y, other)
    c.close(f"exercise2_delta{L} ({other})", v.get(f"exercise2_delta{L}"), d2[-1])
    c.close(f"exercise2_delta1 ({other})", v.get("exercise2_delta1"), d2[0])
    c.close(f"exercise2_dC_dW1 ({other})", v.get("exercise2_dC_dW1"), g2[0])
    # Batch of the two examples, C = mean of the two costs: Xᵀ Δ¹ with each row of Δ¹ the example's δ¹ / 2.
    Xb = np.vstack([x, x1])
    c.close("exercise3_batch_dC_dW1", v.get("exercise3_batch_dC_dW1"), Xb.T @ (np.vstack([deltas[0], d1[0]]) / 2))
    c.close("exercise3_batch_dC_dW1 = mean of single gradients", v.get("exercise3_batch_dC_dW1"), (dWs[0] + g1[0]) / 2)
    c.close("exercise3_max_difference", v.get("exercise3_max_difference"),
            np.abs(Xb.T @ (np.vstack([deltas[0], d1[0]]) / 2) - (dWs[0] + g1[0]) / 2).max(), rtol=1, atol=1e-15,
            note="rounding-level")
    own_gradient_checks(c, v, ["max_relative_error", "exercise1_max_relative_error"])
