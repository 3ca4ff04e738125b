"""Sigmoid neuron: z, σ(z), σ'(z), the linear approximation of a small change against the exact change."""
import numpy as np

from .common import central_difference, sigmoid, sigmoid_prime, own_gradient_checks

RUNS = [[], ["--weights", "0.5,-1.5,2", "--bias", "-0.3", "--inputs", "1.2,0.4,-0.7",
             "--delta-weights", "0.05,-0.1,0.02", "--delta-bias", "-0.04"]]


def check(c, p, v, run):
    w, b, x = np.array(p["weights"], float), p["bias"], np.array(p["inputs"], float)
    dw, db = np.array(p["delta_weights"], float), p["delta_bias"]
    z = w @ x + b
    c.close("z", v.get("z"), z)
    c.close("output", v.get("output"), sigmoid(z))
    sp = sigmoid_prime(z)
    c.close("sigma_prime", v.get("sigma_prime"), sp)
    c.close("dout_dw", v.get("dout_dw"), sp * x)
    c.close("dout_db", v.get("dout_db"), sp)
    # The lesson's chain-rule derivatives against central differences of σ(w·x + b) (h = 1e-5).
    theta = np.append(w, b)
    f = lambda t: float(sigmoid(t[:-1] @ x + t[-1]))
    c.close("dout_dw, dout_db vs central differences", np.append(v.get("dout_dw"), v.get("dout_db")),
            central_difference(f, theta), rtol=1e-6, atol=1e-11, note="h = 1e-5")
    approx = sp * x @ dw + sp * db
    c.close("approx_change", v.get("approx_change"), approx)
    z_new = (w + dw) @ x + b + db
    c.close("z_new", v.get("z_new"), z_new)
    exact = sigmoid(z_new) - sigmoid(z)
    # σ(z') - σ(z) loses digits to cancellation when both are near 1: allow the absolute rounding of σ itself.
    c.close("exact_change", v.get("exact_change"), exact, atol=1e-15)
    c.close("approximation_error", v.get("approximation_error"), abs(exact - approx), atol=1e-15)
    c.equal("predicted_class", v.get("predicted_class"), int(z > 0))
    z1 = np.dot([0.5, -1], [1, 4]) + 2
    c.close("exercise1_z", v.get("exercise1_z"), z1)
    c.close("exercise1_output", v.get("exercise1_output"), sigmoid(z1))
    c.close("exercise2_sigma_prime", v.get("exercise2_sigma_prime"), sigmoid_prime([0.0, 2.0, 5.0]))
    c.close("exercise3_approx_change", v.get("exercise3_approx_change"), sigmoid_prime(0.0) * 0.5)
    c.close("exercise3_exact_change", v.get("exercise3_exact_change"), sigmoid(0.5) - sigmoid(0.0))
    own_gradient_checks(c, v, ["gradient_check_max_relative_error"])
