#!/usr/bin/env python3
"""Validates every shipped walkthrough spec (Lessons/walkthroughs/*.yaml|*.json) against the JSON Schema
Lessons/walkthroughs/walkthrough.schema.json with Python's jsonschema, and checks that the schema refuses a
few broken specs (so the check cannot pass vacuously).

Usage: scripts/validate-walkthroughs.py [FOLDER]   (default Lessons/walkthroughs)
Prints one line per spec and "validate-walkthroughs: N passed, M failed"; exits 1 when anything failed.
"""
import copy
import glob
import json
import os
import subprocess
import sys

def need(module, package):
    try:
        return __import__(module)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=True)
        return __import__(module)

jsonschema = need("jsonschema", "jsonschema")
yaml = need("yaml", "pyyaml")

folder = sys.argv[1] if len(sys.argv) > 1 else "Lessons/walkthroughs"
schema = json.load(open(os.path.join(folder, "walkthrough.schema.json")))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
passed = failed = 0
specs = sorted(glob.glob(os.path.join(folder, "*.yaml")) + glob.glob(os.path.join(folder, "*.yml"))
               + [p for p in glob.glob(os.path.join(folder, "*.json")) if not p.endswith(".schema.json")])
if not specs:
    print(f"FAIL no specs in {folder}")
    sys.exit(1)
loaded = {}
for path in specs:
    with open(path) as f:
        spec = yaml.safe_load(f) if path.endswith((".yaml", ".yml")) else json.load(f)
    loaded[path] = spec
    errors = sorted(validator.iter_errors(spec), key=lambda e: list(e.path))
    if errors:
        failed += 1
        for e in errors[:5]:
            print(f"FAIL {path}: {'/'.join(map(str, e.path))}: {e.message}")
    else:
        passed += 1
        print(f"ok   {path}")

# The schema must refuse broken specs: each mutation of the first spec has to produce an error.
base = loaded[specs[0]]
mutations = {
    "unknown top-level key": lambda s: s.update({"layer": []}),
    "missing layers": lambda s: s.pop("layers"),
    "unknown activation": lambda s: s["layers"][0].update({"activation": "swish"}),
    "negative learning rate": lambda s: s["update"].update({"learning_rate": -1}),
    "bad name": lambda s: s.update({"name": "Bad Name"}),
    "unknown loss": lambda s: s.update({"loss": "hinge"}),
    "dense without weights or init": lambda s: [(l.pop("weights", None), l.pop("init", None)) for l in s["layers"] if l["type"] == "dense"],
    "too many examples": lambda s: s.update({"examples": s["examples"] * 65}),
}
for what, mutate in mutations.items():
    spec = copy.deepcopy(base)
    mutate(spec)
    if list(validator.iter_errors(spec)):
        passed += 1
        print(f"ok   schema refuses: {what}")
    else:
        failed += 1
        print(f"FAIL schema accepts: {what}")
print(f"validate-walkthroughs: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
