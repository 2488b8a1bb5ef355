"""Build the documentation site from the notebooks, offline and without Quarto: `python tools/build_docs.py`.

1. nbdev's own notebook processing (`nbdev.serve.proc_nbs`, the work of `nbdev-proc-nbs`) writes `_proc/`: directives
   applied, `show_doc` cells added after exports and rendered, exported and hidden cells dropped, backticked names linked.
2. Each processed notebook becomes one MyST-Markdown page, named as nbdev names it (`00a_numbers.ipynb` -> `numbers`),
   plus a plain CommonMark copy `numbers.html.md` (the URL the modules' `Docs:` lines point at, as Quarto's
   `commonmark` format would publish it). The notebooks are found in `nbs/` at build time: `index.ipynb` first, then
   the others by file name.
3. Sphinx (MyST-Parser, Furo theme, configured in `tools/docs/conf.py`) renders the pages into `_site/`, with
   navigation and search; the pictures the pages show, and the self-contained pages of `negunlearn view` they embed
   (`<iframe src="../images/.../view.html">`), are copied from `images/`.

`nbdev-docs` (Quarto) is untouched and keeps working where Quarto is installed; this script writes nothing under `nbs/`.
Options: `--out DIR` (default `_site`), `--force` (reprocess every notebook), `--strict` (nbdev's processing exactly as
`nbdev-proc-nbs` does it, implies `--force`; see `_lenient_exec` for the one difference otherwise), `-q` (less output).
Sphinx treats warnings as errors, so a page that does not render cleanly fails the build (the site is still written).
"""
from __future__ import annotations
import argparse, ast, base64, json, os, re, shutil, subprocess, sys, time, warnings
from pathlib import Path

root = Path(__file__).resolve().parent.parent
conf_dir = Path(__file__).resolve().parent/'docs'
src_dir = root/'_site_src'  # generated Sphinx sources (git-ignored)

def notebooks(nbs_path:Path) -> list[Path]:
    "The notebooks of the site: `index.ipynb` first, then the others in file-name order (nbdev's `_`/`.` files skipped)"
    nbs = sorted(p for p in nbs_path.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    return sorted(nbs, key=lambda p: p.name != 'index.ipynb')

def page_name(nb:Path, nbs_path:Path) -> str:
    "The page nbdev gives `nb` (`00a_numbers.ipynb` -> `numbers`), the same name as in the modules' `Docs:` URLs"
    from nbdev.config import nbpath2html
    return nbpath2html(nb.relative_to(nbs_path)).as_posix()[:-len('.html')]

# ---------------------------------------------------------------------------------------------------------------------
# Step 1: nbdev's processing

_lenient_report = []

def _lenient_exec():
    """Make nbdev's `exec_show_docs` run only the imports of a cell that mixes imports with other code.

    To render `show_doc`, nbdev executes exported cells, `show_doc` cells and every cell containing an import. A test
    cell that also imports something (`test_eq(len(vocab), 40)` + `from fastai.text.all import defaults`) is then run
    on its own, without the unexported cells it depends on, and stops the build (`NameError: vocab`); nbdev warns about
    such cells ("Found cells containing imports and other code", see its FAQ). Here only the cell's top-level imports
    run, which is what nbdev would do if the imports had their own cell. Everything else is nbdev's processing."""
    import nbdev.processors as P
    if getattr(P.exec_show_docs, '_negunlearn_lenient', False): return
    orig = P.exec_show_docs.__call__
    def __call__(self, cell):
        if not getattr(self.nb, 'has_docs_', None) or not hasattr(self, 'k'): return orig(self, cell)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            runs = P._do_eval(cell)
        if not runs or cell.directives_.keys() & {'export', 'exports', 'exporti', 'exec_doc'}: return orig(self, cell)
        trees = cell.parsed_()
        imports = [t for t in trees if isinstance(t, (ast.Import, ast.ImportFrom))]
        if P._show_docs(trees) or len(imports) == len(trees): return orig(self, cell)
        _lenient_report.append((Path(self.nb.path_).name, cell.get('id'), cell.source.splitlines()[0]))
        if imports:
            self.k.run_cell('\n'.join(ast.unparse(t) for t in imports))
            if self.k.exc: raise Exception(f"Error in {self.nb.path_}, imports of cell {cell.get('id')}: {self.k.exc!r}")
    P.exec_show_docs.__call__ = __call__
    P.exec_show_docs._negunlearn_lenient = True

def process(force=False, strict=False, quiet=False):
    "nbdev's notebook processing into `_proc/`, in this process (no Quarto needed, nothing written under `nbs/`)"
    from nbdev.config import get_config
    from nbdev.serve import proc_nbs
    if not strict: _lenient_exec()
    cache = proc_nbs(n_workers=0, force=force)  # serial: one import of torch/fastai for all notebooks
    if _lenient_report and quiet: print(f"{len(_lenient_report)} cells mix imports with other code: only their imports ran "
                                        "(without -q: the list)")
    if _lenient_report and not quiet:
        ids = {}
        for nb in notebooks(get_config().path('nbs_path')):
            for i, c in enumerate(json.loads(nb.read_text())['cells']): ids[(nb.name, c.get('id'))] = i
        print(f"{len(_lenient_report)} cells mix imports with other code; only their imports ran (nbdev-proc-nbs runs "
              "them whole). Put the imports in a cell of their own:")
        for name, cid, first in _lenient_report: print(f"  {name} cell {ids.get((name, cid), '?')} (id {cid}): {first[:70]}")
    return cache

# ---------------------------------------------------------------------------------------------------------------------
# Step 2: processed notebooks -> Markdown

def pandoc_id(text:str) -> str:
    "The identifier pandoc (hence Quarto, hence nbdev's `_modidx.py` anchors) gives a heading"
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text)  # links -> their text
    text = re.sub(r'<[^>]+>', '', text).replace('`', '').replace('*', '')
    text = re.sub(r'[^\w\s.\-]', '', text, flags=re.UNICODE).strip().lower()
    text = re.sub(r'\s+', '-', text)
    text = re.sub(r'^[^a-z]+', '', text)
    return text or 'section'

