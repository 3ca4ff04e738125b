"""Activations: every function and slope on the lesson's vector, RReLU from the reported slopes, saturation,
and the products of slopes that make gradients vanish."""
import numpy as np

from .common import sigmoid, sigmoid_prime, tanh_prime

RUNS = [[], ["--vector", "0.5,-1.5,2,-0.2,4,-6", "--slope", "0.05", "--prelu-a", "0.1", "--rrelu-lower", "0.05",
             "--rrelu-upper", "0.4", "--alpha", "0.7", "--seed", "3", "--layers", "6"],
        # Deep saturation: the slopes against mpmath references, not against a double-precision formula.
        ["--vector", "0,1,-10,20,-31,100,-100,31,-20,10"]]


def mpmath_slopes(x):
    """σ′ and tanh′ from their definitions at 1000 digits, where σ(1 − σ) and 1 − tanh² lose nothing."""
    try:
        import mpmath
    except ImportError:
        import subprocess
        import sys
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "mpmath"], check=True)
        import mpmath
    with mpmath.workdps(1000):
        s = [1 / (1 + mpmath.e ** (-mpmath.mpf(float(z)))) for z in x]
        t = [mpmath.tanh(mpmath.mpf(float(z))) for z in x]
        return np.array([float(v * (1 - v)) for v in s]), np.array([float(1 - v * v) for v in t])


def leaky(z, a):
    return np.where(z > 0, z, a * z), np.where(z > 0, 1.0, a)


def elu(z, alpha):
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0))), np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0)))


