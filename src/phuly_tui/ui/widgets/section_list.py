"""The sections pane: the portal's main menu with unread counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Section
from ..formatting import plain, screen_block
from ..keys import bindings_for, localize_bindings

__all__ = ["SectionList"]


class SectionList(OptionList):
    """One option per section: its name and, when known, how many are unread."""

    BINDINGS = bindings_for("lists")

    class Chosen(Message):
        """The user pressed Enter (or clicked) on a section."""

        def __init__(self, section: Section) -> None:
            super().__init__()
            self.section = section

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        localize_bindings(self)
        self.sections: tuple[Section, ...] = ()
        self._unread: dict[str, int] = {}

    def show_sections(self, sections: Sequence[Section], current_url: str | None = None) -> None:
        """Replace the options, keeping the highlight on ``current_url``."""
        self.sections = tuple(sections)
        self.set_options(Option(self._prompt(section)) for section in self.sections)
        self.highlight_url(current_url)

    def highlight_url(self, url: str | None) -> None:
        for index, section in enumerate(self.sections):
            if section.url == url:
                self.highlighted = index
                return
        if self.sections and self.highlighted is None:
            self.highlighted = 0

    def set_unread(self, counts: Mapping[str, int]) -> None:
        """Update the unread counts (section URL → count) shown after each name."""
        self._unread.update(counts)
        for index, section in enumerate(self.sections):
            if section.url in counts:
                self.replace_option_prompt_at_index(index, self._prompt(section))

    def show_message(self, message: str) -> None:
        """Show a message (an error, what to do) instead of sections."""
        self.sections = ()
        self.set_options([Option(Text(screen_block(message), style="italic"), disabled=True)])

    def _prompt(self, section: Section) -> Text:
        text = plain(section.name)
        count = self._unread.get(section.url)
        if count:
            text.append(f" ({count if count < 100 else '99+'})", style="bold")
        return text

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self.sections):
            self.post_message(self.Chosen(self.sections[index]))
