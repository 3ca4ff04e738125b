"""Regularization: the one-step L2/L1 updates, dropout's scale and masks, the max-norm projection, early stopping
replayed on the reported validation curve, and the summary's bookkeeping. The data, starting weights and masks come
from the project's seeded generator and are not reported, so the training runs themselves are not recomputed."""
import numpy as np

from .common import own_gradient_checks

RUNS = [[], ["--points", "12", "--noise", "0.2", "--hidden", "15", "--steepness", "4", "--learning-rate", "0.15",
             "--iterations", "800", "--l2", "0.01", "--l1", "0.02", "--dropout", "0.25", "--patience", "60",
             "--max-norm", "1.5", "--copies", "3", "--jitter", "0.05", "--seed", "8"]]


def project(w, r):
    n = np.linalg.norm(w)
    return n, min(1.0, r / n), np.asarray(w, float) * min(1.0, r / n)


def check(c, p, v, run):
    eta, l2, l1, drop, r = p["learning_rate"], p["l2"], p["l1"], p["dropout"], p["max_norm"]
    c.skip("data, starting weights, masks, jitter, training runs", "from the project's seeded generator, not reported")
    x = np.array(v["train_x"], float)
    c.true("train_x in [-1, 1]", x.size == p["points"] and np.all(np.abs(x) <= 1), f"{x.size} points drawn from U(-1, 1)")
    w, g = v["weight"], v["data_gradient"]
    c.close("l2_gradient = 2λw", v.get("l2_gradient"), 2 * l2 * w)
    c.close("l2_weight_after = w - η(∂C/∂w + 2λw)", v.get("l2_weight_after"), w - eta * (g + 2 * l2 * w))
    c.close("l2_weight_after = (1 - 2ηλ)w - η∂C/∂w", v.get("l2_weight_after"), (1 - 2 * eta * l2) * w - eta * g)
    c.close("l1_gradient = λ sign(w)", v.get("l1_gradient"), l1 * np.sign(w))
    c.close("l1_weight_after", v.get("l1_weight_after"), w - eta * (g + l1 * np.sign(w)))

    keep = 1 / (1 - drop)
    c.close("keep_scale = 1/(1 - p)", v.get("keep_scale"), keep)
    mask = np.array(v["mask_row"], float)
    c.true("mask_row entries are 0 or 1/(1 - p)", mask.size == p["hidden"] and np.all(np.isclose(mask, 0) | np.isclose(mask, keep)),
           f"{mask.size} entries, {int(np.isclose(mask, 0).sum())} dropped")
    c.true("dropped_in_first_step ≤ points × hidden", 0 <= v["dropped_in_first_step"] <= p["points"] * p["hidden"],
           f"{v['dropped_in_first_step']} of {p['points'] * p['hidden']}")

    steps = np.array(v["recorded_steps"], float)
    tr, va, te = (np.array(v[k], float) for k in ("train_losses", "validation_losses", "test_losses"))
    every = steps[1] - steps[0]  # the page states the interval (10 by default; fewer steps for short runs)
    c.close(f"recorded_steps: every {every:g} steps from 0 to --iterations", steps, np.arange(0, p["iterations"] + 1, every))
    c.close("min_test_loss", v.get("min_test_loss"), te.min())
    c.close("min_test_step", v.get("min_test_step"), steps[te.argmin()])
    # Early stopping on the same (deterministic) run: best so far, stop after `patience` steps without a new best.
    best_i, stop = 0, steps[-1]
    for i in range(len(steps)):
        if va[i] < va[best_i]:
            best_i = i
        if steps[i] - steps[best_i] >= p["patience"]:
            stop = steps[i]
            break
    c.close("best_step", v.get("best_step"), steps[best_i])
    c.close("stopped_at", v.get("stopped_at"), stop)
    c.close("early_stopping_best_step", v.get("early_stopping_best_step"), steps[best_i])
    c.close("early_stopping_stopped_at", v.get("early_stopping_stopped_at"), stop)
    rise = np.flatnonzero(np.diff(va) > 0)
    c.close("first_rise_step", v.get("first_rise_step"), steps[rise[0]] if rise.size else steps[-1])
    c.close("train_loss[none], test_loss[none] = last recorded", [v["train_loss"]["none"], v["test_loss"]["none"]], [tr[-1], te[-1]])
    c.close("train_loss[early_stopping], test_loss[...] = at best_step",
            [v["train_loss"]["early_stopping"], v["test_loss"]["early_stopping"]], [tr[best_i], te[best_i]])
    remedies = {k: val for k, val in v["test_loss"].items() if k != "none"}
    c.equal("best_remedy", v.get("best_remedy"), min(remedies, key=remedies.get))

    n, f, _ = project([v["hidden_norm"]], r)
    c.close("hidden_projected = ‖w‖ · min(1, r/‖w‖)", v.get("hidden_projected"), n * f)
    c.close("augmented_points = points × (copies + 1)", v.get("augmented_points"), p["points"] * (p["copies"] + 1))

    c.close("exercise1_l2", [v.get("exercise1_l2_gradient"), v.get("exercise1_l2_after")],
            [2 * 0.01 * 0.8, 0.8 - 0.1 * (0.05 + 2 * 0.01 * 0.8)])
    c.close("exercise1_l1", [v.get("exercise1_l1_gradient"), v.get("exercise1_l1_after")], [0.01, 0.8 - 0.1 * (0.05 + 0.01)])
    for i, vec in ((1, [3, -4]), (2, [0.6, 0.8])):
        n, f, q = project(vec, 2.0)
        c.close(f"exercise2_norm{i}, factor{i}", [v.get(f"exercise2_norm{i}"), v.get(f"exercise2_factor{i}")], [n, f])
        c.close(f"exercise2_projected{i}", v.get(f"exercise2_projected{i}"), q)
    own_gradient_checks(c, v, ["l2_gradient_check", "l1_gradient_check", "dropout_gradient_check"])