class Page:
    "One processed notebook as Markdown: `myst` (for Sphinx) or `commonmark` (the published `.html.md`)"
    def __init__(self, proc_nb:Path, name:str, names:dict, cfg):
        self.nb, self.name, self.names, self.cfg = json.loads(proc_nb.read_text()), name, names, cfg
        self.doc_url = (cfg.doc_host.rstrip('/') + cfg.doc_baseurl.rstrip('/') + '/') if cfg.get('doc_host') else None
        self.images = set()  # paths under the repository's `images/` that the page shows
        self.outputs = {}  # file name under `_outputs/` -> base64 PNG, the pictures cells output
        self.fm, cells = {}, self.nb['cells']
        if cells and cells[0]['cell_type'] == 'raw' and ''.join(cells[0]['source']).startswith('---'):
            import yaml
            self.fm = yaml.safe_load(''.join(cells[0]['source']).strip().strip('-')) or {}
            cells = cells[1:]
        self.cells = cells
        self.title = str(self.fm.get('title') or name)

    def links(self, md:str) -> str:
        """Links and pictures that work on the site. Links to the hosted docs become relative; a relative link is
        read from the notebook's folder, or else from the repository root (`index.ipynb` is written for the README at
        the root): notebooks become their pages, pictures under `images/` are copied to the site, and other files of
        the repository link to the repository (`git_url`)."""
        if self.doc_url: md = md.replace(f']({self.doc_url}', '](').replace(f'href="{self.doc_url}', 'href="')
        return re.sub(r'(\]\(\s*<?|(?:href|src)=["\'])([^)\s"\'<>]+)', lambda m: m.group(1) + self.link(m.group(2)), md)

    def link(self, url:str) -> str:
        if re.match(r'^([a-z][a-z0-9+.-]*:|#|/)', url, re.I): return url
        path, _, frag = url.partition('#')
        nbs, top = self.cfg.path('nbs_path').resolve(), self.cfg.config_path.resolve()
        f = next((c for c in ((nbs/path).resolve(), (top/path).resolve()) if c.exists()), None)
        if f is None or not f.is_relative_to(top): return url
        frag = '#' + frag if frag else ''
        if f.suffix == '.ipynb' and f.parent == nbs and f.name in self.names: return f'{self.names[f.name]}.html{frag}'
        rel = f.relative_to(top).as_posix()
        if rel.startswith('images/') and f.suffix.lower() in ('.png', '.gif', '.jpg', '.jpeg', '.svg', '.webp', '.html'):  # .html: a page of `negunlearn view`
            self.images.add(rel[len('images/'):]); return rel + frag
        if self.cfg.get('git_url'):
            return f"{self.cfg.git_url.rstrip('/')}/{'tree' if f.is_dir() else 'blob'}/{self.cfg.get('branch', 'main')}/{rel}{frag}"
        return url

    def show_doc(self, md:str, flavor:str) -> str:
        "nbdev's `show_doc` Markdown (made for Quarto) as plain Markdown: source link under the heading, no rule"
        lines = md.strip('\n').splitlines()
        while lines and lines[0].strip() in ('---', ''): lines.pop(0)
        src = None
        if lines and (m := re.match(r'^\[source\]\((\S+?)\)(\{[^}]*\})?\s*$', lines[0])): src = m.group(1); lines.pop(0)
        while lines and not lines[0].strip(): lines.pop(0)
        out = []
        if lines and lines[0].startswith('#'): out.append(('{.showdoc}\n' if flavor == 'myst' else '') + lines.pop(0))
        while lines and not lines[0].strip(): lines.pop(0)
        if src: out += ['', ('{.sd-source}\n' if flavor == 'myst' else '') + f'[source]({src})']
        md = '\n'.join(out + [''] + lines)
        return re.sub(r'(\]\([^)\s]*\))\{[^}]*\}', r'\1', md)  # pandoc attributes after other links

    def code(self, cell, flavor:str) -> list[str]:
        src = ''.join(cell.get('source', ''))
        if not src.strip(): return []  # nbdev emptied it: exported or hidden
        lines = src.splitlines()
        opts = {}
        while lines and (m := re.match(r'^#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$', lines[0])):
            opts[m.group(1)] = m.group(2).strip('"\'').lower(); lines.pop(0)
        code = '\n'.join(l for l in lines if not re.match(r'^\s*#\|', l)).strip('\n')
        if opts.get('include') == 'false': return []
        parts = []
        if code.strip() and opts.get('echo') != 'false':
            fence = '`' * max(3, 1 + max((len(r) for r in re.findall(r'`+', code)), default=0))
            parts.append(f'{fence}python\n{code}\n{fence}')
        if opts.get('output') == 'false': return parts
        n_code = len(parts)
        for o in cell.get('outputs', []):
            data = o.get('data', {})
            if o.get('output_type') == 'stream': text = ''.join(o.get('text', ''))
            elif o.get('output_type') == 'error': text = re.sub(r'\x1b\[[0-9;]*m', '', '\n'.join(o.get('traceback', [])))
            elif 'text/markdown' in data:
                md = self.links(''.join(data['text/markdown']))
                parts.append(self.show_doc(md, flavor) if cell.get('has_sd') or '[source](' in md else md)
                continue
            elif 'text/html' in data and '<table' in ''.join(data['text/html']):  # a DataFrame: its table, without pandas' scoped style
                html = re.sub(r'<style[^>]*>.*?</style>', '', ''.join(data['text/html']), flags=re.S).strip()
                parts.append(f'<div class="output-table">\n\n{html}\n\n</div>')
                continue
            elif 'image/png' in data:
                fn = f"{self.name}-{cell.get('id') or id(cell)}-{len(parts)}.png"
                self.outputs[fn] = data['image/png']; parts.append(f'![](_outputs/{fn})')
                continue
            else: text = ''.join(data.get('text/plain', ''))
            if text.strip(): parts.append(f'```\n{text.rstrip()}\n```')
        if flavor == 'myst' and not cell.get('has_sd'):  # what a cell printed or returned, in a container for the site's style and check_site.py
            parts[n_code:] = [p if p.lstrip().startswith('{.showdoc}') or '[source](' in p else self.output_container(p) for p in parts[n_code:]]
        return parts

    @staticmethod
    def output_container(md:str) -> str:
        "`md` (a cell's output as Markdown) inside a docutils container of class `cell-output`"
        fence = '`' * max(3, 1 + max((len(r) for r in re.findall(r'`+', md)), default=0))
        return f'{fence}{{container}} cell-output\n{md}\n{fence}'

    def markdown(self, flavor:str) -> str:
        "The page: title and description from nbdev's front matter, then the cells"
        parts = [f'# {self.title}']
        if self.fm.get('description'): parts.append(('{.description}\n' if flavor == 'myst' else '') + f"> {self.fm['description']}")
        for cell in self.cells:
            src = ''.join(cell.get('source', ''))
            if cell['cell_type'] == 'markdown':
                if src.strip().startswith('<!-- WARNING: THIS FILE WAS AUTOGENERATED'): continue
                if src.strip(): parts.append(self.links(src))
            elif cell['cell_type'] == 'code': parts += self.code(cell, flavor)
            elif cell['cell_type'] == 'raw' and src.strip(): parts.append(f'```\n{src.rstrip()}\n```')
        return '\n\n'.join(p.strip('\n') for p in parts) + '\n'