def check(c, p, v, run):
    x = np.array(p["vector"], float)
    s, a, lo, up, alpha, n = p["slope"], p["prelu_a"], p["rrelu_lower"], p["rrelu_upper"], p["alpha"], int(p["layers"])
    c.close("vector", v.get("vector"), x)
    c.close("step", v.get("step"), (x > 0).astype(float))
    c.close("step_derivative", v.get("step_derivative"), np.zeros_like(x))
    c.close("sigmoid", v.get("sigmoid"), sigmoid(x))
    c.close("sigmoid_derivative", v.get("sigmoid_derivative"), sigmoid_prime(x))
    c.close("tanh", v.get("tanh"), np.tanh(x))
    c.close("tanh_derivative", v.get("tanh_derivative"), tanh_prime(x), atol=1e-15)
    c.close("relu", v.get("relu"), np.maximum(x, 0))
    c.close("relu_derivative", v.get("relu_derivative"), (x > 0).astype(float))
    c.close("relu_derivative_negative", v.get("relu_derivative_negative"), np.zeros(int((x < 0).sum())))
    c.close("relu_derivative_zero", v.get("relu_derivative_zero"), 0.0)
    f, d = leaky(x, s)
    c.close("leaky_relu", v.get("leaky_relu"), f)
    c.close("leaky_relu_derivative", v.get("leaky_relu_derivative"), d)
    f, d = leaky(x, a)
    c.close("prelu", v.get("prelu"), f)
    c.close("prelu_derivative", v.get("prelu_derivative"), d)
    c.close("prelu_da", v.get("prelu_da"), np.where(x > 0, 0.0, x))
    c.close("rrelu_test_slope", v.get("rrelu_test_slope"), (lo + up) / 2)
    slopes = np.array(v.get("rrelu_slopes", []), float)
    c.true("rrelu_slopes in [l, u]", slopes.shape == x.shape and np.all((slopes >= lo) & (slopes <= up)),
           f"{slopes.size} seeded draws, one per input, within [{lo:g}, {up:g}]")
    c.skip("rrelu_slopes values", "drawn by the project's own seeded generator; used as given below")
    if slopes.shape == x.shape:
        c.close("rrelu_train", v.get("rrelu_train"), np.where(x > 0, x, slopes * x))
        c.close("rrelu_train_derivative", v.get("rrelu_train_derivative"), np.where(x > 0, 1.0, slopes))
    f, d = leaky(x, (lo + up) / 2)
    c.close("rrelu_test", v.get("rrelu_test"), f)
    c.close("rrelu_test_derivative", v.get("rrelu_test_derivative"), d)
    f, d = elu(x, alpha)
    c.close("elu", v.get("elu"), f)
    c.close("elu_derivative", v.get("elu_derivative"), d)

    # Every slope the lesson reports, against central differences (h = 1e-5) of the function itself.
    h = 1e-5
    cd = lambda fn: (fn(x + h) - fn(x - h)) / (2 * h)
    away = np.abs(x) > 1e-3
    for name, fn in [("sigmoid", sigmoid), ("tanh", np.tanh), ("relu", lambda z: np.maximum(z, 0)),
                     ("leaky_relu", lambda z: leaky(z, s)[0]), ("prelu", lambda z: leaky(z, a)[0]),
                     ("elu", lambda z: elu(z, alpha)[0])]:
        got = np.array(v.get(name + "_derivative"), float)
        c.close(f"{name}_derivative vs central differences", got[away], cd(fn)[away], rtol=1e-6, atol=1e-9, note="h = 1e-5")

    zs = np.array([0, 1, 2, 5, 10], float)
    c.close("saturation_z", v.get("saturation_z"), zs)
    c.close("sigmoid_derivative_at", v.get("sigmoid_derivative_at"), sigmoid_prime(zs))
    c.close("tanh_derivative_at", v.get("tanh_derivative_at"), tanh_prime(zs), atol=1e-15)
    c.close("relu_derivative_at", v.get("relu_derivative_at"), (zs > 0).astype(float))
    c.close("sigmoid_derivative_0", v.get("sigmoid_derivative_0"), sigmoid_prime(0.0))
    c.close("sigmoid_derivative_10", v.get("sigmoid_derivative_10"), sigmoid_prime(10.0))
    k = np.arange(1, n + 1)
    c.close("sigmoid_product", v.get("sigmoid_product"), 0.25 ** n)
    c.close("sigmoid_products", v.get("sigmoid_products"), 0.25 ** k)
    c.close("sigmoid_products_z2", v.get("sigmoid_products_z2"), sigmoid_prime(2.0) ** k)
    c.close("tanh_products_z1", v.get("tanh_products_z1"), tanh_prime(1.0) ** k)
    c.close("relu_products", v.get("relu_products"), np.ones(n))
    c.true("derivative_check_max_error", v.get("derivative_check_max_error", 1) < 1e-8,
           f"the lesson's own central-difference check reports {v.get('derivative_check_max_error')} < 1e-8")

    if run == 2:
        sp, tp = mpmath_slopes(x)
        c.close("sigmoid_derivative vs mpmath", v.get("sigmoid_derivative"), sp, rtol=1e-12, atol=1e-300, note="1000 digits")
        c.close("tanh_derivative vs mpmath", v.get("tanh_derivative"), tp, rtol=1e-12, atol=1e-300, note="1000 digits")

    e = np.array([-0.5, 0.0, 2.5])
    c.close("exercise1_relu", v.get("exercise1_relu"), np.maximum(e, 0))
    c.close("exercise1_relu_derivative", v.get("exercise1_relu_derivative"), (e > 0).astype(float))
    f, d = leaky(e, 0.01)
    c.close("exercise1_leaky_relu", v.get("exercise1_leaky_relu"), f)
    c.close("exercise1_leaky_relu_derivative", v.get("exercise1_leaky_relu_derivative"), d)
    f, d = elu(e, 1.0)
    c.close("exercise1_elu", v.get("exercise1_elu"), f)
    # ELU'(0) with α = 1: both one-sided slopes are 1, so the value at the corner is 1.
    c.close("exercise1_elu_derivative", v.get("exercise1_elu_derivative"), np.where(e >= 0, 1.0, np.exp(e)))
    needed = int(np.argmax(0.25 ** np.arange(1, 100) < 1e-6)) + 1
    c.equal("exercise2_layers_needed", v.get("exercise2_layers_needed"), needed)
    c.close("exercise2_product", v.get("exercise2_product"), 0.25 ** needed)
    c.close("exercise3_tanh", v.get("exercise3_tanh"), np.tanh(0.5))
    c.close("exercise3_sigma_2z", v.get("exercise3_sigma_2z"), sigmoid(1.0))
    c.close("exercise3_two_sigma_minus_one", v.get("exercise3_two_sigma_minus_one"), 2 * sigmoid(1.0) - 1)
    c.close("exercise3_slope_ratio", v.get("exercise3_slope_ratio"), tanh_prime(0.0) / sigmoid_prime(0.0))
