#!/usr/bin/env python3
"""The numpy side of `make bench`: the same workloads as Longhand's bench executable, written the way a
learner's Jupyter notebook would (vectorised numpy, float64).

  python3 numpy_workloads.py mlp    digits MLP 64-32-10 (ReLU, softmax cross-entropy), minibatch SGD,
                                    batch 32, learning rate 0.1: training samples per second
  python3 numpy_workloads.py conv   one conv layer on a 28x28 input, 8 filters 3x3 (stride 1, no padding),
                                    ReLU, 2x2 max pool, forward + backward: microseconds per iteration
Each workload runs once untimed, then timed 10 times (mlp) or 5 times (conv); the fastest run counts
(the same protocol as Longhand's bench executable).
Prints one JSON object."""
import json, os, resource, sys, time
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def load_digits():
    rows = [list(map(int, l.split(","))) for l in open(os.path.join(ROOT, "Lessons/digits/Data/digits.csv"))
            if l.strip() and not l.startswith("#")]
    a = np.array(rows, dtype=np.float64)
    return a[:, :64] / 16.0, a[:, 64].astype(int)

def fastest(repeats, body):
    """The fastest of `repeats` timed runs of body() after one untimed warm-up, in seconds (the same
    protocol as Longhand's bench executable: the fastest run is the one least disturbed by other
    processes on a shared machine)."""
    body()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        best = min(best, time.perf_counter() - start)
    return best

def mlp(epochs=30, batch=32, lr=0.1, seed=1, repeats=10):
    x, y = load_digits()
    n = len(x)
    onehot = np.eye(10)[y]
    result = {}
    def run():
        result["weights"] = train(x, onehot, n, epochs, batch, lr, np.random.default_rng(seed))
    seconds = fastest(repeats, run)
    w1, b1, w2, b2 = result["weights"]
    acc = float((np.argmax(np.maximum(x @ w1 + b1, 0) @ w2 + b2, axis=1) == y).mean())
    return {"samples_per_second": epochs * n / seconds, "seconds": seconds, "train_accuracy": acc}

def train(x, onehot, n, epochs, batch, lr, rng):
    w1 = rng.normal(0, np.sqrt(2 / 64), (64, 32)); b1 = np.zeros(32)
    w2 = rng.normal(0, np.sqrt(2 / 32), (32, 10)); b2 = np.zeros(10)
    for _ in range(epochs):
        order = rng.permutation(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            xb, tb = x[idx], onehot[idx]
            z1 = xb @ w1 + b1; h = np.maximum(z1, 0)
            z2 = h @ w2 + b2
            z2 -= z2.max(axis=1, keepdims=True)
            p = np.exp(z2); p /= p.sum(axis=1, keepdims=True)
            d2 = (p - tb) / len(idx)
            gw2 = h.T @ d2; gb2 = d2.sum(0)
            d1 = (d2 @ w2.T) * (z1 > 0)
            gw1 = xb.T @ d1; gb1 = d1.sum(0)
            w1 -= lr * gw1; b1 -= lr * gb1; w2 -= lr * gw2; b2 -= lr * gb2
    return w1, b1, w2, b2

def conv(iterations=2000, seed=1, repeats=5):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(28, 28))
    k = rng.normal(size=(8, 3, 3))
    upstream = rng.normal(size=(8, 13, 13))
    def step():
        windows = np.lib.stride_tricks.sliding_window_view(x, (3, 3))            # 26x26x3x3
        z = np.einsum("ijab,fab->fij", windows, k, optimize=True)                 # 8x26x26
        a = np.maximum(z, 0)
        blocks = a.reshape(8, 13, 2, 13, 2)
        pooled = blocks.max(axis=(2, 4))
        # backward: route each upstream gradient to its window's maximum
        mask = blocks == pooled[:, :, None, :, None]
        da = (mask * upstream[:, :, None, :, None]).reshape(8, 26, 26)
        dz = da * (z > 0)
        dk = np.einsum("ijab,fij->fab", windows, dz, optimize=True)
        padded = np.pad(dz, ((0, 0), (2, 2), (2, 2)))
        pw = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(1, 2))   # 8x28x28x3x3
        dx = np.einsum("fijab,fab->ij", pw, k[:, ::-1, ::-1], optimize=True)
        return pooled, dk, dx
    def run():
        for _ in range(iterations):
            step()
    seconds = fastest(repeats, run)
    return {"microseconds_per_iteration": seconds / iterations * 1e6, "iterations": iterations}

def peak_memory_mb():
    """Peak resident memory of this process: VmHWM from /proc/self/status where there is one (it belongs
    to this program alone; getrusage's maxrss can include the parent's memory at the fork that started
    it), else getrusage. The same rule as Longhand's bench executable."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "mlp"
    result = mlp() if which == "mlp" else conv()
    result["peak_memory_mb"] = peak_memory_mb()
    result["numpy"] = np.__version__
    print(json.dumps(result))
