"""Loss functions: three scalings of squared error, softmax and log-softmax, cross-entropy and its gradient p - t,
the multiclass hinge loss with an L2 penalty and its gradient in W."""
import numpy as np

from .common import central_difference, logsumexp, softmax, own_gradient_checks

RUNS = [[], ["--y-true", "0.5,-1,2", "--y-pred", "0.2,0.3,1.5", "--scores", "-1,2.5,0.3", "--true-class", "3",
             "--weights", "0.5,-1,2,0.3,-0.4,1.5", "--input", "1,-2", "--label", "2", "--lambda", "0.05"]]


def hinge(W, x, y, lam):
    s = W @ x
    margins = np.delete(s - s[y] + 1, y)
    return np.maximum(margins, 0).sum() + lam * (W ** 2).sum()


def check(c, p, v, run):
    yt, yp = np.array(p["y_true"], float), np.array(p["y_pred"], float)
    n = yt.size
    sq = (yt - yp) ** 2
    c.close("squared_errors", v.get("squared_errors"), sq)
    c.close("squared_error_sum", v.get("squared_error_sum"), sq.sum())
    c.close("mse_mean", v.get("mse_mean"), sq.mean())
    c.close("mse_half_sum", v.get("mse_half_sum"), sq.sum() / 2)
    c.close("mse_half_mean", v.get("mse_half_mean"), sq.sum() / (2 * n))
    for name, const in [("mse_mean_gradient", 1 / n), ("mse_half_sum_gradient", 0.5), ("mse_half_mean_gradient", 0.5 / n)]:
        c.close(name, v.get(name), -2 * const * (yt - yp))

    s, k = np.array(p["scores"], float), int(p["true_class"]) - 1
    t = np.eye(s.size)[k]
    c.close("exponentials", v.get("exponentials"), np.exp(s))
    c.close("exp_sum", v.get("exp_sum"), np.exp(s).sum())
    prob = softmax(s)
    c.close("softmax", v.get("softmax"), prob)
    c.close("softmax_sum", v.get("softmax_sum"), prob.sum())
    lse = logsumexp(s)
    c.close("log_sum_exp", v.get("log_sum_exp"), lse)
    c.close("log_softmax", v.get("log_softmax"), s - lse)
    c.close("one_hot", v.get("one_hot"), t)
    c.close("cross_entropy_text", v.get("cross_entropy_text"), -np.log(0.9))
    c.close("minus_log10_text", v.get("minus_log10_text"), -np.log10(0.9))
    ce = -np.log(prob[k])
    c.close("cross_entropy", v.get("cross_entropy"), ce)
    c.close("cross_entropy_terms", v.get("cross_entropy_terms"), -t * np.log(prob))
    c.close("cross_entropy_gradient", v.get("cross_entropy_gradient"), prob - t)
    c.close("cross_entropy_gradient vs central differences", v.get("cross_entropy_gradient"),
            central_difference(lambda q: -np.log(softmax(q)[k]), s), rtol=1e-6, atol=1e-10, note="h = 1e-5")

    W, x, y, lam = np.array(p["weights"], float).reshape(3, 2), np.array(p["input"], float), int(p["label"]) - 1, p["lambda"]
    hs = W @ x
    margins = np.delete(hs - hs[y] + 1, y)
    c.close("hinge_scores", v.get("hinge_scores"), hs)
    c.close("hinge_margins", v.get("hinge_margins"), margins)
    c.close("hinge_terms", v.get("hinge_terms"), np.maximum(margins, 0))
    data = np.maximum(margins, 0).sum()
    c.close("hinge_loss", v.get("hinge_loss"), data)
    c.close("penalty", v.get("penalty"), (W ** 2).sum())
    c.close("lambda_penalty", v.get("lambda_penalty"), lam * (W ** 2).sum())
    c.close("loss", v.get("loss"), data + lam * (W ** 2).sum())
    active = (hs - hs[y] + 1 > 0).astype(float)
    active[y] = 0
    ds = active.copy()
    ds[y] = -active.sum()
    c.close("loss_gradient_w", v.get("loss_gradient_w"), np.outer(ds, x) + 2 * lam * W)
    c.close("loss_gradient_w vs central differences", v.get("loss_gradient_w"),
            central_difference(lambda q: hinge(q, x, y, lam), W), rtol=1e-6, atol=1e-9, note="h = 1e-5")
    c.close("hinge_on_scores", v.get("hinge_on_scores"), np.maximum(np.delete(s - s[k] + 1, k), 0).sum())

    e = (np.array([1, 0, 0, 1.0]) - [0.9, 0.2, 0.1, 0.6]) ** 2
    c.close("exercise1 sum, mean, half sum, half mean",
            [v.get("exercise1_squared_error_sum"), v.get("exercise1_mse_mean"), v.get("exercise1_mse_half_sum"),
             v.get("exercise1_mse_half_mean")], [e.sum(), e.mean(), e.sum() / 2, e.sum() / 8])
    big = np.array([1000.0, 999.0, 0.0])
    c.close("exercise2_exp_sum", v.get("exercise2_exp_sum"), np.exp(big - big.max()).sum())
    c.close("exercise2_softmax", v.get("exercise2_softmax"), softmax(big))
    c.close("exercise2_cross_entropy", v.get("exercise2_cross_entropy"), logsumexp(big) - big[1])
    pics = [([3.2, 5.1, -1.7], 0), ([1.3, 4.9, 2.0], 1), ([2.2, 2.5, -3.1], 2)]
    L = [np.maximum(np.delete(np.array(q) - q[j] + 1, j), 0).sum() for q, j in pics]
    c.close("exercise3_losses", v.get("exercise3_losses"), L)
    c.close("exercise3_data_loss", v.get("exercise3_data_loss"), np.mean(L))
    own_gradient_checks(c, v, ["cross_entropy_gradient_check_error", "loss_gradient_check_error"])
