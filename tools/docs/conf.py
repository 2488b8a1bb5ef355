"""Sphinx configuration of the documentation site that `tools/build_docs.py` builds (sources in `_site_src/`).

Project settings come from nbdev's (`[tool.nbdev]` of `pyproject.toml`, with nbdev's defaults). Headings get the
identifiers pandoc (so Quarto, so `nbdev-docs`) gives them, so the anchors in nbdev's `_modidx.py`
(`data.html#readings`, `compare.html#setup.learner`) exist on this site too."""
import sys
from pathlib import Path
from nbdev.config import get_config

here = Path(__file__).resolve().parent
root = here.parents[1]
sys.path.insert(0, str(root/'tools'))
from build_docs import pandoc_id

cfg = get_config(root)
project = html_title = cfg.get('title') or cfg.lib_name
author = copyright = cfg.get('copyright') or cfg.get('author') or ''
if cfg.get('doc_host'): html_baseurl = cfg.doc_host.rstrip('/') + (cfg.get('doc_baseurl') or '').rstrip('/') + '/'

extensions = ['myst_parser', 'sphinx.ext.githubpages']  # githubpages: writes .nojekyll, so GitHub Pages serves _static/
myst_enable_extensions = ['attrs_inline', 'attrs_block', 'dollarmath']
myst_all_links_external = True  # build_docs.py writes every link with its final target (`data.html#readings`)
suppress_warnings = ['myst.header']  # show_doc headings are H3 wherever they stand, as on nbdev's Quarto site
exclude_patterns = ['_extra', 'images', '_outputs', '.doctrees']
html_extra_path = [str(root/'_site_src'/'_extra')]  # the pages as Markdown (`numbers.html.md`) and their pictures
html_theme = 'furo'
html_static_path = [str(here/'_static')]
html_css_files = ['negunlearn.css']
html_copy_source = False  # each page's Markdown is published as `<page>.html.md` instead of `_sources/`
html_show_sourcelink = False
html_use_index = False  # no Python-domain objects, so the general index would be empty
html_permalinks_icon = '#'
pygments_style, pygments_dark_style = 'friendly', 'monokai'

def pandoc_ids(app, doctree):
    "Give each section its heading's pandoc identifier (first, so the table of contents and permalinks use it)"
    from docutils import nodes
    top = next((n for n in doctree.children if isinstance(n, nodes.section)), None)
    if top is not None:  # the page title: Quarto puts it in a header, so it takes no heading's identifier
        for i in top['ids']: doctree.ids.pop(i, None)
        top['ids'] = ['title-block-header']; doctree.ids['title-block-header'] = top
    seen = set()
    for sec in doctree.findall(nodes.section):
        if sec is top: continue
        new = base = pandoc_id(sec[0].astext())
        i = 0
        while new in seen or (new in doctree.ids and doctree.ids[new] is not sec): i += 1; new = f'{base}-{i}'
        seen.add(new)
        if new not in sec['ids']: sec['ids'].insert(0, new); doctree.ids[new] = sec

def setup(app):
    app.connect('doctree-read', pandoc_ids, priority=100)  # before the table-of-contents collector (priority 500)
    return {'parallel_read_safe': True}
