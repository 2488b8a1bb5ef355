"""Write README.md from nbs/index.ipynb (what `nbdev-readme` does, without needing Quarto).

Markdown cells are copied, code cells become fenced Python blocks followed by their text outputs, cells marked
`#| hide` are left out, and links into `../images/` are rewritten to `images/` (the README sits at the root)."""
import json, re
from pathlib import Path

root = Path(__file__).resolve().parent.parent
nb = json.loads((root/'nbs'/'index.ipynb').read_text())
parts = []
for cell in nb['cells']:
    src = ''.join(cell['source'])
    if re.search(r'^#\|\s*hide\b', src, re.M): continue
    if cell['cell_type'] == 'markdown': parts.append(src)
    elif cell['cell_type'] == 'code':
        code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
        if code: parts.append(f"```python\n{code}\n```")
        for out in cell.get('outputs', []):
            text = ''.join(out.get('text', '') or out.get('data', {}).get('text/plain', ''))
            if text.strip(): parts.append(f"```\n{text.rstrip()}\n```")
text = '\n\n'.join(p.strip('\n') for p in parts) + '\n'
text = text.replace('](../images/', '](images/').replace('src="../images/', 'src="images/')
readme = root/'README.md'
if not readme.exists() or readme.read_text() != text: readme.write_text(text)
