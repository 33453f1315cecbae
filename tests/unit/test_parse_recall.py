"""Nothing visible is lost: the article's own text comes out of the parser.

Each fixture names its article container by hand (a CSS selector: the gold's
``container`` key for the hand-made templates, ``tests/fixtures/containers.toml``
for the others): the elements a reader calls "the article" — title, date
line, lead, body, byline.  Every token of their visible text must be found in
what ``phuly-tui read --explain`` shows: the article as plain text (title,
section · date · author, lead, body with image captions, attachments, related)
and the source text each rule took for the date, the lead and the byline (a
date line "Ngày đăng: … | Cập nhật: …" is read, not reprinted).  Recall ≥ 0.98
on every fixture: the portal copy's articles, the hand-made pages and the
templates of other platforms.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from phuly_tui.parse import explain_article
from phuly_tui.render.article import article_plain
from phuly_tui.text import clean_text
from tests.conftest import gold_files
from tests.support.portal_server import FIXTURE_DIR

BASE = "http://127.0.0.1:8000"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONTAINERS = tomllib.loads((FIXTURES / "containers.toml").read_text(encoding="utf-8"))
MIN_RECALL = 0.98
_EDGES = ".,;:!?\"'()[]{}«»“”‘’…|-–—/•*"
_DMY = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
_INVISIBLE = (
    "script,style,noscript,template,head,iframe,video,audio,object,[hidden],[aria-hidden=true],"
    "[style*='display:none' i],[style*='display: none' i]"
)


def tokens(text: str) -> list[str]:
    """Lower-case words without edge punctuation; dates as dd/mm/yyyy."""
    words: list[str] = []
    for raw in clean_text(text).lower().split():
        word = raw.strip(_EDGES)
        match = _DMY.match(word)
        if match is not None:
            word = f"{int(match[1]):02d}/{int(match[3]):02d}/{match[4]}"
        if word:
            words.append(word)
    return words


def container_text(html: bytes, selector: str, encoding: str | None = None) -> str:
    """Visible text of the elements ``selector`` names (each once, nested ones not
    again), text nodes joined with spaces.  ``encoding``: the page's true encoding,
    named by hand where its bytes say otherwise (the parser's own guess is what is
    tested, so it is not used to read the expected text)."""
    doc = LexborHTMLParser(html.decode(encoding) if encoding else html)
    for node in doc.css(_INVISIBLE):
        node.decompose()
    matched = doc.css(selector)
    assert matched, f"the container selector finds nothing: {selector}"
    ids = {node.mem_id for node in matched}
    parts = []
    for node in matched:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:  # not inside another match
            parts.append(node.text(deep=True, separator=" ", strip=False))
    return " ".join(parts)


def shown_text(html: bytes, url: str) -> str:
    """What ``read --explain`` shows: the article, and the source text of the rules
    that found the date, the lead and the byline."""
    article, provenance = explain_article(html, url)
    excerpts = [p.excerpt for p in provenance if p.field in ("published", "lead", "author")]
    return article_plain(article) + " " + " ".join(excerpts)


def recall(expected: list[str], got: list[str]) -> float:
    if not expected:
        return 1.0
    found = sum((Counter(expected) & Counter(got)).values())
    return found / len(expected)


def _portal_pages() -> list[tuple[str, Path, str]]:
    files: dict[str, Path] = {}
    for line in (FIXTURE_DIR / "urls.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            target, name, *_ = line.split("\t")
            files.setdefault(target, FIXTURE_DIR / "site" / name)
    cases = []
    for path in gold_files():
        gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if gold["kind"] == "article":
            cases.append((gold["url"], files[gold["url"]], CONTAINERS["portal"]["container"]))
    return cases


def _hand_made_pages() -> list[tuple[str, Path, str]]:
    cases = [
        (entry["url"], FIXTURES / "pages" / f"{name}.html", entry["container"])
        for name, entry in CONTAINERS["pages"].items()
    ]
    for path in sorted((FIXTURES / "templates").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        cases.append((gold["url"], path.with_suffix(".html"), gold["container"]))
    return cases


CASES = _portal_pages() + _hand_made_pages()
#: hand-made page → its true encoding (``encoding`` in containers.toml)
ENCODINGS = {name: e["encoding"] for name, e in CONTAINERS["pages"].items() if "encoding" in e}


def test_every_kind_of_fixture_is_measured() -> None:
    names = {path.parent.name for _url, path, _selector in CASES}
    assert names == {"Pages", "pages", "templates"}
    assert len(CASES) >= 42 + 2 + 8


def test_every_hand_made_article_page_is_measured() -> None:
    """A page of ``fixtures/pages`` with an article's gold and no container named is a
    page whose lost text nobody would notice."""
    articles = {
        path.stem
        for path in (FIXTURES / "pages").glob("*.json")
        if json.loads(path.read_text(encoding="utf-8")).get("kind") == "article"
    }
    assert articles - set(CONTAINERS["pages"]) == set()


def _case_id(case: tuple[str, Path, str]) -> str:
    return f"{case[1].parent.name}/{case[1].stem[:50]}"


@pytest.mark.parametrize(("url", "page", "selector"), CASES, ids=[_case_id(c) for c in CASES])
def test_the_article_container_comes_out_whole(url: str, page: Path, selector: str) -> None:
    html = page.read_bytes()
    encoding = ENCODINGS.get(page.stem) if page.parent.name == "pages" else None
    expected = tokens(container_text(html, selector, encoding))
    got = tokens(shown_text(html, BASE + url))
    lost = list((Counter(expected) - Counter(got)).elements())
    assert recall(expected, got) >= MIN_RECALL, f"lost: {lost}"


def test_recall_notices_a_lost_paragraph() -> None:
    """The measure itself: a paragraph the parser dropped brings recall under the bar."""
    page = FIXTURES / "templates" / "sp2010_a.html"
    html = page.read_bytes()
    gold = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    expected = tokens(container_text(html, gold["container"]))
    shown = shown_text(html, BASE + gold["url"])
    paragraph = gold["blocks"][0]["text"]
    assert paragraph in shown
    assert recall(expected, tokens(shown.replace(paragraph, ""))) < MIN_RECALL
