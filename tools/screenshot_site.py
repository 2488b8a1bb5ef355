"""Look at the built site in a real browser: `python tools/screenshot_site.py [PAGE ...]`.

Serves `_site/` on localhost, opens each page in headless Chromium (driven over the DevTools protocol on a pipe, so
nothing but the standard library is needed), scrolls to the page's `#anchor` if it has one, checks that every picture
of the page loaded and decoded, counts the tables and pictures the cells output (as `build_docs.py` marks them), and saves `_screenshots/<page>.png` (git-ignored). Without PAGE: the home page and the
first module page (`index.html` and, today, `numbers.html`), and the reproduction, a page of results. Exits with status 1 if a picture is broken.
Options: `--site DIR`, `--out DIR`, `--width`, `--height` (the window, pixels), `--full` (the whole page, up to
20,000 pixels high), `--browser PATH`. Debian: `apt-get install chromium` (run as root, it needs `--no-sandbox`,
which is passed)."""
from __future__ import annotations
import argparse, base64, functools, http.server, io, json, os, queue, re, shutil, subprocess, sys, tempfile, threading
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root/'tools'))

FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--hide-scrollbars',
         '--disable-background-networking', '--disable-component-update', '--disable-sync', '--mute-audio',
         '--disable-extensions', '--remote-debugging-pipe']

def default_pages() -> list[str]:
    "The home page and the first module page, found from the notebooks"
    from nbdev.config import get_config
    from build_docs import notebooks, page_name
    nbs_path = get_config().path('nbs_path')
    names = [page_name(nb, nbs_path) for nb in notebooks(nbs_path)]
    return ['index.html'] + [f'{n}.html' for n in names if n != 'index'][:1] + ['reproduction.html']  # a reader's page of results

def find_browser(path=None) -> str:
    for b in [path, os.environ.get('CHROMIUM'), 'chromium', 'chromium-browser', 'google-chrome', 'chrome']:
        if b and shutil.which(b): return shutil.which(b)
    sys.exit('no Chromium found: apt-get install chromium (or pass --browser)')

class Browser:
    "Headless Chromium driven over the DevTools protocol on `--remote-debugging-pipe` (fd 3: commands, fd 4: replies)"
    def __init__(self, exe, width, height):
        self.profile = tempfile.TemporaryDirectory()
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()
        def fds(): os.dup2(cmd_r, 3); os.dup2(res_w, 4)
        self.proc = subprocess.Popen([exe, *FLAGS, f'--user-data-dir={self.profile.name}', f'--window-size={width},{height}'],
                                     preexec_fn=fds, pass_fds=(3, 4), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(cmd_r); os.close(res_w)
        self.n, self.replies, self.events, self.errors = 0, {}, queue.Queue(), []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        target = self.call('Target.createTarget', url='about:blank')['targetId']
        self.session = self.call('Target.attachToTarget', targetId=target, flatten=True)['sessionId']
        self.call('Page.enable', session=True)
        self.call('Runtime.enable', session=True)  # console messages and uncaught exceptions: `errors`
        self.call('Log.enable', session=True)  # what the browser itself reports (a resource that failed to load, ...)
        self.call('Emulation.setDeviceMetricsOverride', session=True, width=width, height=height, deviceScaleFactor=1, mobile=False)

    def _read(self):
        buf = b''
        while chunk := os.read(self.res_r, 1 << 16):
            buf += chunk
            *msgs, buf = buf.split(b'\0')
            for m in msgs:
                msg = json.loads(m)
                if 'id' in msg:
                    with self.cond: self.replies[msg['id']] = msg; self.cond.notify_all()
                else:
                    if (error := self._error(msg)): self.errors.append(error)
                    self.events.put(msg)

    @staticmethod
    def _error(msg):
        "The text of an error the page reported (an uncaught exception, console.error, a failed load), or None"
        m, p = msg.get('method'), msg.get('params', {})
        if m == 'Runtime.exceptionThrown':
            d = p.get('exceptionDetails', {})
            return (d.get('exception') or {}).get('description') or d.get('text', 'exception')
        if m == 'Runtime.consoleAPICalled' and p.get('type') in ('error', 'assert'):
            return ' '.join(str(a.get('value', a.get('description', ''))) for a in p.get('args', []))
        if m == 'Log.entryAdded' and p.get('entry', {}).get('level') == 'error': return p['entry'].get('text', 'error')
        return None

    def call(self, method, session=False, timeout=60, **params):
        self.n += 1
        msg = dict(id=self.n, method=method, params=params)
        if session: msg['sessionId'] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b'\0')
        with self.cond:
            if not self.cond.wait_for(lambda: self.n in self.replies, timeout): raise TimeoutError(method)
            r = self.replies.pop(self.n)
        if 'error' in r: raise RuntimeError(f"{method}: {r['error']}")
        return r['result']

    def js(self, expr):
        r = self.call('Runtime.evaluate', session=True, expression=expr, awaitPromise=True, returnByValue=True)
        if 'exceptionDetails' in r: raise RuntimeError(f"{expr[:60]}: {r['exceptionDetails']}")
        return r['result'].get('value')

    def open(self, url, timeout=60):
        while not self.events.empty(): self.events.get()
        if 'loaderId' not in self.call('Page.navigate', session=True, url=url): return  # only the #anchor changed
        while True:
            ev = self.events.get(timeout=timeout)
            if ev.get('method') == 'Page.loadEventFired': return

    def mouse(self, x, y, kind='mouseMoved', button='none', clicks=0):
        "A real mouse event at (x, y), in CSS pixels of the viewport"
        self.call('Input.dispatchMouseEvent', session=True, type=kind, x=x, y=y, button=button, clickCount=clicks)

    def click(self, x, y):
        "Move to (x, y), press and release the left button"
        self.mouse(x, y)
        for kind in ('mousePressed', 'mouseReleased'): self.mouse(x, y, kind, 'left', 1)

    def pixel(self, x, y):
        "The (r, g, b) the browser shows at (x, y), from a screenshot of that one pixel"
        from PIL import Image
        png = self.call('Page.captureScreenshot', session=True, format='png', clip=dict(x=x, y=y, width=1, height=1, scale=1))['data']
        return Image.open(io.BytesIO(base64.b64decode(png))).convert('RGB').getpixel((0, 0))

    def close(self):
        try: self.call('Browser.close', timeout=10)
        except Exception: pass
        try: self.proc.wait(10)
        except subprocess.TimeoutExpired: self.proc.kill()
        self.profile.cleanup()

