"""Time the stock fastai pipeline against negunlearn's on the same model, batch size and sequence length.

Stock: `TextBlock.from_df` (fastai's tokenizer) + `LMDataLoader` + `language_model_learner`.
Ours:  `reading_dls` (numericalize once, cut batches from one tensor) + the same `language_model_learner`.
For each (bs, seq_len) it times, after one warm-up epoch: the loader alone (one pass over the training batches),
one training epoch with `fit_one_cycle(1, 1e-2)` (training + validation), and the probes/exact metrics that
negunlearn adds after every epoch. It prints tokens/s, the ratio stock/ours and the ratio to the FLOP floor
(6 x parameters x training tokens per epoch at the device's nominal peak).

    python bench/bench_pipeline.py --device cpu --preset small --shapes 128x8,64x72
"""
import argparse, time, warnings, platform, os
warnings.filterwarnings('ignore')
import pandas as pd, torch
from fastai.text.all import TextBlock, DataBlock, ColReader, RandomSplitter, AWD_LSTM, language_model_learner, set_seed
from negunlearn.numbers import Corpus
from negunlearn.data import reading_dls, reading_vocab, Readings, ReadingTrie
from negunlearn.model import PRESETS, resolve_device
from negunlearn.training import SignedAdam
from negunlearn.probes import ProbeCallback

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--device', default='auto'); p.add_argument('--preset', default='small')
p.add_argument('--shapes', default='128x8,64x72', help='comma-separated BSxSEQ')
p.add_argument('--peak-tflops', type=float, default=None, help='nominal peak for the floor (default: 1 on CPU, 990 on H100 bf16)')
a = p.parse_args()
dev = resolve_device(a.device)
peak = a.peak_tflops or (990. if dev.type == 'cuda' else 1.)
corpus = Corpus()
df = pd.DataFrame({'text': corpus.readings('allowed')})

def sync():
    if dev.type == 'cuda': torch.cuda.synchronize()

def timed(f):
    sync(); t = time.time(); f(); sync(); return time.time() - t

def learner(dls):
    set_seed(0)
    return language_model_learner(dls, AWD_LSTM, config=dict(PRESETS[a.preset]), drop_mult=0.3, pretrained=False, opt_func=SignedAdam)

def one_epoch(learn):
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(1, 1e-2)

def loader_pass(dl):
    for b in dl: pass

rows = []
t_tok = timed(lambda: DataBlock(blocks=TextBlock.from_df('text', is_lm=True), get_x=ColReader('text'),
                                splitter=RandomSplitter(0.1, seed=42)).dataloaders(df, bs=64, seq_len=72, device=dev))
print(f"stock tokenization of {len(df):,} readings: {t_tok:.1f}s (once; not counted below)", flush=True)
for shape in a.shapes.split(','):
    bs, sl = map(int, shape.split('x'))
    stock_dls = DataBlock(blocks=TextBlock.from_df('text', is_lm=True), get_x=ColReader('text'),
                          splitter=RandomSplitter(0.1, seed=42)).dataloaders(df, bs=bs, seq_len=sl, device=dev)
    our_dls = reading_dls(corpus, bs=bs, seq_len=sl, device=dev)
    res = {}
    for name, dls in (('stock', stock_dls), ('ours', our_dls)):
        learn = learner(dls)
        n_params = sum(p.numel() for p in learn.model.parameters())
        n_tok = len(dls.train) * bs * sl
        one_epoch(learn)  # warm-up
        res[name] = dict(loader=timed(lambda: loader_pass(dls.train)), epoch=timed(lambda: one_epoch(learn)), tokens=n_tok)
        print(f"{shape} {name}: loader {res[name]['loader']:.2f}s, epoch {res[name]['epoch']:.2f}s ({n_tok:,} training tokens)", flush=True)
    vocab = reading_vocab(corpus)
    probe = ProbeCallback(vocab, ReadingTrie(Readings(corpus.texts, vocab), corpus.is_forbidden), corpus)
    probe.record(learn.model)
    t_probe = timed(lambda: probe.record(learn.model))
    floor = 6 * n_params * res['ours']['tokens'] / (peak * 1e12)
    rows.append(dict(shape=f"{bs}x{sl}", params=n_params, stock_loader_s=res['stock']['loader'], ours_loader_s=res['ours']['loader'],
                     loader_ratio=res['stock']['loader'] / res['ours']['loader'], stock_epoch_s=res['stock']['epoch'],
                     ours_epoch_s=res['ours']['epoch'], epoch_ratio=res['stock']['epoch'] / res['ours']['epoch'],
                     ours_tok_s=res['ours']['tokens'] / res['ours']['epoch'], probes_s=t_probe,
                     floor_s=floor, ours_over_floor=res['ours']['epoch'] / floor))
    print(f"{shape} probes + exact forbidden mass: {t_probe:.2f}s", flush=True)

print(f"\ndevice: {torch.cuda.get_device_name() if dev.type == 'cuda' else platform.processor() or 'cpu'} "
      f"({os.cpu_count()} cpus, torch {torch.__version__}, {torch.get_num_threads()} threads); preset {a.preset}; floor at {peak:g} TFLOP/s")
cols = list(rows[0])
print('| ' + ' | '.join(cols) + ' |\n|' + '---|' * len(cols))
for r in rows: print('| ' + ' | '.join(f'{v:.3g}' if isinstance(v, float) else str(v) for v in r.values()) + ' |')
