#!/usr/bin/env bash
# What changes the bytes of a run? Seed 0 of the study for three epochs (two positive, one negative), once per
# setting, all on this machine; prints the first training loss and the largest difference of a probe probability
# from the first run. Usage: bash bench/fingerprint.sh [FOLDER]   (about 4 minutes on two cores)
set -euo pipefail
out=${1:-runs/fingerprint}
mkdir -p "$out"
run() {  # name, then VAR=value ... for the run
  local name=$1; shift
  env OMP_NUM_THREADS=1 "$@" negunlearn reproduce --seeds 0 --workers 1 --schedule '2x+1e-2@allowed 1x-5e-3@forbidden' \
      --samples 0 --no-pictures --out "$out/$name" --force > "$out/$name.log" 2>&1
}
run same
run again
run aten-avx2 ATEN_CPU_CAPABILITY=avx2
run mkl-avx2 MKL_ENABLE_INSTRUCTIONS=AVX2
run onednn-avx2 ONEDNN_MAX_CPU_ISA=AVX2
run threads-2 OMP_NUM_THREADS=2
python - "$out" <<'PY'
import csv, json, sys, numpy as np
from pathlib import Path
out = Path(sys.argv[1])
ref = np.load(out/'same/seed0/probs.npz')
env = json.loads((out/'same/seed0/config.json').read_text())['invocations'][0]['environment']
print(f"machine: {env['processor']} ({', '.join(env['isa'])}), torch {env['torch']}, {env['blas']}, oneDNN {env['onednn']}")
print(f"{'run':<12} {'cpu_capability':<15} {'threads':>7} {'first train loss':>17} {'max |Δp| after 3 epochs':>24}")
for name in ('same', 'again', 'aten-avx2', 'mkl-avx2', 'onednn-avx2', 'threads-2'):
    d = out/name/'seed0'
    p = np.load(d/'probs.npz')
    e = json.loads((d/'config.json').read_text())['invocations'][0]['environment']
    loss = list(csv.DictReader(open(d/'metrics.csv')))[1]['train_loss']
    diff = max(float(np.abs(p[c] - ref[c]).max()) for c in ('sixty', 'fifty'))
    print(f"{name:<12} {e['cpu_capability']:<15} {e['threads']:>7} {loss:>17} {diff:>24.2g}  {e['isa_overrides'] or ''}")
PY
