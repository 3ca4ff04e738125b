#!/usr/bin/env python3
"""High-precision reference values of σ′(z) and tanh′(z) for the saturation tests.

Usage: scripts/derivative-references.py   (pip install mpmath if it is missing)

Prints the Swift array literal pasted into Tests/LonghandTests/SaturatedDerivativeTests.swift: for each z, σ′(z) and
tanh′(z) computed with mpmath at 1000 significant digits from their definitions, σ′ = σ(1 − σ) and tanh′ = 1 − tanh²
(at that precision the cancellation costs nothing even at z = ±700, where σ′ is 1e-304), then rounded to 17 significant digits, which is enough to pin a
double. Values below the smallest double print as 0.
"""
import subprocess
import sys

try:
    import mpmath
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "mpmath"], check=True)
    import mpmath

mpmath.mp.dps = 1000
POINTS = [0, 1, -1, 10, -10, 20, -20, 31, -31, 100, -100, 700, -700]


def sigmoid_prime(z):
    s = 1 / (1 + mpmath.e ** (-mpmath.mpf(z)))
    return s * (1 - s)


def tanh_prime(z):
    t = mpmath.tanh(mpmath.mpf(z))
    return 1 - t * t


def literal(x):
    # Below the smallest subnormal double the value rounds to 0.
    if x < mpmath.mpf("2.4703282292062328e-324"):
        return "0"
    return mpmath.nstr(x, 17, min_fixed=0, max_fixed=0).replace("e+", "e")


if __name__ == "__main__":
    print("    static let references: [(z: Double, sigmoidPrime: Double, tanhPrime: Double)] = [")
    for z in POINTS:
        print(f"        ({z}, {literal(sigmoid_prime(z))}, {literal(tanh_prime(z))}),")
    print("    ]")
