"""XOR: a 2-h-1 network (hidden activation as chosen, sigmoid output, C = (1/2n)Σ(y - a)²) trained by full-batch
gradient descent from the reported N(0, 1) start with zero biases; gradients, the run, the trained network, exercises."""
import numpy as np

from .common import ACTIVATIONS, BINARY2, perceptron_rule, sigmoid, sigmoid_prime

RUNS = [[], ["--hidden", "3,2", "--activation", "tanh", "--learning-rate", "1", "--iterations", "800", "--seed", "4"]]

T = np.array([[0], [1], [1], [0]], float)


def forward(Ws, bs, act, X=BINARY2):
    f = ACTIVATIONS[act][0]
    As, Zs = [X], []
    for l, (W, b) in enumerate(zip(Ws, bs)):
        z = As[-1] @ W + b
        Zs.append(z)
        As.append(sigmoid(z) if l == len(Ws) - 1 else f(z))
    return Zs, As


def cost(Ws, bs, act):
    return float(np.mean((T - forward(Ws, bs, act)[1][-1]) ** 2) / 2)


def gradients(Ws, bs, act):
    df = ACTIVATIONS[act][1]
    Zs, As = forward(Ws, bs, act)
    n = len(T)
    delta = (As[-1] - T) / n * sigmoid_prime(Zs[-1])
    gW, gb = [None] * len(Ws), [None] * len(Ws)
    for l in range(len(Ws) - 1, -1, -1):
        gW[l], gb[l] = As[l].T @ delta, delta.sum(0)
        if l:
            delta = (delta @ Ws[l].T) * df(Zs[l - 1])
    return gW, gb


def train(Ws, bs, act, eta, iterations):
    """Returns the final network and the first step k (after k updates) with all four outputs on the right side of 0.5."""
    Ws, bs = [W.copy() for W in Ws], [b.copy() for b in bs]
    first = None
    for k in range(iterations + 1):
        if first is None and np.all((forward(Ws, bs, act)[1][-1] > 0.5) == (T > 0.5)):
            first = k
        if k == iterations:
            break
        gW, gb = gradients(Ws, bs, act)
        Ws = [W - eta * g for W, g in zip(Ws, gW)]
        bs = [b - eta * g for b, g in zip(bs, gb)]
    return Ws, bs, first


def check(c, p, v, run):
    act, eta, iterations = p["activation"], p["learning_rate"], int(p["iterations"])
    L = len(p["hidden"]) + 1
    _, _, _, _, cycle = perceptron_rule(BINARY2, [0, 1, 1, 0], 1.0, 100)
    c.equal("perceptron_cycle", v.get("perceptron_cycle"), cycle)
    outs = np.array(v.get("single_neuron_outputs", [np.nan] * 4), float)
    c.skip("single_neuron run", "starts from the project's seeded weights, which are not reported")
    c.close("single_neuron_loss from its outputs", v.get("single_neuron_loss"), np.mean((T[:, 0] - outs) ** 2) / 2)

    Ws = [np.array(v[f"W{l}_start"], float) for l in range(1, L + 1)]
    bs = [np.zeros(W.shape[1]) for W in Ws]
    c.skip("W_start", "N(0, 1) draws of the project's seeded generator; everything below is computed from them")
    c.close("initial_outputs", v.get("initial_outputs"), forward(Ws, bs, act)[1][-1][:, 0])
    c.close("initial_loss", v.get("initial_loss"), cost(Ws, bs, act))
    c.true("max_relative_error", v.get("max_relative_error", 1) < 1e-6, f"the lesson's own gradient check: {v.get('max_relative_error')}")

    Wf, bf, first = train(Ws, bs, act, eta, iterations)
    c.equal("first_perfect_iteration", v.get("first_perfect_iteration"), first)
    _, As = forward(Wf, bf, act)
    c.close("final_loss", v.get("final_loss"), cost(Wf, bf, act))
    c.close("outputs", v.get("outputs"), As[-1][:, 0])
    c.equal("predictions", v.get("predictions"), (As[-1][:, 0] > 0.5).astype(int))
    c.close("accuracy", v.get("accuracy"), np.mean((As[-1] > 0.5) == (T > 0.5)))
    for l in range(L):
        c.close(f"W{l + 1}", v.get(f"W{l + 1}"), Wf[l])
        c.close(f"b{l + 1}", v.get(f"b{l + 1}"), bf[l])
    c.close("hidden1", v.get("hidden1"), As[1])
    c.skip("hidden_functions, output_function", "names of logic gates chosen by the lesson's own table")

    # Exercise 1: the same start (same seed, same sizes), the other activation and its η, as many steps.
    other, eta1 = ("sigmoid", 2.0) if act == "tanh" else ("tanh", 1.0)
    W1f, b1f, first1 = train(Ws, bs, other, eta1, iterations)
    c.close(f"exercise1_final_loss ({other}, η = {eta1:g})", v.get("exercise1_final_loss"), cost(W1f, b1f, other))
    c.close("exercise1_outputs", v.get("exercise1_outputs"), forward(W1f, b1f, other)[1][-1][:, 0])
    if first1 is not None or "exercise1_first_perfect_iteration" in v:
        c.equal("exercise1_first_perfect_iteration", v.get("exercise1_first_perfect_iteration"), first1)
    c.skip("exercise2_stuck_seeds", "needs the seeded starts of seeds 1 to 8")
    step = lambda z: (z > 0).astype(float)
    h = np.column_stack([step(BINARY2 @ [1, 1] - 0.5), step(BINARY2 @ [-2, -2] + 3)])
    c.equal("exercise3_outputs", v.get("exercise3_outputs"), step(h @ [1, 1] - 1.5).astype(int))
