"""Conv-pool: cross-correlation with stride and padding, ReLU, max pooling, a linear output and L = ½(y - t)², on the
reported input and kernels; the backward pass written as sums over windows (np.einsum / np.add.at), central
differences, and the exercises (stride 2 with padding, overlapping pooling)."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .common import central_difference, own_gradient_checks

RUNS = [[], ["--input-size", "7", "--kernel-size", "3", "--in-channels", "2", "--out-channels", "2", "--stride", "2",
             "--padding", "1", "--pool-size", "2", "--seed", "7", "--target", "-2"]]


def windows(X, F, S, P):
    """X (C, H, W) -> (C, H2, W2, F, F): the window of output (i, j) starts at row iS - P, column jS - P."""
    Xp = np.pad(X, ((0, 0), (P, P), (P, P)))
    return sliding_window_view(Xp, (F, F), axis=(1, 2))[:, ::S, ::S]


def conv(X, K, b, S, P):
    return np.einsum("cijab,ocab->oij", windows(X, K.shape[-1], S, P), K) + np.asarray(b, float)[:, None, None]


def conv_backward(X, K, delta, S, P):
    """∂L/∂K[o,c,a,b] = Σ_ij δ[o,i,j] x_pad[c, iS+a, jS+b];  ∂L/∂x collects δ[o,i,j] K[o,c,a,b] at every cell it touched."""
    F = K.shape[-1]
    dK = np.einsum("cijab,oij->ocab", windows(X, F, S, P), delta)
    C, H, W = X.shape
    dXp = np.zeros((C, H + 2 * P, W + 2 * P))
    n = delta.shape[1]
    for a in range(F):
        for b in range(F):
            dXp[:, a:a + S * (n - 1) + 1:S, b:b + S * (n - 1) + 1:S] += np.einsum("oij,oc->cij", delta, K[:, :, a, b])
    return dK, delta.sum(axis=(1, 2)), dXp[:, P:P + H, P:P + W]


def maxpool(A, k, s):
    """Max over k×k windows moving by s; the first maximum in reading order wins. Returns the map and its positions."""
    win = sliding_window_view(A, (k, k), axis=(-2, -1))[..., ::s, ::s, :, :]
    flat = win.reshape(win.shape[:-2] + (k * k,))
    arg = flat.argmax(-1)
    i, j = np.indices(arg.shape[-2:])
    rows, cols = i * s + arg // k, j * s + arg % k
    return flat.max(-1), rows, cols


def maxpool_backward(shape, rows, cols, dP):
    dA = np.zeros(shape)
    if len(shape) == 3:
        ch = np.broadcast_to(np.arange(shape[0])[:, None, None], rows.shape)
        np.add.at(dA, (ch, rows, cols), dP)
    else:
        np.add.at(dA, (rows, cols), dP)
    return dA


def network(X, K, cb, w, c0, S, P, k):
    Z = conv(X, K, cb, S, P)
    A = np.maximum(Z, 0)
    pooled, rows, cols = maxpool(A, k, k)
    f = pooled.reshape(-1)
    return Z, A, pooled, rows, cols, f, w @ f + c0


def check(c, p, v, run):
    S, P, k, t = int(p["stride"]), int(p["padding"]), int(p["pool_size"]), p["target"]
    H, F = int(p["input_size"]), int(p["kernel_size"])
    size = lambda h, f, pad, s: (h - f + 2 * pad) / s + 1
    c.close("output_size_examples", v.get("output_size_examples"),
            [size(5, 2, 0, 1), size(4, 2, 0, 2), size(32, 5, 0, 1), size(28, 3, 1, 1), size(7, 3, 0, 2), size(6, 3, 0, 2)])
    H2 = size(H, F, P, S)
    c.close("conv_size", v.get("conv_size"), H2)
    c.close("pool_out_size", v.get("pool_out_size"), size(H2, k, 0, k))
    X, K = np.array(v["input"], float), np.array(v["kernel"], float)
    cb, w, c0 = np.array(v["conv_bias"], float), np.array(v["fc_weights"], float), float(v["fc_bias"])
    c.skip("input, kernel, conv_bias, fc_weights, fc_bias", "small whole numbers from the project's seeded generator; used as given")
    Z, A, pooled, rows, cols, f, y = network(X, K, cb, w, c0, S, P, k)
    c.close("conv_out", v.get("conv_out"), Z)
    c.close("relu_out", v.get("relu_out"), A)
    c.close("pool_out", v.get("pool_out"), pooled)
    ch = np.broadcast_to(np.arange(Z.shape[0])[:, None, None], rows.shape)
    c.equal("pool_argmax", v.get("pool_argmax"), np.stack([ch, rows, cols], -1).reshape(-1, 3).tolist())
    c.close("flat", v.get("flat"), f)
    c.close("fc_out", v.get("fc_out"), y)
    c.close("loss", v.get("loss"), 0.5 * (y - t) ** 2)
    c.close("target", v.get("target"), t)
    blocks = np.array([[[1, 3, 7, 4], [2, 9, 1, 5]], [[8, 5, 4, 2], [2, 3, 1, 4]]], float)  # text 001's four blocks
    c.close("pool_example_out", v.get("pool_example_out"), blocks.max(-1))

    dy = y - t
    c.close("dL_dfc_out", v.get("dL_dfc_out"), dy)
    c.close("dL_dfc_bias", v.get("dL_dfc_bias"), dy)
    c.close("dL_dfc_weights", v.get("dL_dfc_weights"), dy * f)
    c.close("dL_dflat", v.get("dL_dflat"), dy * w)
    dP = (dy * w).reshape(pooled.shape)
    c.close("dL_dpool_out", v.get("dL_dpool_out"), dP)
    dA = maxpool_backward(A.shape, rows, cols, dP)
    c.close("dL_drelu_out", v.get("dL_drelu_out"), dA)
    c.close("relu_gate", v.get("relu_gate"), (Z > 0).astype(float))
    delta = dA * (Z > 0)
    c.close("dL_dconv_out", v.get("dL_dconv_out"), delta)
    dK, db, dX = conv_backward(X, K, delta, S, P)
    c.close("dL_dkernel", v.get("dL_dkernel"), dK)
    c.close("dL_dconv_bias", v.get("dL_dconv_bias"), db)
    c.close("dL_dinput", v.get("dL_dinput"), dX)
    c.close("kernel_rot180", v.get("kernel_rot180"), K[0, 0, ::-1, ::-1])
    dil = np.zeros((S * (delta.shape[1] - 1) + 1,) * 2)
    dil[::S, ::S] = delta[0]
    c.close("delta_padded", v.get("delta_padded"), np.pad(dil, F - 1))

    # Central differences need a differentiable point: no z at 0 and no tie between two positive pooled maxima.
    win = sliding_window_view(A, (k, k), axis=(-2, -1))[..., ::k, ::k, :, :].reshape(pooled.shape + (k * k,))
    ties = ((win == pooled[..., None]).sum(-1) > 1) & (pooled > 0)
    kinks = int((np.abs(Z) < 1e-4).sum() + ties.sum())
    c.equal("kinks", v.get("kinks"), kinks)
    if kinks == 0:
        L = lambda X_, K_, cb_, w_, c_: 0.5 * (network(X_, K_, cb_, w_, c_, S, P, k)[-1] - t) ** 2
        for name, lesson, cd in [
            ("dL_dkernel", v.get("dL_dkernel"), central_difference(lambda q: L(X, q, cb, w, c0), K)),
            ("dL_dconv_bias", v.get("dL_dconv_bias"), central_difference(lambda q: L(X, K, q, w, c0), cb)),
            ("dL_dfc_weights", v.get("dL_dfc_weights"), central_difference(lambda q: L(X, K, cb, q, c0), w)),
            ("dL_dinput", v.get("dL_dinput"), central_difference(lambda q: L(q, K, cb, w, c0), X))]:
            # A central difference carries a rounding error of about ε·|L|/h, hence the absolute part.
            c.close(f"{name} vs central differences", lesson, cd, rtol=1e-6, atol=1e-9 * max(1.0, abs(0.5 * (y - t) ** 2)),
                    note="h = 1e-5")
    else:
        c.skip("central differences", f"{kinks} kink(s): the loss is not differentiable there")

    c.close("exercise1_sizes", v.get("exercise1_sizes"), [size(28, 5, 0, 1), size(28, 3, 1, 2), size(7, 3, 1, 2), size(24, 2, 0, 2)])
    X2 = np.array([[[1, 0, 2, 1], [3, 1, 0, 2], [0, 2, 1, 1], [2, 1, 3, 0]]], float)
    K2 = np.array([[[[1, -1], [2, 1]]]], float)
    d2 = np.array([[[1, 0, -1], [2, 1, 0], [0, -1, 1]]], float)
    c.close("exercise2_z", v.get("exercise2_z"), conv(X2, K2, [0.0], 2, 1)[0])
    dK2, _, dX2 = conv_backward(X2, K2, d2, 2, 1)
    c.close("exercise2_dL_dkernel", v.get("exercise2_dL_dkernel"), dK2[0, 0])
    c.close("exercise2_dL_dinput", v.get("exercise2_dL_dinput"), dX2[0])
    A3 = np.array([[1, 6, 0], [3, 5, 4], [7, 2, 2]], float)
    p3, r3, c3 = maxpool(A3, 2, 1)
    c.close("exercise3_pool_out", v.get("exercise3_pool_out"), p3)
    c.close("exercise3_dL_dA", v.get("exercise3_dL_dA"), maxpool_backward(A3.shape, r3, c3, np.array([[1, 2], [3, 4.0]])))
    own_gradient_checks(c, v, [k for k in v if "gradcheck" in k])
