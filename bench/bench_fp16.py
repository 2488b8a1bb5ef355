"""What the original's fp16 costs on this machine: one training epoch of the study's positive phase in float32 (the stock
fastai learner, no callbacks), in fp16 emulated in float32 tensors (`--precision fp16` on a CPU) and in float16 itself
(`--precision fp16-native`: fastai's `ModelToHalf` + `NonNativeMixedPrecision` without its CUDA assertion), for each
preset, in the same process, after one warm-up epoch each. It prints seconds per epoch and the ratios to float32.

    python bench/bench_fp16.py --presets small,wide --threads 1 --max-int 99999

An epoch here is `fit_one_cycle(1, 1e-2)` on the allowed readings of 0..MAX_INT at the study's batch shape (128 x 8),
validation included, without the probes (they cost the same in each mode).
"""
import argparse, os, platform, time, warnings
warnings.filterwarnings('ignore')
import torch
from fastai.torch_core import set_seed
from negunlearn.numbers import Corpus
from negunlearn.data import reading_dls
from negunlearn.model import reading_learner
from negunlearn.schedule import half_callbacks
from negunlearn.rundir import processor

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--presets', default='small,wide'); p.add_argument('--threads', type=int, default=1)
p.add_argument('--max-int', type=int, default=99_999); p.add_argument('--repeats', type=int, default=2)
a = p.parse_args()
torch.set_num_threads(a.threads)
dls = reading_dls(Corpus(max_int=a.max_int), bs=128, seq_len=8)
modes = {'float32': lambda: [], 'fp16 emulated': lambda: half_callbacks(True), 'float16 itself': lambda: half_callbacks(False)}

def epoch(preset, cbs):
    set_seed(0)
    learn = reading_learner(dls, preset)
    with learn.no_bar(), learn.no_logging():
        learn.fit_one_cycle(1, 1e-2, cbs=cbs())  # warm-up
        times = []
        for _ in range(a.repeats):
            t = time.perf_counter(); learn.fit_one_cycle(1, 1e-2, cbs=cbs()); times.append(time.perf_counter() - t)
    return min(times)

cpu = processor()
print(f"{cpu['name']} ({', '.join(f for f in cpu['isa'] if 'fp16' in f or 'bf16' in f) or 'no fp16/bf16 flags'}), "
      f"torch {torch.__version__}, {a.threads} thread(s), {len(dls.train)} batches of 128 x 8 an epoch, best of {a.repeats}", flush=True)
print('| preset | float32 s/epoch | fp16 emulated s/epoch | float16 itself s/epoch | emulated / float32 | itself / float32 |')
print('|---|---|---|---|---|---|')
for preset in a.presets.split(','):
    t = {m: epoch(preset, cbs) for m, cbs in modes.items()}
    print(f"| {preset} | {t['float32']:.1f} | {t['fp16 emulated']:.1f} | {t['float16 itself']:.1f} | "
          f"{t['fp16 emulated'] / t['float32']:.2f}× | {t['float16 itself'] / t['float32']:.2f}× |", flush=True)
