"""How one item of the article list looks: its lines, their height, their strips.

The widget (:mod:`.article_list`) keeps the items, the highlight and the
scrolling; this module turns one :class:`~phuly_tui.model.ListingItem` into
what is drawn, from the item and its marks alone:

* the title first (what the eye scans), wrapped greedily at word boundaries
  (:func:`~phuly_tui.render.wrapping.line_starts`, the CLI's rule), dimmed
  once read;
* then, always on a line of its own, dim: the date, the section in a list
  that mixes them ("Tin mới") and "đã cập nhật" for an article changed since
  it was read.  Appended to the title, the date sat after the last word on
  one item and alone on the next line on another, depending on where the
  title happened to wrap (issue 11).

Every string is the page's: made screen-safe and kept as ``Text`` data,
never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip

from ...i18n import t
from ...render.dates import format_date
from ...render.wrapping import line_starts
from .. import messages as _messages  # noqa: F401  (registers the labels)
from ..formatting import screen_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.style import Style

    from ...model import ListingItem

__all__ = ["item_height", "item_lines", "item_text", "line_strip"]

_DATE_GAP = "  "
_SECTION_GAP = " · "


def _meta_parts(
    item: ListingItem, section: str | None, updated: bool
) -> list[tuple[str, str, str]]:
    """The second line's parts as (gap before, text, style); web text made
    screen-safe.  The section follows the date as "date · section", the way
    the search results write it; a line never starts with a separator."""
    parts: list[tuple[str, str, str]] = []
    date = format_date(item.published)
    if date:
        parts.append(("", date, "dim"))
    if section:
        parts.append((_SECTION_GAP if parts else "", screen_line(section), "dim italic"))
    if updated:
        parts.append((_DATE_GAP if parts else "", f"• {t('ui.updated')}", "italic bold"))
    return parts


def _meta(item: ListingItem, section: str | None, updated: bool) -> Text | None:
    """The item's second line, or None when it has none."""
    parts = _meta_parts(item, section, updated)
    if not parts:
        return None
    text = Text(end="")
    for gap, part, style in parts:
        text.append(gap)
        text.append(part, style=style)
    return text


def _title(item: ListingItem, read: bool) -> Text:
    return Text(screen_line(item.title), style="dim" if read else "", end="")


def item_text(item: ListingItem, *, read: bool, section: str | None, updated: bool) -> Text:
    """The item as one ``Text``: the title, then the second line (see the module
    docstring) after a line break."""
    text = _title(item, read)
    meta = _meta(item, section, updated)
    if meta is not None:
        text.append("\n")
        text.append_text(meta)
    return text


def item_height(item: ListingItem, width: int, *, section: str | None, updated: bool) -> int:
    """Lines of ``item`` at ``width``: its wrapped title, and the second line.

    Counted on plain strings, without building the ``Text`` that
    :func:`item_lines` draws: the list measures every item, it draws a
    screenful.
    """
    title = len(line_starts(screen_line(item.title), width))
    has_meta = bool(_meta_parts(item, section, updated))
    return title + (1 if has_meta else 0)


def item_lines(
    item: ListingItem, width: int, *, read: bool, section: str | None, updated: bool
) -> list[Text]:
    """The lines of ``item`` at ``width``, as many as :func:`item_height` counts."""
    title = _title(item, read)
    starts = line_starts(title.plain, width)
    lines = list(title.divide(starts[1:])) if len(starts) > 1 else [title]
    meta = _meta(item, section, updated)
    if meta is not None:
        lines.append(meta)
    return lines


def line_strip(line: Text, width: int, style: Style, console: Console) -> Strip:
    """One line drawn over ``style`` (the list's, the highlight's), padded to ``width``."""
    line = line.copy()
    line.rstrip()
    if line.style:  # Text.render leaves the text's own base style out
        style = style + console.get_style(line.style)
    segments = [
        Segment(segment.text, style + segment.style if segment.style else style)
        for segment in line.render(console)
    ]
    return Strip(segments).adjust_cell_length(width, style)
