"""Keep what a reader should see under the notebooks' example cells, and nothing else: `python tools/keep_outputs.py`.

The notebooks keep their example outputs (tables, figures, printed summaries), as fastai's and fastcore's do, so that a
reader sees them on GitHub and on the documentation site (`tools/build_docs.py` renders kept outputs; nothing is
executed at build time, so the site builds in a minute from `.[docs]`). They are made by the tests themselves:

    nbdev-test --n-workers 2 --save && python tools/keep_outputs.py && nbdev-clean

`nbdev-test --save` writes every cell's outputs back into a notebook whose tests passed (under `IN_TEST`, so the runs
are the tests' small ones, with `slow` and `cuda` cells skipped); this script then drops what a reader should not get:
the outputs of hidden and exported cells, progress bars, widgets, errors, libraries' warnings, and anything larger than
`--max-kb`. It is
idempotent, and CI checks that it changes nothing. The numbers a kept output shows are those of the machine that last
ran the notebook (training is chaotic: another processor takes another path); where a number is asserted, a test
beside it says so.
Options: `--check` (exit 1 and name the notebooks this would change, writing nothing), `--max-kb` (default 200),
notebooks to process (default: every notebook in `nbs/`).
"""
from __future__ import annotations
import argparse, json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
DROP_DIRECTIVES = ('hide', 'export', 'exporti', 'exports', 'exec_doc')  # cells whose outputs no reader sees
_directive = re.compile(r'^\s*#\|\s*([\w-]+)')

def directives(source:str) -> set[str]:
    "The nbdev directives (`#| hide`, `#| export`, ...) at the top of a cell"
    out = set()
    for line in source.splitlines():
        if not line.strip(): continue
        m = _directive.match(line)
        if not m: break
        out.add(m.group(1))
    return out

def size(output:dict) -> int:
    "Bytes of an output as stored"
    return len(json.dumps(output))

def keep(output:dict, max_kb:float) -> bool:
    "Whether a reader should see this output"
    kind, data = output.get('output_type'), output.get('data', {})
    if kind == 'error': return False
    if size(output) > max_kb*1024: return False
    if any(k.startswith('application/vnd.jupyter.widget') for k in data): return False
    html = ''.join(data.get('text/html', ''))
    if '<progress' in html or 'progress-bar' in html: return False  # fastprogress
    if kind == 'stream' and '\r' in ''.join(output.get('text', '')): return False  # a bar redrawn in place
    if kind in ('display_data', 'execute_result') and not data: return False
    return True

_WARNING = re.compile(r'(Warning:|^\s*warnings\.warn\()')

def tidy(output:dict) -> dict:
    "The output as kept: no execution counts, no per-output metadata, no library warnings on stderr"
    out = {k: v for k, v in output.items() if k not in ('execution_count', 'metadata')}
    if out.get('output_type') == 'stream' and out.get('name') == 'stderr':
        lines = ''.join(out.get('text', '')).splitlines(keepends=True)
        out['text'] = [l for l in lines if not _WARNING.search(l)]
    if out.get('output_type') == 'execute_result': out |= dict(execution_count=None, metadata={})
    elif out.get('output_type') == 'display_data': out |= dict(metadata={})
    return out

def filter_notebook(nb:dict, max_kb:float=200) -> dict:
    "`nb` with only the outputs a reader should see"
    for cell in nb['cells']:
        if cell['cell_type'] != 'code': continue
        src = ''.join(cell.get('source', ''))
        kept = [] if directives(src) & set(DROP_DIRECTIVES) else [tidy(o) for o in cell.get('outputs', []) if keep(o, max_kb)]
        kept = [o for o in kept if not (o.get('output_type') == 'stream' and not ''.join(o.get('text', '')).strip())]
        cell['outputs'] = kept
    return nb

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebooks', nargs='*', type=Path, help='notebooks to process (default: all in nbs/)')
    ap.add_argument('--check', action='store_true', help='name the notebooks this would change and exit 1; write nothing')
    ap.add_argument('--max-kb', type=float, default=200, help='drop any single output larger than this (default 200)')
    args = ap.parse_args(argv)
    nbs = args.notebooks or sorted((root/'nbs').glob('*.ipynb'))
    changed = []
    for f in nbs:
        text = f.read_text()
        nb = json.loads(text)
        new = json.dumps(filter_notebook(nb, args.max_kb), indent=1, ensure_ascii=False) + '\n'
        if json.loads(new) == json.loads(text): continue
        changed.append(f)
        if not args.check: f.write_text(new)
    if args.check and changed: sys.exit(f"outputs no reader should see in: {', '.join(str(f) for f in changed)} (run python tools/keep_outputs.py)")
    n = sum(1 for f in nbs for c in json.loads(f.read_text())['cells'] if c['cell_type'] == 'code' and c.get('outputs'))
    print(f"{len(nbs)} notebooks, {n} code cells with outputs kept" + (f"; changed: {len(changed)}" if changed and not args.check else ''))

if __name__ == '__main__': main()
