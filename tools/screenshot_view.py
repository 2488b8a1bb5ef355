"""Screenshots of what a person sees, for the README: `python tools/screenshot_view.py [--terminal SESSION]`.

- `images/viewer.png`: the page of the reference study (`images/study-small/view.html`, as `negunlearn view
  images/study-small` writes it) in headless Chromium, the pointer on seed 4's cell for "thousand" after "sixty" at
  epoch 12, so that its probability shows;
- with `--terminal SESSION`: also `images/terminal.png`, the tmux pane SESSION as it looks (`tmux capture-pane -e`
  keeps its colours), drawn by the same browser in a monospace font on a dark background.

Both go through `tools/screenshot_site.py`'s `Browser` (headless Chromium over the DevTools pipe). Options: `--out DIR`
(default `images`), `--browser PATH`."""
from __future__ import annotations
import argparse, base64, html, re, subprocess, sys, tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root/'tools'))
from screenshot_site import Browser, find_browser

def _c256(n:int)->tuple:
    "The RGB of colour `n` of the 256-colour palette"
    base = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229), (127, 127, 127),
            (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
    if n < 16: return base[n]
    if n >= 232: return (8 + 10*(n - 232),) * 3
    n, lv = n - 16, [0, 95, 135, 175, 215, 255]
    return lv[n // 36], lv[n // 6 % 6], lv[n % 6]

def ansi_html(text:str, fg0='#d4d4d4', bg0='#1e1e1e')->str:
    "Terminal text with SGR colours (0, 1, 22, 30-37, 38;2/38;5, 39, 40-47, 48;2/48;5, 49, 90-97) as an HTML page"
    out, fg, bg, bold = [], None, None, False
    for part in re.split(r'(\x1b\[[0-9;]*m)', text):
        m = re.fullmatch(r'\x1b\[([0-9;]*)m', part)
        if not m:
            if part:
                st = (f'color:rgb{fg};' if fg else '') + (f'background:rgb{bg};' if bg else '') + ('font-weight:bold;' if bold else '')
                out.append(f'<span style="{st}">{html.escape(part)}</span>' if st else html.escape(part))
            continue
        codes, i = [int(c) if c else 0 for c in m.group(1).split(';')], 0
        while i < len(codes):
            c = codes[i]
            if c == 0: fg = bg = None; bold = False
            elif c == 1: bold = True
            elif c == 22: bold = False
            elif c in (38, 48) and i + 1 < len(codes) and codes[i + 1] in (2, 5):
                v = tuple(codes[i+2:i+5]) if codes[i + 1] == 2 else _c256(codes[i + 2])
                i += 4 if codes[i + 1] == 2 else 2
                if c == 38: fg = v
                else: bg = v
            elif 30 <= c <= 37: fg = _c256(c - 30)
            elif 40 <= c <= 47: bg = _c256(c - 40)
            elif 90 <= c <= 97: fg = _c256(c - 82)
            elif c == 39: fg = None
            elif c == 49: bg = None
            i += 1
    return (f'<!doctype html><meta charset="utf-8"><style>pre span {{display: inline-block; height: 17px; vertical-align: top}}</style>'
            f'<body style="margin:0;background:{bg0}"><pre style="margin:10px 12px;color:{fg0};'
            f"font:14px/17px 'DejaVu Sans Mono',monospace\">" + ''.join(out) + '</pre></body>')

def shoot(browser:Browser, url:str, png:Path, clip=None):
    "Open `url` and save the viewport (or `clip`) as `png`"
    browser.open(url)
    browser.js('new Promise(r => setTimeout(r, 300))')
    shot = dict(format='png') | (dict(clip=clip | dict(scale=1)) if clip else {})
    png.write_bytes(base64.b64decode(browser.call('Page.captureScreenshot', session=True, **shot)['data']))

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=str(root/'images'))
    ap.add_argument('--terminal', help='a tmux session to draw as images/terminal.png')
    ap.add_argument('--browser')
    args = ap.parse_args(argv)
    out, page = Path(args.out), root/'images'/'study-small'/'view.html'
    if not page.is_file(): sys.exit(f'{page} does not exist: negunlearn view images/study-small first')
    b = Browser(find_browser(args.browser), 1400, 1150)
    try:
        b.open(page.as_uri())
        k = b.js("VIEW.data.vocab.indexOf('thousand')")
        cell = b.js(f'VIEW.cell(1, 12, {k})')
        b.mouse(cell['x'], cell['y'])
        b.js('new Promise(r => setTimeout(r, 200))')
        (out/'viewer.png').write_bytes(base64.b64decode(b.call('Page.captureScreenshot', session=True, format='png')['data']))
        print(f"{out/'viewer.png'}: the page of images/study-small, pointing at {cell['run']}, “{cell['probe']}” → “thousand”, epoch 12")
        if args.terminal:
            text = subprocess.run(['tmux', 'capture-pane', '-e', '-p', '-t', args.terminal], capture_output=True, text=True, check=True).stdout
            lines = text.rstrip('\n').splitlines()
            with tempfile.TemporaryDirectory() as d:
                f = Path(d)/'terminal.html'
                f.write_text(ansi_html('\n'.join(lines)))
                width = 24 + 8.43 * max(len(re.sub(r'\x1b\[[0-9;]*m', '', l)) for l in lines)
                shoot(b, f.as_uri(), out/'terminal.png', dict(x=0, y=0, width=round(width), height=20 + 17 * len(lines)))
            print(f"{out/'terminal.png'}: the tmux pane {args.terminal}, {len(lines)} lines")
    finally: b.close()

if __name__ == '__main__': main()
