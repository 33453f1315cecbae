"""The baseline for start-up and memory benchmarks: a bare three-pane Textual app.

Two OptionLists and one Static, nothing else — what any Textual reader pays
before doing real work.  It shows the titles given in a JSON file (a list of
strings) so it paints the same amount of text as phuly-tui does.

    python benchmarks/bare_app.py titles.json
"""

from __future__ import annotations

import json
import sys

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import OptionList, Static


class BareApp(App[None]):
    CSS = """
    OptionList { width: 1fr; height: 100%; }
    #sections { width: 24; }
    Static { width: 2fr; }
    """

    def __init__(self, sections: list[str], titles: list[str]) -> None:
        super().__init__()
        self.sections = sections
        self.titles = titles

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(*self.sections, id="sections")
            yield OptionList(*self.titles, id="articles")
            yield Static("")


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        data = json.load(handle)
    BareApp(data["sections"], data["titles"]).run()


if __name__ == "__main__":
    main()
