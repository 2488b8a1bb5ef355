"""`negunlearn view` against the same page written through the full command line, in one run.

    python bench/bench_view_start.py [--repeats 7] [FOLDER]

Each way runs in a fresh process, as a user runs it: `negunlearn view FOLDER` (the program's entry point, which writes
the page without importing torch or fastai) and `python -m negunlearn.cli view FOLDER` (the command line, which
imports every subcommand's library, torch and fastai among them, before it parses anything: how `view` ran before).
The pages are compared byte for byte. Prints the median wall time of each and their ratio."""
import argparse, filecmp, os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def timed(cmd:list)->float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=root, capture_output=True)
    return time.perf_counter() - t

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('folder', nargs='?', default='images/study-small')
    ap.add_argument('--repeats', type=int, default=7)
    a = ap.parse_args()
    exe = shutil.which('negunlearn') or sys.exit('negunlearn is not installed: pip install -e .')
    with tempfile.TemporaryDirectory() as tmp:
        fast, full = Path(tmp)/'fast.html', Path(tmp)/'full.html'
        ways = {'negunlearn view (no torch, no fastai)': [exe, 'view', a.folder, '--out', str(fast)],
                'python -m negunlearn.cli view (the full command line)': [sys.executable, '-m', 'negunlearn.cli', 'view', a.folder, '--out', str(full)]}
        times = {k: [] for k in ways}
        for _ in range(a.repeats):  # interleaved, so that a busy moment of the machine touches both
            for k, cmd in ways.items(): times[k].append(timed(cmd))
        same = filecmp.cmp(fast, full, shallow=False)
    print(f"{a.folder}, {a.repeats} runs each, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for k, ts in times.items(): print(f"  {k}: median {statistics.median(ts):.2f} s (min {min(ts):.2f}, max {max(ts):.2f})")
    (f1, t1), (f2, t2) = [(k, statistics.median(v)) for k, v in times.items()]
    print(f"  ratio: {t2 / t1:.1f}x faster; the two pages byte for byte equal: {same}")

if __name__ == '__main__': main()
