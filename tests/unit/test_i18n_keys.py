"""Every message key a module asks for is registered once that module is imported.

Messages are registered next to their callers (``add_messages`` at import), so
a module that uses a key registered by another module works only when that
other module happened to be imported first: the search screen showed
``search.title`` until the help screen had been opened once (issue 11).  Each
module is imported here on its own, in a fresh set of ``phuly_tui`` modules,
and every literal key it passes to ``t()`` must then be in the catalogue.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import phuly_tui

_SRC = Path(phuly_tui.__file__).parent
_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")

_CHECK = r"""
import importlib, json, sys
wanted = json.loads(sys.argv[1])
missing = {}
for module, keys in wanted.items():
    for name in [m for m in sys.modules if m == "phuly_tui" or m.startswith("phuly_tui.")]:
        del sys.modules[name]
    importlib.import_module(module)
    catalogue = sys.modules["phuly_tui.i18n"]._catalogue
    lost = [key for key in keys if key not in catalogue]
    if lost:
        missing[module] = lost
print(json.dumps(missing))
"""


def _keys_by_module() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(_SRC.rglob("*.py")):
        keys = sorted(set(_KEY.findall(path.read_text(encoding="utf-8"))))
        if keys:
            parts = path.relative_to(_SRC.parent).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[module] = keys
    return found


def test_the_scan_finds_the_modules_that_use_messages() -> None:
    found = _keys_by_module()
    assert "phuly_tui.ui.screens.search" in found
    assert "search.title" in found["phuly_tui.ui.screens.search"]
    assert len(found) >= 10


def test_each_module_registers_every_key_it_uses() -> None:
    import json

    wanted = _keys_by_module()
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, json.dumps(wanted)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    missing = json.loads(done.stdout.strip().splitlines()[-1])
    assert missing == {}


_ALL_MESSAGES = r"""
import importlib, json, pkgutil, sys
import phuly_tui
for found in pkgutil.walk_packages(phuly_tui.__path__, "phuly_tui."):
    if not found.name.endswith("__main__") and ".demo.data" not in found.name:
        importlib.import_module(found.name)
catalogue = sys.modules["phuly_tui.i18n"]._catalogue
print(json.dumps({key: [entry["vi"], entry["en"]] for key, entry in catalogue.items()}))
"""


def test_one_entry_for_each_sentence_said_in_two_places() -> None:
    """Two keys that say the same sentence in both languages are one message
    written twice ("Tin mới" for the app and the CLI, "Tin liên quan" for the
    reader and the exports, the archive's wait for the CLI and the app): they
    drift apart (the CLI's "Tin mới (new)" beside the app's "New").  Short labels
    ("Đóng", "Mở") and the key table's descriptions of an action may coincide."""
    import json

    done = subprocess.run(
        [sys.executable, "-c", _ALL_MESSAGES], capture_output=True, text=True, check=True
    )
    catalogue: dict[str, list[str]] = json.loads(done.stdout)
    assert len(catalogue) > 300
    by_text: dict[tuple[str, str], list[str]] = {}
    for key, (vi, en) in catalogue.items():
        if len(vi.split()) >= 3 and not key.startswith("key."):
            by_text.setdefault((vi, en), []).append(key)
    assert {text: keys for text, keys in by_text.items() if len(keys) > 1} == {}
