#!/usr/bin/env python3
"""Independent numpy check of the walkthrough generator: a generic network evaluator written from the
formulas (dense, conv2d with stride and padding, max and average pooling, flatten; the activations; the three
squared-error scalings, binary and softmax cross-entropy; SGD, momentum, Adam; frozen parameters).

Usage: scripts/crosscheck/walkthroughs.py [BUILD_DIR] [SPEC ...]   (defaults: .build/debug, Lessons/walkthroughs/*)

For each spec, `longhand walkthrough SPEC --json` reports the resolved starting network (every parameter, so the
seeded draws need not be reproduced) and every value on the page; this script recomputes the loss, every
example's outputs, the mean gradient (by its own backpropagation and by central differences), the update, the
training curve and the predictions, and compares. Prints "walkthroughs: N passed, M failed"; exits 1 on failure.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crosscheck import Checker  # noqa: E402


def activation(spec):
    """(f, f') for an activation as reported in the JSON."""
    name = spec if isinstance(spec, str) else spec["type"]
    alpha = None if isinstance(spec, str) else spec["alpha"]
    if name == "identity":
        return (lambda z: z), (lambda z: np.ones_like(z))
    if name == "step":
        return (lambda z: (z > 0).astype(float)), (lambda z: np.zeros_like(z))
    if name == "sigmoid":
        s = lambda z: 0.5 * (1 + np.tanh(z / 2))
        return s, (lambda z: s(z) * (1 - s(z)))
    if name == "tanh":
        return np.tanh, (lambda z: 1 - np.tanh(z) ** 2)
    if name == "relu":
        return (lambda z: np.maximum(z, 0)), (lambda z: (z > 0).astype(float))
    if name == "leaky-relu":
        return (lambda z: np.where(z > 0, z, alpha * z)), (lambda z: np.where(z > 0, 1.0, alpha))
    if name == "elu":
        return (lambda z: np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))), (lambda z: np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0))))
    if name == "softmax":
        return (lambda z: z), (lambda z: np.ones_like(z))   # softmax is applied by the loss to the logits
    raise ValueError(name)


