"""The targeted method's cost per optimizer step, against unlikelihood's and the stock fastai step, in one run.

    python bench/bench_targeted_step.py [--steps 150] [--repeats 3] [--cache runs/compare/start]

All three start from the comparison's start model of seed 0 (the `small` preset; trained once into `--cache` if it is
not there) on one thread:
- stock fastai: `fit_one_cycle` over `--steps` batches of the allowed stream (128 × 8 tokens; no validation pass), the
  pipeline every method is built on;
- `unlikelihood:alpha=10:after=0` and `targeted`: `run_method` for `--steps` steps (whole readings, 128 forbidden and 128
  retain readings a batch; each step also records the probe rows, as in the comparison).
Interleaved `--repeats` times; prints the median milliseconds per step and each ratio to stock fastai."""
import argparse, itertools, os, statistics, time
import torch
from negunlearn.benchmark import StartModel, FirstBatches, run_method
from fastai.text.data import DataLoaders
from fastai.callback.core import Callback, CancelValidException

class NoValidation(Callback):
    "Skip the validation pass: only the training steps are timed (unlearning has none either)"
    def before_validate(self): raise CancelValidException()

def stock_step(setup, steps:int)->float:
    "Seconds per step of fastai's own fit_one_cycle on the allowed stream"
    dl = setup.dls['allowed'].train
    dls = DataLoaders(FirstBatches(dl.dataset, steps, bs=dl.bs, seq_len=dl.seq_len, shuffle=True, device=dl.device), setup.dls['allowed'].valid)
    learn = setup.learner(); learn.dls = dls
    t = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(1, 1e-3, cbs=NoValidation())
    return (time.perf_counter() - t) / steps

def method_step(setup, name:str, params:dict, steps:int)->float:
    t = time.perf_counter()
    run_method(name, setup, steps, 0, params)
    return (time.perf_counter() - t) / steps

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--steps', type=int, default=150)
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--cache', default='runs/compare/start')
    a = ap.parse_args()
    torch.set_num_threads(1)
    setup = StartModel('small', 0, a.cache).setup('cpu')
    ways = {'stock fastai fit_one_cycle (allowed stream)': lambda: stock_step(setup, a.steps),
            'unlikelihood:alpha=10:after=0': lambda: method_step(setup, 'unlikelihood', dict(alpha=10., after=0.), a.steps),
            'targeted': lambda: method_step(setup, 'targeted', {}, a.steps)}
    times = {k: [] for k in ways}
    for _ in range(a.repeats):
        for k, f in ways.items(): times[k].append(f())
    ref = statistics.median(times[next(iter(ways))])
    print(f"{a.steps} steps, {a.repeats} runs each, 1 thread, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for k, ts in times.items():
        m = statistics.median(ts)
        print(f"  {k}: {m * 1000:.1f} ms per step (min {min(ts) * 1000:.1f}, max {max(ts) * 1000:.1f}), {m / ref:.2f}x stock fastai")
    u, t = statistics.median(times['unlikelihood:alpha=10:after=0']), statistics.median(times['targeted'])
    print(f"  targeted / unlikelihood: {t / u:.2f}x")

if __name__ == '__main__': main()
