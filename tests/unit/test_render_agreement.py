"""The reader, the CLI, the Markdown export and the text export show the same words.

Every gold article of the portal copy (parsed from its page bytes) and one
article with every kind of block goes through all four outputs; each output's
text is reduced to its words — addresses, the reader's link numbers (``[1]``)
and Markdown's escapes left out, case folded — and the four must hold the same
words, as many times each.  An output that drops a caption, a video, a date or
the meta line fails here.  The reader leaves out what is for citing (the
"Nguồn:" line; ``y`` copies the address) and adds the key of the attachments
(``(a)``): both are taken into account explicitly.

The words themselves are checked against the model too (the section, the
author, the date, every caption, the related titles), so the four cannot agree
on leaving something out.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from phuly_tui.i18n import set_language, t
from phuly_tui.model import (
    Article,
    Attachment,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    RelatedLink,
    Table,
    Video,
)
from phuly_tui.parse import parse_article
from phuly_tui.render.article import article_markdown, article_plain, article_rich
from phuly_tui.render.dates import format_date
from phuly_tui.text import clean_text
from phuly_tui.ui.widgets.article_body import TablePiece
from phuly_tui.ui.widgets.reader import render_article
from tests.conftest import gold_files, load_gold
from tests.ui.test_app_widgets import sample_article
from tests.unit.test_gold_api import FILES

BASE = "https://phuly.hanam.gov.vn"
_ADDRESS = re.compile(r"<?https?://[^\s>]*>?")
_LINK_NUMBER = re.compile(r"\[\d+\]")
_WORD = re.compile(r"\w+")


def words(text: str) -> Counter[str]:
    """The words of an output: no addresses, link numbers or Markdown escapes."""
    text = _LINK_NUMBER.sub(" ", _ADDRESS.sub(" ", text)).replace("\\", "")
    return Counter(word.casefold() for word in _WORD.findall(text))


def every_kind() -> Article:
    """An article with each kind of block (a hostile title too), a listing's date, a link
    not in its text, a video without caption and an attachment without a file type."""
    sample = sample_article()
    return replace(
        sample,
        published="2024-12-02",
        published_from="listing",
        blocks=(*sample.blocks, Video("https://youtube.example/w")),
        related=(
            *sample.related,
            RelatedLink("Bài có giờ", f"{BASE}/Pages/c.aspx", "2024-06-14T08:30"),
        ),
        attachments=(*sample.attachments, Attachment("Phụ lục", f"{BASE}/D/phu-luc")),
    )


def articles() -> list[tuple[str, Article]]:
    out = [("every-kind", every_kind())]
    for path in gold_files():
        gold = load_gold(path)
        if gold["kind"] == "article":
            url = BASE + str(gold["url"])
            out.append(
                (Path(path).stem[:60], parse_article(FILES[str(gold["url"])].read_bytes(), url))
            )
    return out


ARTICLES = articles()


def reader_text(article: Article) -> str:
    rendered = render_article(article)
    return "\n".join(
        piece.plain if isinstance(piece, Text | TablePiece) else "" for piece in rendered.blocks
    )


def cli_text(article: Article) -> str:
    """What ``phuly-tui read URL`` prints when piped (wide: no word is cut by wrapping)."""
    out = io.StringIO()
    console = Console(file=out, width=400, color_system=None, force_terminal=False)
    for part in article_rich(article):
        console.print(part, crop=False)
    return out.getvalue()


def without_source(text: str) -> str:
    """The text export without its "Nguồn: …" line (the reader does not cite)."""
    source = f"{t('article.source')}: "
    return "\n".join(line for line in text.splitlines() if not line.startswith(source))


def test_every_gold_article_is_checked() -> None:
    assert len(ARTICLES) > 40


@pytest.mark.parametrize(("name", "article"), ARTICLES, ids=[name for name, _ in ARTICLES])
def test_every_output_has_the_same_words(name: str, article: Article) -> None:
    set_language("vi")
    text = article_plain(article)
    expected = words(text)
    assert words(cli_text(article)) == expected, "CLI"
    assert words(article_markdown(article)) == expected, "Markdown export"
    hint = words("(a)") if article.attachments else Counter()
    assert words(reader_text(article)) - hint == words(without_source(text)), "reader"
    assert hint <= words(reader_text(article))


@pytest.mark.parametrize(("name", "article"), ARTICLES, ids=[name for name, _ in ARTICLES])
def test_the_words_are_the_article(name: str, article: Article) -> None:
    """Section, author, date, lead, captions, videos, attachments and related titles
    are all in the words the outputs share."""
    set_language("vi")
    shown = words(article_plain(article))
    parts = [article.title, article.section or "", article.author or "", article.lead or ""]
    parts.append(format_date(article.published))
    for block in article.blocks:
        if isinstance(block, Image | Video) and block.caption:
            parts.append(block.caption)
        elif isinstance(block, Paragraph | Heading):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts += block.items
        elif isinstance(block, Table):
            parts += [cell for row in block.rows for cell in row]
    parts += [related.title for related in article.related]
    parts += [format_date(related.published) for related in article.related]
    parts += [attachment.title for attachment in article.attachments]
    for part in parts:
        assert words(clean_text(part)) <= shown, part  # as cleaned for every output
    videos = sum(isinstance(block, Video) for block in article.blocks)
    placeholders = f"{t('placeholder.image')} " * len(article.images)
    assert words(placeholders + f"{t('placeholder.video')} " * videos) <= shown
