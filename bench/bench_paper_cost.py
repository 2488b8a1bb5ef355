"""What a study on a `paper`-shaped body (the original's: 400-wide embeddings, three LSTM layers of 1,152) would cost on
this machine, against the `wide` body the default uses: one training epoch of the study's positive phase, the body
frozen as the default freezes it (only the embeddings and the tied decoder train; the gradient to the embeddings
still runs back through the body), in the default's fp16 emulated in float32 tensors. The presets take turns, one
epoch each per round after a warm-up round, best of the rounds kept; seconds are scaled to the study's epoch (608
batches of 128 x 8), validation included, probes not.

    python bench/bench_paper_cost.py --threads 1 --max-int 4999 --repeats 2

The ratio paper / wide, times the `wide` study's measured seed, projects a `paper` seed; the body's pretraining is
`bench/bench_pretrain.py`'s.
"""
import argparse, time, warnings
warnings.filterwarnings('ignore')
import torch
from fastai.torch_core import set_seed
from negunlearn.numbers import Corpus
from negunlearn.data import reading_dls
from negunlearn.model import reading_learner
from negunlearn.training import half_callbacks
from negunlearn.rundir import processor

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--threads', type=int, default=1); p.add_argument('--max-int', type=int, default=4_999)
p.add_argument('--repeats', type=int, default=2)
a = p.parse_args()
torch.set_num_threads(a.threads)
dls = reading_dls(Corpus(max_int=a.max_int), bs=128, seq_len=8)
presets = ('wide', 'paper')

def learner(preset):
    set_seed(0)
    learn = reading_learner(dls, preset)
    learn.freeze()  # as fastai freezes a pretrained language model: the last group (embeddings, tied decoder) trains
    return learn

def epoch(learn)->float:
    t = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(1, 1e-2, cbs=half_callbacks(True))
    return time.perf_counter() - t

scale = 608 / len(dls.train)
cpu = processor()
print(f"{cpu['name']}, torch {torch.__version__}, {a.threads} thread(s), {len(dls.train)} batches of 128 x 8 an epoch, "
      f"frozen body, fp16 emulated, presets in turn, best of {a.repeats} rounds", flush=True)
learns = {q: learner(q) for q in presets}
for q in presets: epoch(learns[q])  # warm-up
times = {q: [] for q in presets}
for _ in range(a.repeats):
    for q in presets: times[q].append(epoch(learns[q]))
t = {q: min(v) * scale for q, v in times.items()}
trainable = {q: sum(x.numel() for x in learns[q].model.parameters() if x.requires_grad) for q in presets}
total = {q: sum(x.numel() for x in learns[q].model.parameters()) for q in presets}
print('| preset | parameters (trainable) | s per study epoch | / wide |')
print('|---|---|---|---|')
for q in presets: print(f"| {q} | {total[q]:,} ({trainable[q]:,}) | {t[q]:.1f} | {t[q] / t['wide']:.1f}× |", flush=True)
