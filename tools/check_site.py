"""Test the built documentation site as a reader would meet it: `python tools/check_site.py [_site]`.

- every internal link of every HTML page (`href` and `src`, relative, root-relative and to the hosted site's own
  address) names a file of the site, and its `#anchor` (if any) an element of that page;
- every link of the Markdown pages (`<page>.html.md`) names a file of the site, and its anchor an element of the
  matching HTML page;
- the `Docs:` URL in each module's docstring names a page of the site (`<page>.html.md`, and `<page>.html`);
- every public function and class in nbdev's index (`_modidx.py`) has its anchor on its page (its `show_doc`);
- no id is used twice on a page, and a page shows no raw notebook directive (`#| export`) and no unrendered `show_doc(...)` call;
- every notebook in `nbs/` has its page, and every page is reachable from the home page's navigation;
- the pages a reader opens for results (`READER_PAGES`) show them: at least one table or picture that a cell output
  (kept in the notebook, marked `cell-output` by `build_docs.py`) under the code.

Prints one line per problem and a summary; exits with status 1 if there is any problem."""
from __future__ import annotations
import ast, re, sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit, unquote

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root/'tools'))

class Page(HTMLParser):
    "The links, anchors and visible code text of one HTML page"
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.nav, self.code, self.dup_ids = [], set(), set(), [], set()
        self._in_nav, self._in_pre = 0, 0
        self.feed(text)
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get('id') in self.ids: self.dup_ids.add(a['id'])
        for k in ('id', 'name') if tag in ('a', 'map') else ('id',):
            if a.get(k): self.ids.add(a[k])
        for k in ('href', 'src'):
            if a.get(k) is not None: self.links.append((tag, k, a[k]))
        if tag in ('nav', 'aside') or (tag == 'div' and 'sidebar-tree' in (a.get('class') or '')): self._in_nav += 1
        if tag == 'a' and self._in_nav and a.get('href'): self.nav.add(a['href'])
        if tag == 'pre': self._in_pre += 1
    def handle_endtag(self, tag):
        if tag in ('nav', 'aside') and self._in_nav: self._in_nav -= 1
        if tag == 'pre' and self._in_pre: self._in_pre -= 1; self.code.append('\n')
    def handle_data(self, data):
        if self._in_pre: self.code.append(data)

READER_PAGES = ('study', 'comparison', 'relearn_grid', 'reproduction')  # pages whose prose talks about numbers their cells show

class _Outputs(HTMLParser):
    "Elements of class `cell-output` (what `build_docs.py` puts a cell's output in), and the tables and pictures inside them"
    VOID = {'img', 'br', 'hr', 'input', 'meta', 'link', 'source', 'wbr', 'col', 'area', 'base', 'embed', 'track'}
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.depth, self.inside, self.outputs, self.tables, self.pictures = 0, [], 0, 0, 0
        self.feed(text)
    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if tag == 'img' and self.inside: self.pictures += 1
            return
        self.depth += 1
        if 'cell-output' in (dict(attrs).get('class') or '').split():
            self.outputs += 1; self.inside.append(self.depth)
        elif tag == 'table' and self.inside: self.tables += 1
    def handle_endtag(self, tag):
        if tag in self.VOID: return
        if self.inside and self.inside[-1] == self.depth: self.inside.pop()
        self.depth -= 1

def cell_outputs(text:str) -> dict:
    "What the cells of a page output, as the site shows it: tables, pictures, and all outputs (printed text included)"
    p = _Outputs(text)
    return dict(outputs=p.outputs, tables=p.tables, pictures=p.pictures)

def site_prefixes():
    "The hosted site's own address (`doc_host` + `doc_baseurl`) and its root-relative path, from nbdev's settings"
    from nbdev.config import get_config
    cfg = get_config()
    host, base = (cfg.get('doc_host') or '').rstrip('/'), (cfg.get('doc_baseurl') or '').rstrip('/')
    return (host + base + '/' if host else None), (base + '/' if base else '/')

