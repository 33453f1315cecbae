"""The sections pane: "Tin mới", then the portal's main menu with unread counts.

The first entry, "Tin mới" (:mod:`phuly_tui.ui.new_articles`), lists the
unread articles of every section; the portal's sections follow it in the
menu's order, so option ``i + 1`` is ``sections[i]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...i18n import t
from ...model import Section
from ..formatting import plain, screen_block
from ..new_articles import NEW_ARTICLES_URL, new_articles_section
from .choice_list import ChoiceList

__all__ = ["SectionList"]


#: options before the portal's sections ("Tin mới")
_FIRST = 1


class SectionList(ChoiceList):
    """ "Tin mới", then one option per section: its name and, when known, how
    many are unread.  ``sections`` holds the portal's sections only."""

    class Chosen(Message):
        """The user pressed Enter (or clicked) on a section (or on "Tin mới", whose
        section is :func:`~phuly_tui.ui.new_articles.new_articles_section`)."""

        def __init__(self, section: Section) -> None:
            super().__init__()
            self.section = section

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = t("ui.pane.sections")
        self.add_class("pane")
        self.sections: tuple[Section, ...] = ()
        self._unread: dict[str, int] = {}

    def show_sections(self, sections: Sequence[Section], current_url: str | None = None) -> None:
        """Replace the options ("Tin mới" first), keeping the highlight on
        ``current_url`` (the first portal section when there is none)."""
        self.sections = tuple(sections)
        options = [Option(self._prompt(new_articles_section()))]
        options.extend(Option(self._prompt(section)) for section in self.sections)
        self.set_options(options)
        self.highlight_url(current_url)

    def highlight_url(self, url: str | None) -> None:
        """Highlight the section at ``url`` ("Tin mới" too); the first portal
        section when nothing is highlighted yet (the app opens on it)."""
        if url == NEW_ARTICLES_URL and self.sections:
            self.highlighted = 0
            return
        for index, section in enumerate(self.sections):
            if section.url == url:
                self.highlighted = index + _FIRST
                return
        if self.sections and self.highlighted is None:
            self.highlighted = _FIRST

    def set_unread(self, counts: Mapping[str, int]) -> None:
        """Update the unread counts (section URL → count) shown after each name."""
        self._unread.update(counts)
        if NEW_ARTICLES_URL in counts and self.sections:
            self.replace_option_prompt_at_index(0, self._prompt(new_articles_section()))
        for index, section in enumerate(self.sections):
            if section.url in counts:
                self.replace_option_prompt_at_index(index + _FIRST, self._prompt(section))

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
        index = event.option_index - _FIRST
        if not self.sections:  # a message is shown
            return
        if index < 0:
            self.post_message(self.Chosen(new_articles_section()))
        elif index < len(self.sections):
            self.post_message(self.Chosen(self.sections[index]))