def write_if_changed(path:Path, text:str):
    "Keep mtimes (and so Sphinx's incremental build) for pages that did not change"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text: path.write_text(text)

def make_sources(cache:Path, cfg) -> list[str]:
    "Write the Sphinx sources into `_site_src/`: one MyST page per notebook, the `.html.md` copies, the pictures"
    nbs_path = cfg.path('nbs_path')
    nbs = notebooks(nbs_path)
    names = {nb.name: page_name(nb, nbs_path) for nb in nbs}
    dup = {n for n in names.values() if list(names.values()).count(n) > 1}
    if dup: sys.exit(f"notebooks that nbdev gives the same page name: {sorted(k for k, v in names.items() if v in dup)}")
    if nbs and names[nbs[0].name] != 'index': sys.exit('nbs/index.ipynb is missing: it is the home page')
    extra = src_dir/'_extra'  # copied as-is to the site root (html_extra_path)
    for d in ('_outputs', 'images', '_extra'): shutil.rmtree(src_dir/d, ignore_errors=True)
    pages, images = [], set()
    for nb in nbs:
        name = names[nb.name]
        proc = cache/nb.relative_to(nbs_path)
        if not proc.exists(): sys.exit(f'{proc} is missing: nbdev did not process {nb}')
        page = Page(proc, name, names, cfg)
        myst = page.markdown('myst')
        if name == 'index': myst += '\n```{toctree}\n:hidden:\n\n' + '\n'.join(names[o.name] for o in nbs[1:]) + '\n```\n'
        foot = f'<a href="{name}.html.md">This page as Markdown</a>'
        if cfg.get('git_url'):
            nb_url = f"{cfg.git_url.rstrip('/')}/blob/{cfg.get('branch', 'main')}/{nb.relative_to(cfg.config_path).as_posix()}"
            foot += f' · <a href="{nb_url}">its notebook, {nb.name}</a>'
        myst += f'\n<p class="page-md">{foot}</p>\n'
        write_if_changed(src_dir/f'{name}.md', myst)
        write_if_changed(extra/f'{name}.html.md', page.markdown('commonmark'))
        images |= page.images
        for fn, b64 in page.outputs.items():  # pictures output by cells (kept by tools/keep_outputs.py)
            for base in (src_dir, extra):
                (base/'_outputs').mkdir(parents=True, exist_ok=True); (base/'_outputs'/fn).write_bytes(base64.b64decode(b64))
        pages.append(name)
    for rel in sorted(images):
        f = root/'images'/rel
        if not f.is_file(): print(f'warning: a page shows images/{rel}, which does not exist'); continue
        for base in (src_dir/'images', extra/'images'):
            (base/rel).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(f, base/rel)
    for f in src_dir.glob('*.md'):  # pages of notebooks that are gone
        if f.stem not in pages: f.unlink()
    return pages

