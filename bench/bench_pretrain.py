"""What a pretrained body costs on this machine: negunlearn's pretraining against the stock fastai pipeline.

Stock: `TextBlock.from_df` (fastai's tokenizer) + `LMDataLoader` + `language_model_learner`, the way WikiText-103's body
was trained. Ours: `negunlearn pretrain`'s data (number English numericalized once, `ReadingsLMDataLoader`) + the same
`language_model_learner`. Both on the same slice of number English, at `negunlearn pretrain`'s shape (64 rows of 72
tokens), one thread, after a warm-up: the CPU seconds of one epoch (`fit_one_cycle(1, 1e-2)`, with its validation on 5%) and
of the loader alone, their ratio per token, and what one `negunlearn pretrain` (2 epochs over 400,000 sentences) then costs on one
core. The `paper` body is timed on a few batches only (a full epoch would take hours here).

    python bench/bench_pretrain.py [--sentences 20000] [--paper-batches 5]
"""
import argparse, time, warnings
from collections import Counter
warnings.filterwarnings('ignore')
import pandas as pd, torch
from fastai.text.all import (TextBlock, DataBlock, ColReader, RandomSplitter, AWD_LSTM, language_model_learner, set_seed, DataLoaders,
                             make_vocab)
from negunlearn.pretraining import number_english, PretrainConfig
from negunlearn.data import Readings, ReadingsLMDataLoader
from negunlearn.model import PRESETS
from negunlearn.rundir import environment, describe_environment

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--sentences', type=int, default=20_000); p.add_argument('--paper-batches', type=int, default=5)
a = p.parse_args()
torch.set_num_threads(1)
full = PretrainConfig()
texts = number_english(a.sentences, seed=0)
tokens = sum(len(t.split()) + 1 for t in texts)
full_tokens = 2 * 4_141_086  # two epochs of the committed number-English corpus (corpus.json)
print(f"{describe_environment(environment())}; {a.sentences:,} sentences of number English, {tokens:,} tokens")

def learner(dls, preset):
    set_seed(0)
    return language_model_learner(dls, AWD_LSTM, config=dict(PRESETS[preset]), drop_mult=0.3, pretrained=False)

def epoch_seconds(dls, preset):
    "CPU seconds of one epoch of `fit_one_cycle` (training and validation), after a warm-up batch"
    learn = learner(dls, preset)
    with learn.no_bar(), learn.no_logging():
        learn.model(next(iter(learn.dls.train))[0])  # warm-up
        t = time.process_time()
        learn.fit_one_cycle(1, 1e-2)
        return time.process_time() - t, len(learn.dls.train)

def batch_seconds(dls, preset, batches):
    "CPU seconds per training batch (forward, backward, step) over `batches` batches"
    learn = learner(dls, preset); learn.create_opt(); learn.model.train()
    t = time.process_time()
    for _, (x, y) in zip(range(batches), learn.dls.train):
        out = learn.model(x)[0]
        torch.nn.functional.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1)).backward()
        learn.opt.step(); learn.opt.zero_grad()
    return (time.process_time() - t) / batches

def loader_seconds(dl):
    t = time.process_time()
    for _ in dl: pass
    return time.process_time() - t

# stock fastai: tokenize and numericalize with TextBlock, batches from LMDataLoader
t = time.process_time()
df = pd.DataFrame({'text': texts})
stock = DataBlock(blocks=TextBlock.from_df('text', is_lm=True, seq_len=72), get_x=ColReader('text'),
                  splitter=RandomSplitter(0.05, seed=0)).dataloaders(df, bs=64, seq_len=72, num_workers=0)
stock_prep = time.process_time() - t
# ours: numericalize once, one tensor
t = time.process_time()
vocab = make_vocab(Counter(w for s in texts for w in ['xxbos'] + s.split()))
n_valid = len(texts) // 20  # 5% held out, as both pipelines do
ours = DataLoaders(ReadingsLMDataLoader(Readings(texts[n_valid:], vocab), 64, 72, shuffle=True), ReadingsLMDataLoader(Readings(texts[:n_valid], vocab), 64, 72))
ours_prep = time.process_time() - t

rows = []
for preset in ('small', 'wide'):
    s_ep, s_n = epoch_seconds(stock, preset)
    o_ep, o_n = epoch_seconds(ours, preset)
    s_tok, o_tok = s_n * 64 * 72, o_n * 64 * 72
    rows.append(dict(preset=preset, stock_prep=stock_prep, ours_prep=ours_prep, stock_loader=loader_seconds(stock.train), ours_loader=loader_seconds(ours.train),
                     stock_epoch=s_ep, ours_epoch=o_ep, stock_tok_s=s_tok / s_ep, ours_tok_s=o_tok / o_ep,
                     ratio=(s_ep / s_tok) / (o_ep / o_tok), body_minutes=full_tokens / (o_tok / o_ep) / 60))
small_batch = batch_seconds(ours, 'small', a.paper_batches)
paper_batch = batch_seconds(ours, 'paper', a.paper_batches)
paper_tok_s = 64 * 72 / paper_batch
print(f"\n| preset | stock: tokenize + numericalize (s) | ours (s) | stock loader (s) | ours loader (s) | stock epoch (s) | ours epoch (s) | "
      f"stock tokens/s | ours tokens/s | ratio per token | one `negunlearn pretrain` (2 epochs × 4.1M tokens), one core |")
print('|---|---|---|---|---|---|---|---|---|---|---|')
for r in rows:
    print(f"| {r['preset']} | {r['stock_prep']:.1f} | {r['ours_prep']:.2f} | {r['stock_loader']:.2f} | {r['ours_loader']:.3f} | {r['stock_epoch']:.1f} | "
          f"{r['ours_epoch']:.1f} | {r['stock_tok_s']:,.0f} | {r['ours_tok_s']:,.0f} | {r['ratio']:.2f}× | {r['body_minutes']:.0f} min |")
print(f"| paper (training batches only: {paper_batch:.2f} s each, {paper_batch / small_batch:.0f}× small's) | | | | | | | | {paper_tok_s:,.0f} | | {full_tokens / paper_tok_s / 3600:.1f} hours |")
