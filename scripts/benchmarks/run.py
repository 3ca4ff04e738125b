#!/usr/bin/env python3
"""`make bench`: Longhand (release build) against plain numpy and Jupyter on the same machine, in one run.

(a) digits MLP 64-32-10, batch 32, float64: training samples per second
(b) conv 28x28, 8 filters 3x3, ReLU, 2x2 max pool, forward + backward: microseconds per iteration
(c) one lesson (sigmoid-neuron, both languages, .md + .html) as a whole process, against
    `jupyter nbconvert --execute --to html` on the equivalent notebook
(d) every lesson together (`longhand`)
(e) peak memory of each
(f) the live server under wrk: per lesson p50/p99 latency cached and uncached, requests/s with 16
    connections, memory after 10,000 requests with random options (scripts/benchmarks/serve_bench.py)
On an x86-64 CPU with AVX2 and FMA the release build is compiled with LONGHAND_TARGET_CPU=haswell (see
Package.swift); other builds stay portable.
Installs numpy, nbformat, nbconvert and ipykernel with pip when missing."""
import json, os, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RELEASE = os.path.join(ROOT, ".build", "release")

def ensure(modules):
    missing = []
    for module, package in modules:
        try:
            __import__(module)
        except ImportError:
            missing.append(package)
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q"] + missing, check=True)

def measured(cmd, repeat):
    """Median wall time (s) of running cmd as a whole process, and its peak resident memory (MB)."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    times, peaks = [], []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", probe] + cmd, capture_output=True, text=True, check=True).stdout.split()
        if out[2] != "0":
            raise SystemExit(f"failed: {' '.join(cmd)}")
        times.append(float(out[0]))
        peaks.append(int(out[1]) / 1024)
    return statistics.median(times), max(peaks)

def json_of(cmd):
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)

def target_cpu():
    """`haswell` when this x86-64 CPU has AVX2 and FMA (the engine is then compiled for 256-bit vectors),
    else None (a portable build). Package.swift reads it from LONGHAND_TARGET_CPU, for release builds only."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return None
    return "haswell" if "avx2" in flags and "fma" in flags else None

def best_pair(swift_cmd, numpy_cmd, key, better, rounds=3):
    """Each side's best result over `rounds` alternating runs (each run already the best of several
    timed repeats), so both sides see the same load on a shared machine."""
    lh = np_ = None
    for _ in range(rounds):
        a, b = json_of(swift_cmd), json_of(numpy_cmd)
        lh = a if lh is None or better(a[key], lh[key]) else lh
        np_ = b if np_ is None or better(b[key], np_[key]) else np_
    return lh, np_

def main():
    ensure([("numpy", "numpy"), ("nbformat", "nbformat"), ("nbconvert", "nbconvert"), ("ipykernel", "ipykernel")])
    cpu = target_cpu()
    env = dict(os.environ)
    if cpu:
        env["LONGHAND_TARGET_CPU"] = cpu
    print(f"building release{f' (-target-cpu {cpu})' if cpu else ''} …", flush=True)
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)
    rows = []

    bench = os.path.join(RELEASE, "longhand-bench")
    workloads = os.path.join(HERE, "numpy_workloads.py")
    lh, np_ = best_pair([bench, "mlp"], [sys.executable, workloads, "mlp"], "samples_per_second", lambda a, b: a > b)
    rows.append(("(a) digits MLP 64-32-10, batch 32: samples/s", lh["samples_per_second"], np_["samples_per_second"],
                 lh["samples_per_second"] / np_["samples_per_second"], "≥ 2×", lh["peak_memory_mb"], np_["peak_memory_mb"]))

    lh, np_ = best_pair([bench, "conv"], [sys.executable, workloads, "conv"], "microseconds_per_iteration", lambda a, b: a < b)
    rows.append(("(b) conv 28×28, 8×3×3, ReLU, pool, fwd+bwd: µs/iter", lh["microseconds_per_iteration"], np_["microseconds_per_iteration"],
                 np_["microseconds_per_iteration"] / lh["microseconds_per_iteration"], "≥ 2×", lh["peak_memory_mb"], np_["peak_memory_mb"]))

    with tempfile.TemporaryDirectory() as tmp:
        lesson_t, lesson_m = measured([os.path.join(RELEASE, "sigmoid-neuron"), "--lang", "all", "--quiet", "--out", tmp], 7)
        nb = os.path.join(tmp, "sigmoid-neuron.ipynb")
        subprocess.run([sys.executable, os.path.join(HERE, "lesson_notebook.py"), nb], check=True)
        nb_t, nb_m = measured([sys.executable, "-m", "jupyter", "nbconvert", "--execute", "--to", "html", nb, "--output-dir", tmp], 3)
        rows.append(("(c) one lesson vs. nbconvert --execute: seconds", lesson_t, nb_t, nb_t / lesson_t, "≥ 50×", lesson_m, nb_m))
        all_t, all_m = measured([os.path.join(RELEASE, "longhand"), "--quiet", "--out", os.path.join(tmp, "all")], 5)
        rows.append(("(d) every lesson, both languages: seconds", all_t, None, None, "< 2 s", all_m, None))

    print()
    print("| workload | Longhand | numpy / Jupyter | ratio | target | Longhand peak MB | numpy / Jupyter peak MB |")
    print("|---|---:|---:|---:|---|---:|---:|")
    passed = failed = 0
    for name, a, b, ratio, target, ma, mb in rows:
        fmt = lambda v: "—" if v is None else (f"{v:,.0f}".replace(",", " ") if v >= 1000 else f"{v:.3g}")
        ok = (ratio is not None and ratio >= float(target.split()[1].rstrip("×"))) if "×" in target else a < 2
        passed += ok
        failed += not ok
        print(f"| {name} | {fmt(a)} | {fmt(b)} | {'—' if ratio is None else f'{ratio:.1f}×'} | {target} {'✓' if ok else '✗'} | {ma:.0f} | {fmt(mb) if mb else '—'} |")
    print(f"\nmachine: {os.cpu_count()} cores; numpy {np_.get('numpy')}; Longhand release build"
          f"{f' for -target-cpu {cpu}' if cpu else ''}; (a), (b): best of 3 alternating runs, each the fastest of 5-10 timed repeats")
    print(f"targets: {passed} met, {failed} missed")

    print("\n(f) live server", flush=True)
    subprocess.run([sys.executable, os.path.join(HERE, "serve_bench.py"), RELEASE], check=False)

if __name__ == "__main__":
    main()
