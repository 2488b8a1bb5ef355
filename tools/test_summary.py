"""One line after `nbdev-test`: how many notebooks and code cells the tests ran, and which cells they left out and why.

    nbdev-test --n-workers 2 && python tools/test_summary.py

nbdev-test prints `Success.` when every cell it ran passed; this counts those cells with nbdev's own rule
(`nbdev.test.nb_test_cells`: the `tst_flags` of `pyproject.toml` skipped unless `--flags` asks for them,
`#| eval: false` never run), so the line says what a success covered. Pass the same `--flags` as to nbdev-test.
"""
import argparse
from collections import Counter
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.process import NBProcessor
from nbdev.frontmatter import nb_frontmatter
from nbdev.test import nb_test_cells
from fastcore.nbio import does_cell_eval, fm_default_eval

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--flags', default='', help='the flags given to nbdev-test (cells with them were run)')
a = p.parse_args()
flags, forced = get_config().tst_flags.split(), a.flags.split()
notebooks, ran, skipped = 0, 0, Counter()
for fn in nbglob():
    nb = NBProcessor(fn, rm_directives=False, process=True).nb
    code = [c for c in nb.cells if c.cell_type == 'code']
    run = nb_test_cells(fn, flags, forced)  # nbdev's own choice: what the test run executed
    notebooks += 1; ran += len(run)
    dflt = fm_default_eval(nb_frontmatter(nb))
    left = Counter()
    for c in code:  # the same rule, to say why each other cell was left out
        d = getattr(c, 'directives_', {}) or {}
        why = next((f for f in flags if f in d and f not in forced), None) or (None if does_cell_eval(c, dflt) else 'eval: false')
        if why: left[why] += 1
    assert len(code) - sum(left.values()) == len(run), fn  # the reasons account for every cell nbdev left out
    skipped += left
said = ', '.join(f"{n} {why}" for why, n in sorted(skipped.items())) or 'none'
print(f"tests: {notebooks} notebooks, {ran:,} code cells run; left out: {said}")
