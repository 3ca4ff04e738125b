"""Quadrant net: 2-h-4 network with softmax and mean cross-entropy on the four points, from the reported He start
with zero biases: the first iteration forward and backward (with central differences), training, predictions."""
import numpy as np

from .common import ACTIVATIONS, central_difference, logsumexp, softmax, own_gradient_checks

RUNS = [[], ["--hidden", "8,6", "--activation", "tanh", "--learning-rate", "0.3", "--iterations", "60", "--seed", "2",
             "--point", "-1.5,0.7"]]

X = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]], float)
T = np.eye(4)


def forward(Ws, bs, act, x=X):
    f = ACTIVATIONS[act][0]
    a, Zs, As = x, [], [x]
    for l, (W, b) in enumerate(zip(Ws, bs)):
        z = a @ W + b
        a = z if l == len(Ws) - 1 else f(z)
        Zs.append(z)
        As.append(a)
    return Zs, As


def loss(Ws, bs, act):
    Y = forward(Ws, bs, act)[1][-1]
    return float(np.mean(logsumexp(Y, axis=1) - (Y * T).sum(1)))


def gradients(Ws, bs, act):
    df = ACTIVATIONS[act][1]
    Zs, As = forward(Ws, bs, act)
    delta = (softmax(As[-1], axis=1) - T) / len(X)
    gW, gb, dY = [None] * len(Ws), [None] * len(Ws), delta
    for l in range(len(Ws) - 1, -1, -1):
        gW[l], gb[l] = As[l].T @ delta, delta.sum(0)
        if l:
            delta = (delta @ Ws[l].T) * df(Zs[l - 1])
    return gW, gb, dY


def check(c, p, v, run):
    act, eta, iterations = p["activation"], p["learning_rate"], int(p["iterations"])
    L = len(p["hidden"]) + 1
    Ws = [np.array(v[f"W{l}_start"], float) for l in range(1, L + 1)]
    bs = [np.array(v[f"b{l}_start"], float) for l in range(1, L + 1)]
    c.skip("W_start", "He-scaled draws of the project's seeded generator; everything below is computed from them")
    c.close("b_start all zero", np.concatenate(bs), np.zeros(sum(b.size for b in bs)))
    Zs, As = forward(Ws, bs, act)
    if act == "relu":  # only ReLU can silence a unit for all four points
        c.equal("silent_units_layer1", v.get("silent_units_layer1"), int(np.all(As[1] == 0, axis=0).sum()))
    Y = As[-1]
    c.close("Y", v.get("Y"), Y)
    P = softmax(Y, axis=1)
    c.close("P", v.get("P"), P)
    c.close("loss", v.get("loss"), -np.mean(np.log((P * T).sum(1))))
    gW, gb, dY = gradients(Ws, bs, act)
    c.close("dL_dY", v.get("dL_dY"), dY)
    for l in range(L):
        c.close(f"dL_dW{l + 1}", v.get(f"dL_dW{l + 1}"), gW[l])
        c.close(f"dL_db{l + 1}", v.get(f"dL_db{l + 1}"), gb[l])
        cdW = central_difference(lambda W: loss(Ws[:l] + [W] + Ws[l + 1:], bs, act), Ws[l])
        cdb = central_difference(lambda b: loss(Ws, bs[:l] + [b] + bs[l + 1:], act), bs[l])
        c.close(f"dL_dW{l + 1}, dL_db{l + 1} vs central differences",
                np.concatenate([np.ravel(v.get(f"dL_dW{l + 1}")), np.ravel(v.get(f"dL_db{l + 1}"))]),
                np.concatenate([cdW.ravel(), cdb.ravel()]), rtol=1e-6, atol=1e-9, note="h = 1e-5")
    c.close("loss_after_first_step", v.get("loss_after_first_step"),
            loss([W - eta * g for W, g in zip(Ws, gW)], [b - eta * g for b, g in zip(bs, gb)], act))
    c.close("text_cross_entropy", v.get("text_cross_entropy"), -np.log(0.9))

    for _ in range(iterations):
        gW, gb, _ = gradients(Ws, bs, act)
        Ws = [W - eta * g for W, g in zip(Ws, gW)]
        bs = [b - eta * g for b, g in zip(bs, gb)]
    c.close("final_loss", v.get("final_loss"), loss(Ws, bs, act))
    Pf = softmax(forward(Ws, bs, act)[1][-1], axis=1)
    c.close("training_probabilities", v.get("training_probabilities"), Pf)
    c.close("accuracy", v.get("accuracy"), np.mean(Pf.argmax(1) == np.arange(4)))
    for l in range(L):
        c.close(f"W{l + 1} after training", v.get(f"W{l + 1}"), Ws[l])
        c.close(f"b{l + 1} after training", v.get(f"b{l + 1}"), bs[l])

    def classify(point):
        y = forward(Ws, bs, act, np.array([point], float))[1][-1][0]
        return y, softmax(y)

    y, pr = classify(p["point"])
    c.close("point_scores", v.get("point_scores"), y)
    c.close("probabilities", v.get("probabilities"), pr)
    c.equal("predicted_class", v.get("predicted_class"), int(pr.argmax()) + 1)
    c.equal("predicted_quadrant", v.get("predicted_quadrant"), ["I", "II", "III", "IV"][int(pr.argmax())])
    c.close("predicted_probability", v.get("predicted_probability"), pr.max())
    c.skip("region_agreement", "depends on the lesson's choice of the 3600-point grid")
    _, pr1 = classify([-3, 0.5])
    c.close("exercise1_probabilities", v.get("exercise1_probabilities"), pr1)
    c.equal("exercise1_predicted_class", v.get("exercise1_predicted_class"), int(pr1.argmax()) + 1)
    c.close("exercise2_probabilities", v.get("exercise2_probabilities"), classify([0, 2])[1])
    s = np.array([3, 1, 0.1, 0.5])
    c.close("exercise3_loss", v.get("exercise3_loss"), logsumexp(s) - s[0])
    c.close("exercise3_probabilities", v.get("exercise3_probabilities"), softmax(s))
    c.close("exercise3_gradient", v.get("exercise3_gradient"), softmax(s) - np.eye(4)[0])
    own_gradient_checks(c, v, ["max_relative_error", "exercise3_max_relative_error"])
