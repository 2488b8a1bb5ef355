#!/usr/bin/env bash
# Eight seeds of the study's default schedule on this machine, two ways: 2 processes x 1 thread (--workers 2, under
# torchrun) against 1 process x 2 threads (the README's command). Prints the wall clock of each and their ratio, and
# whether the two give the same observations. Run from the project root on an otherwise idle machine:
#   bash bench/bench_study.sh [OUT]        (OUT defaults to runs/bench-study)
set -euo pipefail
out=${1:-runs/bench-study}
cores=$(python -c 'import os; print(len(os.sched_getaffinity(0)))')
t0=$(date +%s.%N)
negunlearn reproduce --preset small --seeds 0-7 --out "$out/2x1" --workers 2 --no-pictures --force > "$out.2x1.log" 2>&1
t1=$(date +%s.%N)
negunlearn reproduce --preset small --seeds 0-7 --out "$out/1x2" --no-pictures --force > "$out.1x2.log" 2>&1
t2=$(date +%s.%N)
python - "$t0" "$t1" "$t2" "$out" "$cores" <<'PY'
import sys, json, torch
t0, t1, t2, out, cores = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
a, b = t1 - t0, t2 - t1
same = open(f'{out}/2x1/observations.csv').read() == open(f'{out}/1x2/observations.csv').read()
print(f"torch {torch.__version__}, {cores} cores")
print(f"2 processes x 1 thread: {a/60:.1f} min; 1 process x 2 threads: {b/60:.1f} min; ratio {b/a:.2f}x")
print(f"same observations.csv: {same}")
PY
