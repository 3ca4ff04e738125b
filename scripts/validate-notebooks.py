#!/usr/bin/env python3
"""Validates every generated Jupyter notebook (Output/*/*.ipynb) against the nbformat 4 schema with the
nbformat package's own validator (installed by pip when missing). Usage: scripts/validate-notebooks.py [OUTPUT_DIR]"""
import glob, os, subprocess, sys

try:
    import nbformat
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "nbformat"], check=True)
    import nbformat

out_dir = sys.argv[1] if len(sys.argv) > 1 else "Output"
files = sorted(glob.glob(os.path.join(out_dir, "*", "*.ipynb")) + glob.glob(os.path.join(out_dir, "*", "walkthroughs", "*.ipynb")))
passed = failed = 0
for path in files:
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        figures = sum(len(c.get("attachments", {})) for c in nb.cells)
        if not nb.cells:
            raise ValueError("no cells")
        passed += 1
        print(f"ok   {path}  ({len(nb.cells)} cells, {figures} figures)")
    except Exception as e:  # report every notebook, then fail
        failed += 1
        print(f"FAIL {path}: {e}")
if not files:
    print(f"no notebooks under {out_dir}")
    failed = 1
print(f"notebooks: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
