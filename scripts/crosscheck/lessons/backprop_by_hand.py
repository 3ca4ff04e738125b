"""Backprop by hand: Alice's forward and backward pass, all nine gradients (and central differences), one SGD
step, per-sample SGD training from the reported N(0, 1) start, Emily and Frank, and the exercises."""
import numpy as np

from .common import central_difference, sigmoid, sigmoid_prime, own_gradient_checks

RUNS = [[], ["--learning-rate", "0.3", "--epochs", "300", "--seed", "3"]]

X = np.array([[-2, -1], [25, 6], [17, 4], [-15, -6]], float)   # weight - 135 lb, height - 66 in
Y = np.array([1, 0, 0, 1], float)                               # female = 1
NAMES = ["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"]


def forward(p, x):
    """p = (w1..w6, b1, b2, b3); x is one row (2,) or a batch (n, 2). Returns z1, h1, z2, h2, z3, ŷ."""
    w1, w2, w3, w4, w5, w6, b1, b2, b3 = p
    z1 = w1 * x[..., 0] + w2 * x[..., 1] + b1
    z2 = w3 * x[..., 0] + w4 * x[..., 1] + b2
    h1, h2 = sigmoid(z1), sigmoid(z2)
    z3 = w5 * h1 + w6 * h2 + b3
    return z1, h1, z2, h2, z3, sigmoid(z3)


def gradient(p, x, y):
    """∂L/∂p for L = mean over the rows of (y - ŷ)², by the chain rule (δ3 = ∂L/∂ŷ σ'(z3), δ1 = δ3 w5 σ'(z1), ...)."""
    z1, h1, z2, h2, z3, yp = forward(p, x)
    d3 = -2 * (y - yp) * sigmoid_prime(z3)
    d1 = d3 * p[4] * sigmoid_prime(z1)
    d2 = d3 * p[5] * sigmoid_prime(z2)
    g = np.array([d1 * x[..., 0], d1 * x[..., 1], d2 * x[..., 0], d2 * x[..., 1], d3 * h1, d3 * h2, d1, d2, d3])
    return g.reshape(9, -1).mean(axis=1)


def loss(p, x, y):
    return float(np.mean((y - forward(p, x)[5]) ** 2))


def train(p0, eta, epochs):
    """Per-sample SGD in the table's order; the MSE over all four after every 10th epoch (epoch 0 first)."""
    p = np.array(p0, float)
    curve = [loss(p, X, Y)]
    for epoch in range(1, epochs + 1):
        for x, y in zip(X, Y):
            p = p - eta * gradient(p, x, y)
        if epoch % 10 == 0:
            curve.append(loss(p, X, Y))
    return p, np.array(curve)


