"""What the original's fp16 costs on this machine: one training epoch of the study's positive phase in float32 (the stock
fastai learner, no callbacks), in fp16 emulated in float32 tensors (`--precision fp16` on a CPU) and in float16 itself
(`--precision fp16-native`: fastai's `ModelToHalf` + `NonNativeMixedPrecision` without its CUDA assertion), for each
preset, in the same process. The three modes take turns (one epoch each per round, after a warm-up round), so that
other work on the machine weighs on each alike; the best of the rounds is kept. It prints seconds per epoch of the
study (608 batches), scaled from the epochs timed here, and the ratios to float32.

    python bench/bench_fp16.py --presets small,wide --threads 1 --max-int 19999 --repeats 3

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
from negunlearn.training import half_callbacks
from negunlearn.rundir import processor

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--presets', default='small,wide'); p.add_argument('--threads', type=int, default=1)
p.add_argument('--max-int', type=int, default=19_999); p.add_argument('--repeats', type=int, default=3)
a = p.parse_args()
torch.set_num_threads(a.threads)
dls = reading_dls(Corpus(max_int=a.max_int), bs=128, seq_len=8)
modes = {'float32': lambda: [], 'fp16 emulated': lambda: half_callbacks(True), 'float16 itself': lambda: half_callbacks(False)}

def learner(preset):
    set_seed(0)
    return reading_learner(dls, preset)

def epoch(learn, cbs)->float:
    t = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(1, 1e-2, cbs=cbs())
    return time.perf_counter() - t

scale = 608 / len(dls.train)  # the study's epoch: 608 batches of 128 x 8

cpu = processor()
print(f"{cpu['name']} ({', '.join(f for f in cpu['isa'] if 'fp16' in f or 'bf16' in f) or 'no fp16/bf16 flags'}), "
      f"torch {torch.__version__}, {a.threads} thread(s), {len(dls.train)} batches of 128 x 8 timed an epoch, modes in turn, best of {a.repeats} rounds", flush=True)
print('| preset | float32 s/epoch | fp16 emulated s/epoch | float16 itself s/epoch | emulated / float32 | itself / float32 |')
print('|---|---|---|---|---|---|')
for preset in a.presets.split(','):
    learns = {m: learner(preset) for m in modes}
    for m, cbs in modes.items(): epoch(learns[m], cbs)  # warm-up
    times = {m: [] for m in modes}
    for _ in range(a.repeats):
        for m, cbs in modes.items(): times[m].append(epoch(learns[m], cbs))
    t = {m: min(v) * scale for m, v in times.items()}
    print(f"| {preset} | {t['float32']:.1f} | {t['fp16 emulated']:.1f} | {t['float16 itself']:.1f} | "
          f"{t['fp16 emulated'] / t['float32']:.2f}× | {t['float16 itself'] / t['float32']:.2f}× |", flush=True)