class Net:
    def __init__(self, params):
        self.p = params
        self.layers = params["layers"]
        self.input = params["input"]
        self.loss_kind = params["loss"]

    # Parameters as one flat vector in the generator's order.
    def flat(self):
        out = []
        for L in self.layers:
            if L["type"] == "dense":
                out += list(np.ravel(L["weights"])) + list(L["biases"])
            elif L["type"] == "conv2d":
                out += list(np.ravel(L["kernels"])) + list(L["biases"])
        return np.array(out, float)

    def unflat(self, theta):
        shapes, k = [], 0
        for L in self.layers:
            if L["type"] == "dense":
                W = np.array(L["weights"], float)
                shapes.append((theta[k:k + W.size].reshape(W.shape), theta[k + W.size:k + W.size + W.shape[0]]))
                k += W.size + W.shape[0]
            elif L["type"] == "conv2d":
                K = np.array(L["kernels"], float)
                shapes.append((theta[k:k + K.size].reshape(K.shape), theta[k + K.size:k + K.size + K.shape[0]]))
                k += K.size + K.shape[0]
            else:
                shapes.append(None)
        return shapes

    def shape_input(self, x):
        x = np.array(x, float)
        return x if isinstance(self.input, (int, float)) else x.reshape([int(v) for v in self.input])

    def forward(self, theta, x):
        """Per layer: (input, z, a, extra); the last layer is dense."""
        params = self.unflat(theta)
        a = self.shape_input(x)
        record = []
        for L, P in zip(self.layers, params):
            t = L["type"]
            if t == "dense":
                W, b = P
                z = W @ a + b
                out = activation(L["activation"])[0](z)
                record.append((a, z, out, None))
            elif t == "conv2d":
                K, b = P
                s, pad = int(L["stride"]), int(L["padding"])
                xp = np.pad(a, ((0, 0), (pad, pad), (pad, pad)))
                O, C, F, _ = K.shape
                H = (xp.shape[1] - F) // s + 1
                Wd = (xp.shape[2] - F) // s + 1
                z = np.zeros((O, H, Wd))
                for i in range(H):
                    for j in range(Wd):
                        window = xp[:, i * s:i * s + F, j * s:j * s + F]
                        z[:, i, j] = np.tensordot(K, window, axes=([1, 2, 3], [0, 1, 2])) + b
                out = activation(L["activation"])[0](z)
                record.append((a, z, out, xp))
            elif t in ("max-pool", "average-pool"):
                size, s = int(L["size"]), int(L["stride"])
                C, H, Wd = a.shape
                Ho, Wo = (H - size) // s + 1, (Wd - size) // s + 1
                out = np.zeros((C, Ho, Wo))
                for c in range(C):
                    for i in range(Ho):
                        for j in range(Wo):
                            w = a[c, i * s:i * s + size, j * s:j * s + size]
                            out[c, i, j] = w.max() if t == "max-pool" else w.mean()
                record.append((a, out, out, None))
            else:
                out = a.ravel()
                record.append((a, out, out, None))
            a = out
        return record

    def outputs_loss(self, z, a, y):
        """The prediction and the loss of one example, from the output layer's z and a."""
        kind = self.loss_kind
        if kind.startswith("squared-error"):
            scaling = kind.split("/")[1]
            factor = {"half-sum": 0.5, "mean": 1 / len(y), "sum": 1.0}[scaling]
            return a, factor * np.sum((y - a) ** 2)
        if kind == "binary-cross-entropy":
            p = 0.5 * (1 + np.tanh(z / 2))
            return p, float(np.sum(np.logaddexp(0, z) - y * z))
        m = z.max()
        logp = z - m - np.log(np.sum(np.exp(z - m)))
        return np.exp(logp), float(-np.sum(y * logp))

    def example(self, theta, x, y):
        rec = self.forward(theta, x)
        _, z, a, _ = rec[-1]
        pred, loss = self.outputs_loss(z, a, np.array(y, float))
        return rec, pred, loss

    def loss(self, theta, examples):
        return float(np.mean([self.example(theta, e["input"], e["target"])[2] for e in examples]))

    def gradient(self, theta, x, y):
        """Backpropagation written from the chain rule, one example."""
        y = np.array(y, float)
        rec, pred, _ = self.example(theta, x, y)
        params = self.unflat(theta)
        grads = [None] * len(self.layers)
        kind = self.loss_kind
        top = len(self.layers) - 1
        _, z, a, _ = rec[top]
        if kind.startswith("squared-error"):
            factor = {"half-sum": 0.5, "mean": 1 / len(y), "sum": 1.0}[kind.split("/")[1]]
            up = -2 * factor * (y - a)
            logits = False
        else:
            up = pred - y
            logits = True
        for l in range(top, -1, -1):
            L, P = self.layers[l], params[l]
            a_in, z, a, xp = rec[l]
            t = L["type"]
            if t == "dense":
                W, b = P
                delta = up if (l == top and logits) else up * activation(L["activation"])[1](z)
                grads[l] = (np.outer(delta, a_in), delta)
                up = W.T @ delta
            elif t == "conv2d":
                K, b = P
                s, pad = int(L["stride"]), int(L["padding"])
                delta = up * activation(L["activation"])[1](z)
                O, C, F, _ = K.shape
                dK = np.zeros_like(K)
                dxp = np.zeros_like(xp)
                for i in range(delta.shape[1]):
                    for j in range(delta.shape[2]):
                        window = xp[:, i * s:i * s + F, j * s:j * s + F]
                        for o in range(O):
                            dK[o] += delta[o, i, j] * window
                            dxp[:, i * s:i * s + F, j * s:j * s + F] += delta[o, i, j] * K[o]
                grads[l] = (dK, delta.sum(axis=(1, 2)))
                up = dxp[:, pad:pad + a_in.shape[1], pad:pad + a_in.shape[2]]
            elif t in ("max-pool", "average-pool"):
                size, s = int(L["size"]), int(L["stride"])
                dx = np.zeros_like(a_in)
                for c in range(a_in.shape[0]):
                    for i in range(up.shape[1]):
                        for j in range(up.shape[2]):
                            w = a_in[c, i * s:i * s + size, j * s:j * s + size]
                            if t == "max-pool":
                                r, k = np.unravel_index(np.argmax(w), w.shape)   # the first maximum in reading order
                                dx[c, i * s + r, j * s + k] += up[c, i, j]
                            else:
                                dx[c, i * s:i * s + size, j * s:j * s + size] += up[c, i, j] / size ** 2
                up = dx
            else:
                up = up.reshape(a_in.shape)
        flat = []
        for g in grads:
            if g is not None:
                flat += list(np.ravel(g[0])) + list(g[1])
        return np.array(flat)

    def mean_gradient(self, theta, examples):
        return np.mean([self.gradient(theta, e["input"], e["target"]) for e in examples], axis=0)


