"""Evaluation: thresholding a multi-label output, the split sizes, and every metric derived from the reported confusion
matrix (accuracy, n/m, TP/FP/FN, precision, recall). The data and the trained networks come from the project's seeded
generator and are not reported, so the matrix itself and the per-width accuracies are taken as given."""
import math

import numpy as np

RUNS = [[], ["--outputs", "0.3,0.75,0.7,0.95,0.1", "--targets", "0,1,0,1,1", "--threshold", "0.7", "--samples", "150",
             "--split", "0.5,0.25,0.25", "--spread", "1.2", "--widths", "2,8", "--iterations", "150",
             "--learning-rate", "0.8", "--positive-class", "A", "--seed", "3"]]


def prf(cm, k):
    tp = cm[k, k]
    fp = cm[:, k].sum() - tp
    fn = cm[k, :].sum() - tp
    return tp, fp, fn, tp / (tp + fp), tp / (tp + fn)


def check(c, p, v, run):
    out, tgt, thr = np.array(p["outputs"], float), np.array(p["targets"], float), p["threshold"]
    dec = (out > thr).astype(float)
    c.close("thresholded", v.get("thresholded"), dec)
    c.equal("sample_correct", v.get("sample_correct"), int(np.all(dec == tgt)))
    c.equal("matching_labels", v.get("matching_labels"), int((dec == tgt).sum()))
    n_all, split = int(p["samples"]), p["split"]
    half_up = lambda x: int(math.floor(x + 0.5))
    n_train, n_val = half_up(split[0] * n_all), half_up(split[1] * n_all)
    c.equal("split_sizes", v.get("split_sizes"), [n_train, n_val, n_all - n_train - n_val])

    acc = np.array(v.get("validation_accuracies"), float)
    c.true("validation_accuracies are counts / n_val", np.allclose(acc * n_val, np.round(acc * n_val), atol=1e-9),
           f"every accuracy is a whole number of the {n_val} validation points")
    best = np.flatnonzero(acc == acc.max())
    c.true("chosen_width has the highest validation accuracy", v.get("chosen_width") in [p["widths"][i] for i in best],
           f"widths {p['widths']}, accuracies {np.round(acc, 4).tolist()}, chosen {v.get('chosen_width')}"
           + (" (tie: broken by validation loss, not reported)" if len(best) > 1 else ""))
    chosen = p["widths"].index(v.get("chosen_width")) if v.get("chosen_width") in p["widths"] else 0
    c.close("validation_accuracy", v.get("validation_accuracy"), acc[chosen])
    c.skip("confusion_matrix, train_accuracy, widest_gap", "need the seeded data and trained networks; the matrix is used as given")

    cm = np.array(v["confusion_matrix"], float)
    n = cm.sum()
    m = n - np.trace(cm)
    c.equal("n", v.get("n"), int(n))
    c.equal("confusion matrix total = test set size", int(n), n_all - n_train - n_val)
    c.equal("m", v.get("m"), int(m))
    c.equal("errors", v.get("errors"), int(m))
    c.close("accuracy", v.get("accuracy"), (n - m) / n)
    c.close("diagonal_accuracy", v.get("diagonal_accuracy"), np.trace(cm) / n)
    c.close("test_accuracy", v.get("test_accuracy"), (n - m) / n)
    c.close("n_over_m", v.get("n_over_m"), n / m if m else np.inf)
    k = "ABC".index(p["positive_class"])
    tp, fp, fn, prec, rec = prf(cm, k)
    c.close("true_positives, false_positives, false_negatives",
            [v.get("true_positives"), v.get("false_positives"), v.get("false_negatives")], [tp, fp, fn])
    c.close("precision", v.get("precision"), prec)
    c.close("recall", v.get("recall"), rec)

    e = np.array([0.82, 0.35, 0.71, 0.64])
    lab = np.array([1, 0, 1, 1.0])
    c.equal("exercise1_correct_at_0.7", v.get("exercise1_correct_at_0.7"), int(np.all((e > 0.7) == lab)))
    c.equal("exercise1_correct_at_0.6", v.get("exercise1_correct_at_0.6"), int(np.all((e > 0.6) == lab)))
    c.close("exercise2_accuracy", v.get("exercise2_accuracy"), (50 - 8) / 50)
    c.close("exercise2_n_over_m", v.get("exercise2_n_over_m"), 50 / 8)
    other = (k + 1) % 3  # the exercise names the class after the positive one (C for the default B)
    _, _, _, prec3, rec3 = prf(cm, other)
    c.close(f"exercise3_precision (class {'ABC'[other]})", v.get("exercise3_precision"), prec3)
    c.close(f"exercise3_recall (class {'ABC'[other]})", v.get("exercise3_recall"), rec3)
