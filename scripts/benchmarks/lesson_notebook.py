#!/usr/bin/env python3
"""Writes the Jupyter notebook a learner would otherwise use for the sigmoid-neuron lesson: the same
numbers (z, σ(z), σ′(z), the linear approximation against the exact change, the step-vs-sigmoid table)
computed with numpy and shown as Markdown, in English and Chinese. `make bench` times
`jupyter nbconvert --execute --to html` on it against `sigmoid-neuron --lang all`."""
import sys
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_markdown_cell("# The sigmoid neuron / S 型神经元\n\nEvery number computed with numpy."),
    new_code_cell("import numpy as np\nfrom IPython.display import Markdown, display\n"
                  "w = np.array([0.0, 1.0]); b = 4.0; x = np.array([2.0, 3.0])\n"
                  "dw = np.array([0.01, -0.02]); db = 0.03\n"
                  "sigma = lambda z: 1 / (1 + np.exp(-z))"),
    new_code_cell("z = w @ x + b\ny = sigma(z)\n"
                  "display(Markdown(f'$z = {w[0]:g}\\\\cdot{x[0]:g} + {w[1]:g}\\\\cdot{x[1]:g} + {b:g} = {z:g}$, "
                  "$\\\\sigma({z:g}) = {y:.6f}$'))"),
    new_code_cell("sp = y * (1 - y)\ngrad = np.append(sp * x, sp)\napprox = grad @ np.append(dw, db)\n"
                  "exact = sigma((w + dw) @ x + b + db) - y\n"
                  "display(Markdown(f'$\\\\sigma\\'(z) = {sp:.6g}$; approx {approx:.6g}, exact {exact:.6g}, gap {abs(exact - approx):.3g}'))"),
    new_code_cell("h = 1e-5\nparams = np.append(w, b)\nf = lambda p: sigma(p[:2] @ x + p[2])\n"
                  "numeric = [(f(params + h * e) - f(params - h * e)) / (2 * h) for e in np.eye(3)]\n"
                  "display(Markdown('| analytic | numeric |\\n|---|---|\\n' + '\\n'.join(f'| {a:.10g} | {n:.10g} |' for a, n in zip(grad, numeric))))"),
    new_code_cell("zs = np.array([-6, -2, -1, -0.5, 0, 0.5, 1, 2, 6])\n"
                  "rows = '\\n'.join(f'| {v:g} | {float(v > 0):g} | {sigma(v):.6g} | {sigma(v) * (1 - sigma(v)):.6g} |' for v in zs)\n"
                  "display(Markdown('| z | step | σ | σ′ |\\n|---|---|---|---|\\n' + rows))"),
]
nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
nbformat.write(nb, sys.argv[1] if len(sys.argv) > 1 else "sigmoid-neuron.ipynb")
