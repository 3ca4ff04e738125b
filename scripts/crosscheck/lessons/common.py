"""Shared numpy formulas for the cross-check, each written from its textbook definition."""
import itertools

import numpy as np


def sigmoid(z):
    """σ(z) = 1/(1 + e^(-z)), evaluated on the side where the exponential cannot overflow."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """σ'(z) = σ(z)(1 - σ(z)) = σ(z)σ(-z), the second form without cancellation."""
    return sigmoid(z) * sigmoid(-np.asarray(z, dtype=float))


def tanh_prime(z):
    """tanh'(z) = 1 - tanh²(z) = 1/cosh²(z)."""
    return 1.0 / np.cosh(np.asarray(z, dtype=float)) ** 2


def softmax(s, axis=-1):
    s = np.asarray(s, dtype=float)
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def logsumexp(s, axis=-1):
    s = np.asarray(s, dtype=float)
    m = s.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(s - m).sum(axis=axis, keepdims=True))).squeeze(axis)


# Activations as (f, f') pairs; at a corner the left-hand slope, as the course's convention says.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (np.tanh, tanh_prime),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (np.asarray(z) > 0).astype(float)),
    "leaky-relu": (lambda z: np.where(np.asarray(z) > 0, z, 0.01 * np.asarray(z)),
                   lambda z: np.where(np.asarray(z) > 0, 1.0, 0.01)),
    "elu": (lambda z: np.where(np.asarray(z) > 0, z, np.expm1(np.minimum(z, 0.0))),
            lambda z: np.where(np.asarray(z) > 0, 1.0, np.exp(np.minimum(z, 0.0)))),
    "identity": (lambda z: np.asarray(z, dtype=float), lambda z: np.ones_like(np.asarray(z, dtype=float))),
}


def central_difference(f, p, h=1e-5):
    """(f(p + h e_i) - f(p - h e_i)) / 2h for every entry of the array p (p is not modified)."""
    p = np.array(p, dtype=float)
    g = np.zeros_like(p)
    for i in np.ndindex(p.shape):
        old = p[i]
        p[i] = old + h
        up = f(p)
        p[i] = old - h
        down = f(p)
        p[i] = old
        g[i] = (up - down) / (2 * h)
    return g


def perceptron_rule(X, t, eta, epochs, w0=None, b0=0.0):
    """Rosenblatt's rule, examples in order. Returns (weights, bias, mistakes per epoch, first perfect epoch,
    cycle) where cycle = [k, e] when the state at the start of epoch e repeats that of epoch k."""
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1]) if w0 is None else np.array(w0, dtype=float)
    b = float(b0)
    starts = [(tuple(w), b)]
    mistakes = []
    for epoch in range(1, epochs + 1):
        wrong = 0
        for x, target in zip(X, t):
            y = 1.0 if w @ x + b > 0 else 0.0
            if target != y:
                wrong += 1
                w = w + eta * (target - y) * x
                b = b + eta * (target - y)
        mistakes.append(wrong)
        if wrong == 0:
            return w, b, mistakes, epoch, None
        state = (tuple(w), b)
        if state in starts:
            return w, b, mistakes, None, [starts.index(state) + 1, epoch + 1]
        starts.append(state)
    return w, b, mistakes, None, None


BINARY3 = np.array(list(itertools.product([0, 1], repeat=3)), dtype=float)
BINARY2 = np.array(list(itertools.product([0, 1], repeat=2)), dtype=float)


def own_gradient_checks(c, v, keys, bound=1e-4):
    """The lesson's own central-difference checks (its reported errors) must be small: one line for all of them.
    They are the lesson's self-test, so only a bound can be checked, not the exact rounding-level numbers. The bound
    is 1e-4, not 1e-6: a purely relative error of a gradient entry near 1e-7 reaches ~1e-5 from rounding alone
    (ε·C/h divided by |g|), e.g. backprop-equations' exercise 1 with --hidden 4,3 --activation tanh --seed 4."""
    vals = {k: np.max(np.abs(np.asarray(v[k], float))) for k in keys if k in v}
    missing = [k for k in keys if k not in v]
    worst = max(vals.values()) if vals else float("nan")
    c.true("the lesson's own gradient checks", not missing and worst < bound,
           f"{len(vals)} reported errors, largest {worst:.2g} < {bound:g}" + (f"; missing {missing}" if missing else ""))