def check(c, p, v, run):
    eta, epochs = p["learning_rate"], int(p["epochs"])
    c.close("inputs", v.get("inputs"), X)
    c.close("targets", v.get("targets"), Y)
    c.close("mse_all_zero", v.get("mse_all_zero"), np.mean(Y ** 2))
    ones = np.array([1, 1, 1, 1, 1, 1, 0, 0, 0], float)
    z1, h1, z2, h2, z3, yp = forward(ones, X[0])
    for name, val in [("z1", z1), ("h1", h1), ("z2", z2), ("h2", h2), ("z3", z3), ("ypred", yp)]:
        c.close(name, v.get(name), val)
    c.close("loss", v.get("loss"), (1 - yp) ** 2)
    c.close("predictions_all_ones", v.get("predictions_all_ones"), forward(ones, X)[5])
    c.close("mse_all_ones", v.get("mse_all_ones"), loss(ones, X, Y))
    dl = -2 * (1 - yp)
    c.close("dL_dypred", v.get("dL_dypred"), dl)
    c.close("sigmoid_prime_z3", v.get("sigmoid_prime_z3"), sigmoid_prime(z3))
    c.close("dypred_dh1", v.get("dypred_dh1"), 1 * sigmoid_prime(z3))
    c.close("sigmoid_prime_z1", v.get("sigmoid_prime_z1"), sigmoid_prime(z1))
    c.close("dh1_dw1", v.get("dh1_dw1"), X[0, 0] * sigmoid_prime(z1))
    c.close("dL_dw1 = ∂L/∂ŷ · ∂ŷ/∂h1 · ∂h1/∂w1", v.get("dL_dw1"), dl * sigmoid_prime(z3) * X[0, 0] * sigmoid_prime(z1))
    # The text's product of rounded factors: ŷ ≈ 0.524 so ∂L/∂ŷ ≈ -0.952, σ'(z3) ≈ 0.249, ∂h1/∂w1 ≈ -0.0904.
    c.close("dL_dw1_from_rounded_factors", v.get("dL_dw1_from_rounded_factors"),
            -2 * (1 - round(float(yp), 3)) * round(float(sigmoid_prime(z3)), 3) * round(float(X[0, 0] * sigmoid_prime(z1)), 4))
    d3 = dl * sigmoid_prime(z3)
    c.close("delta3", v.get("delta3"), d3)
    c.close("delta1", v.get("delta1"), d3 * 1 * sigmoid_prime(z1))
    c.close("delta2", v.get("delta2"), d3 * 1 * sigmoid_prime(z2))
    g = gradient(ones, X[0], Y[0])
    c.close("gradient", v.get("gradient"), g)
    for name, gi in zip(NAMES, g):
        c.close(f"dL_d{name}", v.get(f"dL_d{name}"), gi)
    c.close("gradient vs central differences", v.get("gradient"),
            central_difference(lambda q: loss(q, X[0], Y[0]), ones), rtol=1e-6, atol=1e-10, note="h = 1e-5")
    after = ones - eta * g
    c.close("parameters_after_step", v.get("parameters_after_step"), after)
    c.close("ypred_after_step", v.get("ypred_after_step"), forward(after, X[0])[5])
    c.close("loss_after_step", v.get("loss_after_step"), loss(after, X[0], Y[0]))
    c.close("predicted_loss_change", v.get("predicted_loss_change"), -eta * (g ** 2).sum())

    start = np.array(v["initial_parameters"], float)
    c.skip("initial_parameters", "N(0, 1) draws of the project's seeded generator; training is checked from them")
    c.close("initial_loss", v.get("initial_loss"), loss(start, X, Y))
    final, curve = train(start, eta, epochs)
    c.close("loss_curve", v.get("loss_curve"), curve, atol=1e-15)
    c.close("loss_curve_epochs", v.get("loss_curve_epochs"), np.arange(0, epochs + 1, 10))
    c.close("final_parameters", v.get("final_parameters"), final)
    c.close("final_loss", v.get("final_loss"), loss(final, X, Y))
    c.close("predictions", v.get("predictions"), forward(final, X)[5])
    c.close("emily", v.get("emily"), forward(final, np.array([128 - 135, 63 - 66.0]))[5])
    c.close("frank", v.get("frank"), forward(final, np.array([155 - 135, 68 - 66.0]))[5])

    # Exercise 1: Bob with every weight 1. Exercise 2: Diana with every weight 0.1.
    z1, h1, _, _, z3, yb = forward(ones, X[1])
    c.close("exercise1 z1, h1, ypred", [v.get("exercise1_z1"), v.get("exercise1_h1"), v.get("exercise1_ypred")], [z1, h1, yb])
    c.close("exercise1_sigmoid_prime_z1", v.get("exercise1_sigmoid_prime_z1"), sigmoid_prime(z1))
    c.close("exercise1_dL_dw1", v.get("exercise1_dL_dw1"), gradient(ones, X[1], Y[1])[0])
    tenth = np.array([0.1] * 6 + [0, 0, 0])
    z1, h1, _, _, z3, yd = forward(tenth, X[3])
    gd = gradient(tenth, X[3], Y[3])
    c.close("exercise2 z1, h1, z3, ypred", [v.get("exercise2_z1"), v.get("exercise2_h1"), v.get("exercise2_z3"),
                                           v.get("exercise2_ypred")], [z1, h1, z3, yd])
    c.close("exercise2_dL_dypred", v.get("exercise2_dL_dypred"), -2 * (1 - yd))
    c.close("exercise2 delta3, dL_dw5, dL_db3, delta1, dL_dw1",
            [v.get("exercise2_delta3"), v.get("exercise2_dL_dw5"), v.get("exercise2_dL_db3"), v.get("exercise2_delta1"),
             v.get("exercise2_dL_dw1")], [gd[8], gd[4], gd[8], gd[6], gd[0]])
    final3, curve3 = train(start, 0.01, 1000)
    c.close("exercise3_final_loss (η = 0.01, 1000 epochs)", v.get("exercise3_final_loss"), curve3[-1])
    c.close("exercise3_emily", v.get("exercise3_emily"), forward(final3, np.array([-7.0, -3.0]))[5])
    own_gradient_checks(c, v, ["gradient_check_relative_errors", "gradient_check_max_relative_error",
                               "training_gradient_check_relative_errors", "training_gradient_check_max_relative_error",
                               "exercise2_gradient_check_max_relative_error"])