# ---------------------------------------------------------------------------------------------------------------------
# Step 3: Sphinx

def sphinx(out:Path, quiet=False):
    cmd = [sys.executable, '-m', 'sphinx', '-b', 'html', '-c', str(conf_dir), '-E', '-W', '--keep-going',
           '-d', str(src_dir/'.doctrees'), str(src_dir), str(out)]
    if quiet: cmd.insert(3, '-q')
    subprocess.run(cmd, check=True)
    if (out/'_sources').is_dir() and not any((out/'_sources').iterdir()): (out/'_sources').rmdir()  # html_copy_source off

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='_site', help='where the site goes (relative to the repository root)')
    ap.add_argument('--force', action='store_true', help='reprocess every notebook (ignore nbdev\'s _proc cache)')
    ap.add_argument('--strict', action='store_true', help='nbdev\'s processing exactly as nbdev-proc-nbs runs it')
    ap.add_argument('-q', '--quiet', action='store_true')
    args = ap.parse_args(argv)
    os.chdir(root)
    from nbdev.config import get_config
    cfg = get_config()
    t0 = time.time()
    try: cache = process(force=args.force or args.strict, strict=args.strict, quiet=args.quiet)
    except Exception as e: sys.exit(f"nbdev's notebook processing failed: {e}")
    t1 = time.time()
    pages = make_sources(cache, cfg)
    out = (root/args.out).resolve()
    if out.exists():  # a fresh site: pages of renamed notebooks must not linger
        if not (out/'.buildinfo').exists() and any(out.iterdir()): sys.exit(f'{out} exists and is not a site built here')
        shutil.rmtree(out)
    try: sphinx(out, quiet=args.quiet)
    except subprocess.CalledProcessError as e: sys.exit(f'sphinx-build failed ({e.returncode})')
    print(f'{len(pages)} pages in {out.relative_to(root) if out.is_relative_to(root) else out}/ '
          f'(nbdev processing {t1-t0:.0f}s, pages and Sphinx {time.time()-t1:.0f}s); open {out.name}/index.html')

if __name__ == '__main__': main()
