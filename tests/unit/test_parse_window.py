"""The article window (``phuly_tui.parse.window``) is only a speed-up: parsing the
page cut after its article gives exactly what parsing the whole page gives, and
pages where that cannot be shown cheaply are parsed whole."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.parse.article import _windowed_article, extract_article, extract_article_from_bytes
from phuly_tui.parse.decode import prepare_bytes
from phuly_tui.parse.dom import document
from phuly_tui.parse.profile import load_profiles
from phuly_tui.parse.provenance import Trace
from phuly_tui.parse.window import article_window
from tests.conftest import gold_files, load_gold
from tests.support.portal_server import FIXTURE_DIR

BASE = "http://127.0.0.1:8000"
PROFILE = load_profiles()[0]


def _article_pages() -> list[tuple[str, bytes]]:
    files: dict[str, Path] = {}
    for line in (FIXTURE_DIR / "urls.tsv").read_text(encoding="utf-8").splitlines():
        target, name, *_ = line.split("\t")
        files.setdefault(target, FIXTURE_DIR / "site" / name)
    golds = [load_gold(path) for path in gold_files()]
    return [
        (BASE + str(g["url"]), prepare_bytes(files[str(g["url"])].read_bytes()))
        for g in golds
        if g["kind"] == "article"
    ]


PAGES = _article_pages()
SEED_URL, SEED = next(p for p in PAGES if "ban-chi-dao-35" in p[0])


def _outcome(run: Any) -> object:
    trace = Trace()
    try:
        article = run(trace)
    except Exception as exc:  # the error type is part of the outcome
        return type(exc).__name__
    return article.to_dict(), [record.to_dict() for record in trace.records]


def _same_as_whole_page(data: bytes, url: str) -> bool:
    windowed = _outcome(lambda trace: extract_article_from_bytes(data, url, trace))
    whole = _outcome(lambda trace: extract_article(document(data), url, trace))
    return windowed == whole


def test_every_portal_article_takes_the_window_and_matches_the_whole_page() -> None:
    for url, data in PAGES:
        window = article_window(data, PROFILE)
        assert window is not None, url
        assert len(window) < len(data) // 2, url
        assert _windowed_article(data, url, None) is not None, url
        assert _same_as_whole_page(data, url), url


def _before_breadcrumb(data: bytes, snippet: bytes) -> bytes:
    at = data.index(b'<div class="pl-breadcrumb"')
    return data[:at] + snippet + data[at:]


@pytest.mark.parametrize(
    "snippet",
    [b"<b>", b"<a href='/x'>", b"<i>", b"<table><tr><td>", b"<!-- ", b"<script>", b"<p>", b"<ul>"],
)
def test_markup_left_open_before_the_article_sends_the_page_to_the_whole_parse(
    snippet: bytes,
) -> None:
    data = _before_breadcrumb(SEED, snippet)
    assert article_window(data, PROFILE) is None
    assert _same_as_whole_page(data, SEED_URL)


def test_quirks_mode_pages_are_parsed_whole() -> None:
    data = SEED[SEED.index(b"<html") :]  # no doctype: class names match case-insensitively
    assert article_window(data, PROFILE) is not None
    assert _windowed_article(data, SEED_URL, None) is None
    assert _same_as_whole_page(data, SEED_URL)


def test_a_cut_inside_the_article_is_noticed_and_the_page_parsed_whole() -> None:
    # the tag count ends the article at the commented-out </div>; the parser does not
    data = SEED.replace(b'<div class="news-other">', b'<!-- </div> --><div class="news-other">', 1)
    window = article_window(data, PROFILE)
    assert window is not None
    assert b"news-other" not in window
    assert _windowed_article(data, SEED_URL, None) is None
    assert _same_as_whole_page(data, SEED_URL)


SNIPPETS = [
    b"<b>", b"<a href='/x'>", b"<i>", b"<p>", b"</p>", b"</div>", b"<div>", b"<table>", b"<td>",
    b"</td>", b"<script>", b"<!--", b"<li>", b"<form>", b"</form>", b"</h3>", b"<svg>", b'"',
    b"<", b"<DIV class='news-detail'>", b"<em>", b"<div class='pl-breadcrumb'><a class='current-cate'>X</a></div>",
]  # fmt: skip


def test_hostile_edits_around_the_article_never_change_the_result() -> None:
    rng = random.Random(7)
    taken = 0
    for url, data in PAGES:
        start = data.index(b'<div class="pl-breadcrumb"') - 2000
        end = data.index(b'<div class="news-other"')
        for _ in range(6):
            edited = bytearray(data)
            for _ in range(rng.randint(1, 3)):
                at = rng.randrange(start, end)
                edited[at:at] = rng.choice(SNIPPETS)
            page = bytes(edited)
            taken += _windowed_article(page, url, None) is not None
            assert _same_as_whole_page(page, url), (url, page[start:end])
    assert taken > 50  # the corpus exercises the window, not only the refusals