# Every picture loaded and decoded (lazy ones too); then the page's anchor scrolled into view
CHECK_IMAGES = """(async () => {
  const imgs = [...document.images];
  imgs.forEach(i => i.loading = 'eager');
  const broken = [];
  await Promise.all(imgs.map(i => i.decode().catch(() => broken.push(i.getAttribute('src')))));
  await document.fonts.ready;
  return {n: imgs.length, broken: broken,
          gifs: imgs.filter(i => /\\.gif$/i.test(i.src)).length, title: document.title,
          outputs: document.querySelectorAll('.cell-output').length,
          output_tables: [...document.querySelectorAll('.cell-output')].filter(e => e.matches('table') || e.querySelector('table')).length,
          output_pictures: [...document.querySelectorAll('.cell-output img')].filter(i => i.naturalWidth > 0).length};
})()"""
SCROLL = """(() => { const id = decodeURIComponent(location.hash.slice(1));
  const el = id && document.getElementById(id); if (el) el.scrollIntoView({behavior: 'instant'}); return !id || !!el; })()"""

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('pages', nargs='*')
    ap.add_argument('--site', default=str(root/'_site'))
    ap.add_argument('--out', default=str(root/'_screenshots'))
    ap.add_argument('--width', type=int, default=1400)
    ap.add_argument('--height', type=int, default=1800)
    ap.add_argument('--full', action='store_true')
    ap.add_argument('--browser')
    args = ap.parse_args(argv)
    site, out = Path(args.site).resolve(), Path(args.out).resolve()
    if not (site/'index.html').is_file(): sys.exit(f'{site}/index.html does not exist: python tools/build_docs.py first')
    out.mkdir(parents=True, exist_ok=True)
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    browser, bad = Browser(find_browser(args.browser), args.width, args.height), 0
    try:
        for page in args.pages or default_pages():
            url = f'http://127.0.0.1:{server.server_port}/{page.lstrip("/")}'
            browser.open(url)
            info = browser.js(CHECK_IMAGES)
            if not browser.js(SCROLL): print(f'  {page}: no element with the id of the anchor'); bad += 1
            browser.js('new Promise(r => setTimeout(r, 300))')
            shot = dict(format='png')
            if args.full:
                h = min(20000, int(browser.call('Page.getLayoutMetrics', session=True)['cssContentSize']['height']))
                shot.update(captureBeyondViewport=True, clip=dict(x=0, y=0, width=args.width, height=h, scale=1))
            png = out/(re.sub(r'[^\w-]+', '_', page.replace('.html', '')).strip('_') + '.png')
            png.write_bytes(base64.b64decode(browser.call('Page.captureScreenshot', session=True, **shot)['data']))
            print(f"{page}: \"{info['title']}\", {info['n']} pictures ({info['gifs']} GIF), {info['outputs']} cell outputs "
                  f"({info['output_tables']} tables, {info['output_pictures']} pictures), "
                  f"{len(info['broken'])} broken -> {png.relative_to(root) if png.is_relative_to(root) else png}")
            for src in info['broken']: print(f'  broken picture: {src}')
            bad += len(info['broken'])
    finally:
        browser.close(); server.shutdown()
    sys.exit(1 if bad else 0)

if __name__ == '__main__': main()
