"""Feedforward: the 2-2-1 sigmoid network, source text 002's ReLU network as matrix products, and the collapse
of two linear layers into one."""
import numpy as np

from .common import sigmoid

RUNS = [[], ["--inputs", "-1,0.5", "--weights", "0.3,-0.7", "--bias", "0.2", "--relu-inputs", "-2,6"]]

# Text 002's ReLU network, row-vector convention: column j of W holds neuron j's weights.
W1 = np.array([[1.0, 2.0], [-1.0, 0.0]])
B1 = np.array([[9.0, -3.0]])
W2 = np.array([[4.0, -2.0], [3.0, 1.0]])
B2 = np.array([[5.0, 0.0]])
relu = lambda z: np.maximum(z, 0.0)


def two_two_one(x, w, b):
    h = sigmoid(np.array([w @ x + b, w @ x + b]))
    return h[0], h[1], sigmoid(w @ h + b)


def check(c, p, v, run):
    x, w, b, rx = (np.array(p["inputs"], float), np.array(p["weights"], float), p["bias"],
                   np.array([p["relu_inputs"]], float))
    h1, h2, o1 = two_two_one(x, w, b)
    c.close("h1", v.get("h1"), h1)
    c.close("h2", v.get("h2"), h2)
    c.close("o1", v.get("o1"), o1)
    Z1 = rx @ W1 + B1
    H = relu(Z1)
    Z2 = H @ W2 + B2
    Y = relu(Z2)
    c.close("n1, n2", [v.get("n1"), v.get("n2")], H[0])
    c.close("y1, y2", [v.get("y1"), v.get("y2")], Y[0])
    c.close("Z1", v.get("Z1"), Z1)
    c.close("H", v.get("H"), H)
    c.close("Z2", v.get("Z2"), Z2)
    c.close("Y", v.get("Y"), Y)
    batch = np.vstack([rx, [[1, -1], [0, 0], [-2, 5]]])
    c.close("Y_batch", v.get("Y_batch"), relu(relu(batch @ W1 + B1) @ W2 + B2))
    W, B = W1 @ W2, B1 @ W2 + B2
    c.close("W_combined", v.get("W_combined"), W)
    c.close("b_combined", v.get("b_combined"), B)
    c.close("y_linear_two_layers", v.get("y_linear_two_layers"), (rx @ W1 + B1) @ W2 + B2)
    c.close("y_linear_one_layer", v.get("y_linear_one_layer"), rx @ W + B)
    e1 = two_two_one(np.array([1.0, -1.0]), np.array([0.0, 1.0]), 0.0)
    c.close("exercise1_h1, h2, o1", [v.get("exercise1_h1"), v.get("exercise1_h2"), v.get("exercise1_o1")], e1)
    n = relu(np.array([[1.0, 2.0]]) @ W1 + B1)
    y = relu(n @ W2 + B2)
    c.close("exercise2_n1, n2, y1, y2", [v.get("exercise2_n1"), v.get("exercise2_n2"), v.get("exercise2_y1"),
                                         v.get("exercise2_y2")], np.concatenate([n[0], y[0]]))
    A1, a1, A2, a2 = np.array([[1, 2], [3, 4.0]]), np.array([[0, 1.0]]), np.array([[1.0], [-1.0]]), np.array([[2.0]])
    c.close("exercise3_W", v.get("exercise3_W"), A1 @ A2)
    c.close("exercise3_b", v.get("exercise3_b"), a1 @ A2 + a2)
