"""What seeing the progress costs: `python bench/bench_view.py` (from the project root).

1. A row in the terminal: the follower (`negunlearn.live.Follower`) draws seed 4 of the reference study as if it were
   training, `metrics.csv` and `probs.npz` rewritten row by row as `RunLogger` writes them; each poll that draws a row
   is timed, in every display mode, against the epochs of that seed (`images/study-small/seed4/metrics.csv`'s `time`).
2. The page rewritten after an epoch during training: `write_view` of a study whose seed 4 has just recorded a row.
3. `negunlearn view images/study-small`: the command's wall clock (a fresh process, as a user runs it), the part of
   it that is Python importing the package (torch and fastai, as every command), and the page's own work; the size of
   the page of every committed folder.
"""
from __future__ import annotations
import csv, io, os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root))
from negunlearn.live import Follower
from negunlearn.rundir import write_csv, write_npz
from negunlearn.view import write_view

class Tty(io.StringIO):
    def isatty(self): return True

def replay(src:Path, dst:Path, n:int):
    "The first `n` rows of the run in `src`, written into `dst` as RunLogger writes them"
    dst.mkdir(parents=True, exist_ok=True)
    if not (dst/'config.json').exists(): shutil.copy(src/'config.json', dst/'config.json')
    with open(src/'metrics.csv', newline='') as f: r = csv.DictReader(f); rows, cols = list(r), r.fieldnames
    write_csv(dst/'metrics.csv', rows[:n], cols)
    with np.load(src/'probs.npz') as z: write_npz(dst/'probs.npz', **{k: (z[k] if k == 'vocab' else z[k][:n]) for k in z.files})

def main():
    study, seed = root/'images'/'study-small', root/'images'/'study-small'/'seed4'
    with open(seed/'metrics.csv', newline='') as f: rows = list(csv.DictReader(f))
    pos = statistics.median(float(r['time']) for r in rows[1:] if float(r['lr']) > 0)
    neg = statistics.median(float(r['time']) for r in rows[1:] if float(r['lr']) < 0)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; the reference seed's epochs: positive {pos:.2f} s, negative {neg:.2f} s (medians)")
    print("\n| mode | a row drawn: median | max | share of a negative epoch (median) | share of a positive epoch |")
    print("|---|---|---|---|---|")
    for mode, stream, cols in (('rgb', Tty(), 200), ('256', Tty(), 200), ('shades', Tty(), 200), ('rgb', Tty(), 80), ('plain', io.StringIO(), 200)):
        with tempfile.TemporaryDirectory() as d:
            f, times = Follower([('seed 4', Path(d)/'seed4')], len(rows) - 1, stream, mode, columns=cols), []
            for n in range(1, len(rows) + 1):
                replay(seed, Path(d)/'seed4', n)
                t = time.perf_counter(); drawn = f.poll(); times.append(time.perf_counter() - t)
                assert drawn == 1
        m = statistics.median(times)
        print(f"| {mode}{' (80 columns)' if cols == 80 else ''} | {m*1e3:.2f} ms | {max(times)*1e3:.2f} ms | {m/neg:.2%} | {m/pos:.2%} |")
    with tempfile.TemporaryDirectory() as d:  # between epochs the follower polls four times a second and finds nothing new
        items = [(f'seed {k}', Path(d)/f'seed{k}') for k in range(8)]
        for _, p in items: replay(seed, p, 5)
        f = Follower(items, len(rows) - 1, Tty(), 'rgb', columns=200)
        f.poll()
        t = time.perf_counter()
        for _ in range(1000): f.written = time.time(); f.poll()
        idle = (time.perf_counter() - t) / 1000
        print(f"\nan idle poll of a study of 8 seeds: {idle*1e6:.0f} µs, four times a second: {4*idle:.3%} of a core")
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)/'study'
        shutil.copytree(study, d, ignore=shutil.ignore_patterns('*.png', '*.gif', 'view.html'))
        write_view(d)  # the first page of the run reads every seed
        times = []
        for n in range(5, 31):
            replay(seed, d/'seed4', n)
            t = time.perf_counter(); write_view(d); times.append(time.perf_counter() - t)
        m = statistics.median(times)
        print(f"\nthe study's page rewritten after one seed's epoch: median {m*1e3:.1f} ms, max {max(times)*1e3:.1f} ms "
              f"({m/neg:.1%} of a negative epoch, {m/pos:.1%} of a positive one)")
    py = [sys.executable]
    wall, imports, work = [], [], []
    for _ in range(3):
        t = time.perf_counter(); subprocess.run(py + ['-c', 'import negunlearn.cli'], check=True, capture_output=True); imports.append(time.perf_counter() - t)
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter()
            r = subprocess.run(py + ['-m', 'negunlearn.cli', 'view', str(study), '--out', f'{d}/view.html'], check=True, capture_output=True, text=True)
            wall.append(time.perf_counter() - t)
            work.append(float(r.stdout.split(' MB in ')[1].split(' s')[0]))
    size = (study/'view.html').stat().st_size
    print(f"\n`negunlearn view images/study-small`: {statistics.median(wall):.2f} s wall clock (median of 3: {', '.join(f'{w:.2f}' for w in wall)}), "
          f"of which importing negunlearn.cli {statistics.median(imports):.2f} s and the page {statistics.median(work):.2f} s; "
          f"the page {size/1e6:.2f} MB")
    print("\n| folder | page |")
    print("|---|---|")
    for name in ('small', 'quark', 'study-small', 'ablation', 'compare'):
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter(); f = write_view(root/'images'/name, Path(d)/'view.html')
            print(f"| `images/{name}` | {f.stat().st_size/1e6:.2f} MB, {time.perf_counter() - t:.2f} s |")

if __name__ == '__main__': main()
