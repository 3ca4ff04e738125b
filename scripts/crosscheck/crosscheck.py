#!/usr/bin/env python3
"""Independent numpy cross-check of the lessons' numbers.

Usage: scripts/crosscheck/crosscheck.py [BUILD_DIR] [LESSON ...]   (BUILD_DIR defaults to .build/debug)

Every lesson executable is run with --json --quiet twice: with its defaults and with one changed set of
options. For each run the module scripts/crosscheck/lessons/<lesson>.py recomputes the key values from the
reported parameters with plain numpy, written from the formulas in the lesson's prose (not ported from the
Swift code), and compares them with the lesson's values. Quantities drawn from the project's own seeded
generator (starting weights, data sets) are taken from the JSON and everything computed from them is checked.

One line per check ("ok   ...", "FAIL ...", or "skip ..." for what cannot be checked independently), then
"crosscheck: N passed, M failed"; the exit status is 1 when anything failed.
"""
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

try:
    import numpy as np
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "numpy"], check=True)
    import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# The lessons are the folders under Lessons/ that hold a main.swift (the project's one list of lessons).
LESSONS_DIR = os.path.join(HERE, "..", "..", "Lessons")
LESSONS = sorted(d for d in os.listdir(LESSONS_DIR) if os.path.isfile(os.path.join(LESSONS_DIR, d, "main.swift")))


def _fmt(x):
    return f"{x:.17g}" if isinstance(x, float) else str(x)


class Checker:
    """Collects the results of one lesson run; every comparison prints one line."""

    def __init__(self, tag):
        self.tag = tag
        self.lines = []
        self.passed = 0
        self.failed = 0
        self.skipped = 0

    def _line(self, status, name, detail):
        self.lines.append(f"{status:<4} {self.tag} {name}" + (f"  ({detail})" if detail else ""))

    def ok(self, name, detail=""):
        self.passed += 1
        self._line("ok", name, detail)

    def fail(self, name, detail):
        self.failed += 1
        self._line("FAIL", name, detail)

    def skip(self, name, reason):
        self.skipped += 1
        self._line("skip", name, reason)

    def close(self, name, lesson, expected, rtol=1e-9, atol=1e-14, note=""):
        """Lesson value(s) against numpy's within |a - b| <= rtol * max(|a|, |b|) + atol, elementwise."""
        if lesson is None:
            self.fail(name, "missing from the lesson's JSON")
            return False
        try:
            a = np.asarray(lesson, dtype=float)
            b = np.asarray(expected, dtype=float)
        except (TypeError, ValueError) as e:
            self.fail(name, f"not numeric: {e}")
            return False
        if a.shape != b.shape:
            self.fail(name, f"shape: lesson {a.shape}, numpy {b.shape}")
            return False
        if a.size == 0:
            self.ok(name, "empty")
            return True
        same_inf = (a == b) & np.isinf(a)
        both_nan = np.isnan(a) & np.isnan(b)
        diff = np.where(same_inf | both_nan, 0.0, np.abs(a - b))
        scale = np.maximum(np.abs(a), np.abs(b))
        scale = np.where(np.isfinite(scale), scale, 0.0)
        bad = ~(diff <= rtol * scale + atol)
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.where(diff == 0, 0.0, diff / np.where(scale > 0, scale, 1.0))
        where = f"{note}; " if note else ""
        if bad.any():
            i = np.unravel_index(np.argmax(np.where(bad, rel + 1, 0)), a.shape) if a.shape else ()
            at = f" at {[int(j) for j in i]}" if a.shape else ""
            self.fail(name, f"{where}lesson {_fmt(float(a[i]))} vs numpy {_fmt(float(b[i]))}{at}, "
                            f"rel err {float(rel[i]):.2g}, tol {rtol:g}")
            return False
        self.ok(name, f"{where}{a.size} value{'s' if a.size > 1 else ''}, max rel err {float(rel.max()):.1g}, "
                      f"max abs err {float(diff.max()):.1g}")
        return True

    def equal(self, name, lesson, expected):
        """Exact agreement (integers, labels, strings)."""
        if lesson is None:
            self.fail(name, "missing from the lesson's JSON")
            return False
        if isinstance(expected, np.ndarray):
            expected = expected.tolist()
        norm = lambda v: json.loads(json.dumps(v, default=lambda o: o.item() if hasattr(o, "item") else str(o)))
        a, b = norm(lesson), norm(expected)
        numeric = lambda v: json.loads(json.dumps(v), parse_int=float)
        if a == b or numeric(a) == numeric(b):
            self.ok(name, f"= {json.dumps(a)[:60]}")
            return True
        self.fail(name, f"lesson {json.dumps(a)[:200]} vs numpy {json.dumps(b)[:200]}")
        return False

    def true(self, name, condition, detail):
        """A property that must hold (a bound, a membership); detail says what was tested."""
        if condition:
            self.ok(name, detail)
        else:
            self.fail(name, detail)
        return bool(condition)


def run_lesson(build, lesson, options, outdir):
    exe = os.path.join(build, lesson)
    cmd = [exe, "--json", "--quiet", "--out", outdir] + options
    start = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}: {proc.stderr.strip()[:300]}")
    return json.loads(proc.stdout), time.time() - start


def main():
    args = sys.argv[1:]
    build = args[0] if args else ".build/debug"
    only = args[1:] or LESSONS
    jobs = []
    skipped_lessons = []
    for lesson in only:
        if not os.path.isfile(os.path.join(HERE, "lessons", lesson.replace("-", "_") + ".py")):
            skipped_lessons.append(lesson)
            continue
        module = importlib.import_module("lessons." + lesson.replace("-", "_"))
        for k, options in enumerate(module.RUNS):
            jobs.append((lesson, module, k, options))
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="crosscheck-") as tmp:
        def go(job):
            lesson, module, k, options = job
            tag = lesson if k == 0 else f"{lesson}#{k + 1}"
            c = Checker(tag)
            try:
                data, secs = run_lesson(build, lesson, options, os.path.join(tmp, f"{lesson}-{k}"))
                if data.get("lesson") != lesson:
                    c.fail("lesson id", f"JSON says {data.get('lesson')!r}")
                module.check(c, data["parameters"], data["values"], k)
            except Exception as e:  # a crash in a run or in a check is a failure, reported, not fatal
                import traceback
                c.fail("run", f"{type(e).__name__}: {e} | {traceback.format_exc().strip().splitlines()[-3][:200]}")
            header = f"# {tag}: " + (" ".join(options) if options else "defaults")
            return [header] + c.lines, c.passed, c.failed, c.skipped

        with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
            results = list(pool.map(go, jobs))
    passed = failed = skipped = 0
    for lesson in skipped_lessons:
        print(f"skip {lesson} (no module scripts/crosscheck/lessons/{lesson.replace('-', '_')}.py yet)")
    for lines, p, f, s in results:
        print("\n".join(lines))
        passed, failed, skipped = passed + p, failed + f, skipped + s
    print(f"# {len(jobs)} runs of {len(only)} lessons in {time.time() - start:.1f} s; {skipped} items skipped (not independently checkable)")
    print(f"crosscheck: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
