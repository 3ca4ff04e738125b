"""Perceptron: weighted sums against a threshold, the bias form, NAND, and Rosenblatt's rule on AND, XOR, OR."""
import numpy as np

from .common import BINARY2, BINARY3, perceptron_rule

RUNS = [[], ["--weights", "1,3,-2", "--threshold", "0.5", "--learning-rate", "0.5", "--epochs", "30"]]


def check(c, p, v, run):
    w, t, eta, epochs = np.array(p["weights"], float), p["threshold"], p["learning_rate"], int(p["epochs"])
    c.close("example_sum", v.get("example_sum"), w @ [0, 1, 1])
    c.equal("example_output", v.get("example_output"), int(w @ [0, 1, 1] > t))
    sums = BINARY3 @ w
    c.close("weighted_sums", v.get("weighted_sums"), sums)
    c.equal("outputs", v.get("outputs"), (sums > t).astype(int))
    c.close("bias", v.get("bias"), -t)
    nand = BINARY2 @ [-2, -2] + 3
    c.close("nand_sums", v.get("nand_sums"), nand)
    c.equal("nand_outputs", v.get("nand_outputs"), (nand > 0).astype(int))

    w_and, b_and, _, k_and, _ = perceptron_rule(BINARY2, [0, 0, 0, 1], eta, epochs)
    if k_and is not None:
        c.equal("and_converged_epoch", v.get("and_converged_epoch"), k_and)
    else:
        c.true("and_converged_epoch", "and_converged_epoch" not in v, "no perfect epoch within --epochs, none reported")
    c.close("and_weights", v.get("and_weights"), w_and)
    c.close("and_bias", v.get("and_bias"), b_and)
    _, _, mistakes, k_xor, cycle = perceptron_rule(BINARY2, [0, 1, 1, 0], eta, epochs)
    c.equal("xor_mistakes", v.get("xor_mistakes"), mistakes)
    c.equal("xor_cycle", v.get("xor_cycle"), cycle)

    # Exercises use the text's fixed numbers.
    c.equal("exercise1_go_count", v.get("exercise1_go_count"), int((BINARY3 @ [6, 2, 2] > 3).sum()))
    c.equal("exercise2_or_outputs", v.get("exercise2_or_outputs"), (BINARY2 @ [1, 1] - 0.5 > 0).astype(int))
    _, _, _, k_or, _ = perceptron_rule(BINARY2, [0, 1, 1, 1], 1.0, 1000)
    c.equal("exercise3_or_converged_epoch", v.get("exercise3_or_converged_epoch"), k_or)
