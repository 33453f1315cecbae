"""A document (an attachment read as text) as the reader's pieces.

The reader shows a document where it shows an article, with the same
machinery (:class:`~.reader.RenderedArticle`: lines of ``Text``, rules,
tables), so scrolling, ``f`` find and the link numbers work the same:

- the title, then the card — số, loại, ngày ban hành, cơ quan ban hành,
  trích yếu (only the rows the document states), and the file's format and
  pages — under a rule;
- the text: paragraphs as reflowed by :mod:`phuly_tui.documents`, headings,
  DOCX tables as tables, and ``— Trang 2/3 —`` where a PDF page begins;
- each number the document cites (``45/KH-UBND``) underlined with its link
  number (``45/KH-UBND[1]``), one number per cited document; the list of
  them closes the text ("Văn bản được dẫn"), keys ``1``–``9`` and ``L``
  open one.

A file that cannot be shown as text (a scan, another format, a file that
could not be read) is :func:`render_file_notice`: its name, one line saying
why, and what ``o``/``s`` do — never an empty pane.

Every string comes from the file and is only ever ``Text`` data, never markup.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from rich.text import Text

from ...i18n import add_messages, t
from ...model import InlineLink
from .. import messages as _messages  # noqa: F401  (registers "document.cited")
from ..formatting import plain, screen_line
from .article_body import RulePiece, TablePiece
from .reader import RenderedArticle

if TYPE_CHECKING:
    from ...documents import Document, DocumentBlock

__all__ = ["cited_numbers", "render_document", "render_file_notice"]

add_messages(
    {
        "document.card.file": ("Tệp", "File"),
        "document.card.pages": ("{pages} trang", "{pages} pages"),
        "document.cited.hint": (
            "1–9 hoặc L: mở văn bản được dẫn",
            "1–9 or L: open a cited document",
        ),
        "document.file_keys": (
            "o: mở bằng ứng dụng khác · s: lưu vào thư mục Tải về · Backspace: quay lại",
            "o: open with another application · s: save to Downloads · Backspace: back",
        ),
    }
)

#: the card's labels are padded to this many columns at most
_LABEL_WIDTH = 17


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def cited_numbers(document: Document) -> list[str]:
    """The numbers the document cites, once each, in text order (never its own)."""
    own = document.info.number
    return [number for number in dict.fromkeys(document.info.cites) if number != own]


def _card(document: Document, out: RenderedArticle) -> None:
    from ...documents import file_name
    from ...render.document import card_rows

    rows = card_rows(document)
    facts = [document.format.upper()]
    if document.pages:
        facts.append(t("document.card.pages", pages=document.pages))
    facts.append(file_name(document.url))
    rows.append((t("document.card.file"), " · ".join(facts)))
    width = min(_LABEL_WIDTH, max(len(label) for label, _ in rows))
    for label, value in rows:
        line = Text(f"{label:<{width}}  ", style="dim", end="")
        line.append(screen_line(value))
        out.add(line)


def _linked(text: str, style: str, numbers: dict[str, int], keys: dict[str, str]) -> Text:
    """``text`` with each cited number underlined and followed by its link number."""
    from ...documents.numbers import find_numbers

    body = _nfc(screen_line(text))
    line = Text(end="", style=style)
    cursor = 0
    for offset, number in find_numbers(body):
        printed = number.text
        link = numbers.get(keys.get(number.key, ""), 0)
        if not link or offset < cursor or body[offset : offset + len(printed)] != printed:
            continue
        line.append(body[cursor:offset])
        line.append(printed, style="underline")
        line.append(f"[{link}]", style="bold")
        cursor = offset + len(printed)
    line.append(body[cursor:])
    return line


def _block(
    block: DocumentBlock, out: RenderedArticle, numbers: dict[str, int], keys: dict[str, str]
) -> None:
    if block.type == "table":
        if block.rows:
            out.add(TablePiece([[screen_line(cell) for cell in row] for row in block.rows]))
        return
    style = "bold" if block.type == "heading" else ""
    out.add(_linked(block.text, style, numbers, keys))


def render_document(document: Document, *, notice: str | None = None) -> RenderedArticle:
    """Turn ``document`` into the reader's pieces (see the module docstring).

    ``notice`` is a line set apart above the title (a stored copy, the
    300-page cap).  The links are the cited numbers, in order: an
    :class:`~phuly_tui.model.InlineLink` whose text is the number and whose
    URL is empty (which document it is gets looked up when it is opened).
    """
    from ...documents.numbers import parse_number
    from ...render.document import page_marker, pieces

    out = RenderedArticle()
    if notice:
        out.add(Text(screen_line(notice), style="italic reverse", end=""))
        out.gap()
    out.add(plain(document.title, "bold"))
    out.gap()
    _card(document, out)
    out.add(RulePiece())
    cited = cited_numbers(document)
    keys: dict[str, str] = {}  # a spelling's key -> the number as the document lists it
    for number in cited:
        parsed = parse_number(number)
        if parsed is not None:
            keys.setdefault(parsed.key, number)
    numbers = {number: n for n, number in enumerate(cited, 1)}
    out.links.extend(InlineLink(number, "") for number in cited)
    for item in pieces(document):
        out.gap()
        if isinstance(item, int):
            out.add(Text(page_marker(item, document.pages), style="dim italic", end=""))
        else:
            _block(item, out, numbers, keys)
    if cited:
        out.gap()
        out.add(Text(t("document.cited"), style="bold", end=""))
        for n, number in enumerate(cited, 1):
            out.add(Text.assemble((f"{n}. ", "bold"), screen_line(number), end=""))
        out.add(Text(t("document.cited.hint"), style="dim", end=""))
    return out


def render_file_notice(title: str, message: str, *, notice: str | None = None) -> RenderedArticle:
    """A file the reader cannot show as text: its title, why (one line), what o/s do."""
    out = RenderedArticle()
    if notice:
        out.add(Text(screen_line(notice), style="italic reverse", end=""))
        out.gap()
    out.add(plain(title, "bold"))
    out.gap()
    out.add(plain(message, "italic"))
    out.gap()
    out.add(Text(t("document.file_keys"), style="dim", end=""))
    return out