class Optimizer:
    def __init__(self, spec, eta, frozen):
        self.spec, self.eta, self.frozen = spec, eta, np.array(frozen, bool)
        self.t, self.m, self.v = 0, None, None

    def step(self, theta, g):
        g = np.where(self.frozen, 0.0, g)
        kind = self.spec["type"]
        if self.m is None:
            self.m, self.v = np.zeros_like(theta), np.zeros_like(theta)
        if kind == "sgd":
            return theta - self.eta * g
        if kind == "momentum":
            self.m = self.spec["momentum"] * self.m - self.eta * g
            return theta + self.m
        self.t += 1
        b1, b2, eps = self.spec["beta1"], self.spec["beta2"], self.spec["epsilon"]
        self.m = b1 * self.m + (1 - b1) * g
        self.v = b2 * self.v + (1 - b2) * g * g
        mhat, vhat = self.m / (1 - b1 ** self.t), self.v / (1 - b2 ** self.t)
        return theta - self.eta * mhat / (np.sqrt(vhat) + eps)


def check(c, p, v):
    net = Net(p)
    theta = net.flat()
    examples = p["examples"]
    c.close("parameter count", v.get("parameter_count"), len(theta))
    L = net.loss(theta, examples)
    c.close("loss", v.get(p["loss_key"]), L, rtol=1e-12)
    for e, ex in enumerate(examples):
        _, pred, _ = net.example(theta, ex["input"], ex["target"])
        key = "output" if len(examples) == 1 else f"output@{e + 1}"
        c.close(f"outputs of example {e + 1}", v.get(key), pred, rtol=1e-12)
    g = net.mean_gradient(theta, examples)
    c.close("gradient (numpy backpropagation)", v.get("gradient"), g, rtol=1e-10, atol=1e-13)
    h = 1e-6
    numeric = np.array([(net.loss(theta + h * e, examples) - net.loss(theta - h * e, examples)) / (2 * h) for e in np.eye(len(theta))])
    c.close("gradient (numpy central differences)", v.get("gradient"), numeric, rtol=1e-5, atol=1e-8)
    opt = Optimizer(p["optimizer"], p["learning_rate"], p["frozen"])
    updated = opt.step(theta, g)
    c.close("update", v.get("parameters_updated"), updated, rtol=1e-12, atol=1e-15)
    steps = int(p["steps"])
    if steps > 0:
        losses = [L, net.loss(updated, examples)]
        t = updated
        for _ in range(steps):
            t = opt.step(t, net.mean_gradient(t, examples))
            losses.append(net.loss(t, examples))
        c.close("training curve", v.get("training_losses"), losses, rtol=1e-7, atol=1e-12)
        final = t
    else:
        final = updated
    if "test_inputs" in v:
        preds = [net.example(final, x, np.zeros(len(v["predictions"][0])))[1] for x in v["test_inputs"]]
        c.close("predictions", v.get("predictions"), preds, rtol=1e-7, atol=1e-12)


def main():
    args = sys.argv[1:]
    build = args[0] if args else ".build/debug"
    specs = args[1:] or sorted(glob.glob("Lessons/walkthroughs/*.yaml") + [p for p in glob.glob("Lessons/walkthroughs/*.json") if not p.endswith(".schema.json")])
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="walkthrough-crosscheck-") as tmp:
        for spec in specs:
            proc = subprocess.run([os.path.join(build, "longhand"), "walkthrough", spec, "--json", "--quiet", "--out", tmp],
                                  capture_output=True, text=True, timeout=600)
            c = Checker(os.path.basename(spec))
            if proc.returncode != 0:
                c.fail("run", proc.stderr.strip()[:300])
            else:
                data = json.loads(proc.stdout)
                try:
                    check(c, data["parameters"], data["values"])
                except Exception as e:  # a crash in a check is a failure, reported
                    c.fail("check", f"{type(e).__name__}: {e}")
            print("\n".join(c.lines))
            passed, failed = passed + c.passed, failed + c.failed
    print(f"walkthroughs: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