def resolve(site:Path, page:Path, url:str, hosted:str|None, base:str):
    "The file of `site` and the anchor `url` names from `page`, or None for an external link"
    if hosted and url.startswith(hosted): url = '/' + url[len(hosted):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc: return None  # http:, mailto:, data:, javascript:, //host/...
    path, frag = unquote(parts.path), unquote(parts.fragment)
    if not path: target = page
    elif path.startswith('/'):
        if base != '/' and (path + '/').startswith(base): path = '/' + path[len(base):]
        target = site/path.lstrip('/')
    else: target = page.parent/path
    if target.is_dir(): target = target/'index.html'
    return target.resolve(), frag

def check(site:Path) -> tuple[list[str], dict]:
    site = site.resolve()
    hosted, base = site_prefixes()
    problems, stats = [], dict(pages=0, links=0, anchors=0, md_links=0, external=0, docs_urls=0, symbols=0)
    html = sorted(site.rglob('*.html'))
    pages = {}
    def parsed(f):
        if f not in pages: pages[f] = Page(f.read_text(errors='replace'))
        return pages[f]
    def rel(f): return f.relative_to(site).as_posix() if f.is_relative_to(site) else str(f)
    def check_link(f, url, what, where=None):
        "Check `url`, found in `f` (reported as `where`); `what` is the kind of link counted"
        where = where or rel(f)
        r = resolve(site, f, url, hosted, base)
        if r is None: stats['external'] += 1; return
        target, frag = r
        stats[what] = stats.get(what, 0) + 1
        if not target.is_relative_to(site): problems.append(f'{where}: {url} leaves the site'); return
        if not target.is_file(): problems.append(f'{where}: {url} -> {rel(target)} does not exist'); return
        if frag and target.name.endswith('.html.md'): target = target.with_name(target.name[:-3])  # its HTML page
        if frag and target.suffix == '.html':
            stats['anchors'] += 1
            if not target.is_file() or frag not in parsed(target).ids: problems.append(f'{where}: {url} -> no id "{frag}" in {rel(target)}')

    for f in html:
        stats['pages'] += 1
        p = parsed(f)
        for tag, attr, url in p.links:
            if url.strip() in ('', '#'): continue
            check_link(f, url.strip(), 'links')
        for i in sorted(p.dup_ids): problems.append(f'{rel(f)}: id "{i}" is used twice')
        code = ''.join(p.code)
        if f.parent == site and f.name not in ('search.html', 'genindex.html'):
            for l in code.splitlines():
                if re.match(r'^\s*#\|', l): problems.append(f'{rel(f)}: shows a notebook directive: {l.strip()}')
                if re.match(r'^\s*show_doc\(', l): problems.append(f'{rel(f)}: shows an unrendered {l.strip()}')

    # The Markdown pages: links outside code
    for f in sorted(site.rglob('*.html.md')):
        text = re.sub(r'(?ms)^(`{3,}).*?^\1', '', f.read_text())
        text = re.sub(r'`[^`\n]*`', '', text)
        for url in re.findall(r'!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)', text): check_link(f, url, 'md_links')

    # Module docstrings' `Docs:` URLs and nbdev's index of symbols
    from nbdev.config import get_config
    cfg = get_config()
    lib = cfg.path('lib_path')
    for py in sorted(lib.glob('*.py')):
        doc = ast.get_docstring(ast.parse(py.read_text())) or ''
        m = re.search(r'^Docs:\s*(\S+)', doc, re.M)
        if not m: continue
        url, where = m.group(1), f'{py.relative_to(root)} (Docs:)'
        check_link(site/'index.html', url, 'docs_urls', where)
        if url.endswith('.html.md'): check_link(site/'index.html', url[:-3], 'docs_urls', where)
    modidx = ast.literal_eval((lib/'_modidx.py').read_text().split('d = ', 1)[1])
    private = 0
    for mod, syms in modidx['syms'].items():
        for sym, (url, _) in syms.items():
            name = sym[len(mod) + 1:]
            if '.' in name or name.startswith('_'): private += 1; continue  # methods and private names: no show_doc
            check_link(site/'index.html', url, 'symbols', f'_modidx.py {sym}')
    stats['methods_or_private_skipped'] = private

    # Every notebook has its page, and every page is in the navigation of the home page
    from build_docs import notebooks, page_name
    nbs_path = cfg.path('nbs_path')
    home = site/'index.html'
    nav = {resolve(site, home, u, hosted, base) for u in parsed(home).nav} if home.is_file() else set()
    nav = {r[0] for r in nav if r}
    for nb in notebooks(nbs_path):
        page = site/(page_name(nb, nbs_path) + '.html')
        if not page.is_file(): problems.append(f'{nb.relative_to(root)} has no page {rel(page)}'); continue
        if page != home and page.resolve() not in nav: problems.append(f'{rel(page)} is not in the navigation of index.html')
    stats['notebooks'] = len(notebooks(nbs_path))

    # Results on the page: every page's cell outputs counted, and the reader's pages must show tables or pictures
    stats['outputs'] = 0
    for f in html:
        if f.parent != site: continue
        o = cell_outputs(f.read_text(errors='replace'))
        stats['outputs'] += o['outputs']
        if f.stem in READER_PAGES and not (o['tables'] or o['pictures']):
            problems.append(f"{rel(f)}: no table or picture under its code ({o['outputs']} cell outputs): run nbdev-test --save and tools/keep_outputs.py")
    stats['reader_pages'] = {p: cell_outputs((site/f'{p}.html').read_text()) for p in READER_PAGES if (site/f'{p}.html').is_file()}
    return problems, stats

def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0]) if argv else root/'_site'
    if not (site/'index.html').is_file(): sys.exit(f'{site}/index.html does not exist: build the site first (python tools/build_docs.py)')
    problems, stats = check(site)
    for p in problems: print(p)
    print(f"{stats['pages']} HTML pages, {stats['notebooks']} notebooks: {stats['links']} internal links "
          f"({stats['anchors']} with anchors), {stats['md_links']} links of the Markdown pages, "
          f"{stats['docs_urls']} module Docs: URLs (.html.md and .html), {stats['symbols']} public symbols of _modidx.py "
          f"({stats['methods_or_private_skipped']} methods and private names not checked), {stats['external']} external "
          f"links not followed; {stats['outputs']} cell outputs shown, on the reader's pages "
          + ', '.join(f"{p}: {o['tables']} tables, {o['pictures']} pictures" for p, o in stats['reader_pages'].items())
          + f": {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    sys.exit(1 if problems else 0)

if __name__ == '__main__': main()
