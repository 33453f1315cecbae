"""Parser robustness (issue 5, item 3): no input makes ``parse_*`` raise anything
but ParseError, no control character from a page reaches the model, and huge or
deeply nested pages are handled in bounded time.

Three sources of bad input: hypothesis (arbitrary text, bytes and HTML-ish
soup), a deterministic mutation corpus made from the portal pages (truncated,
tags deleted or duplicated, wrong encodings, control characters and escape
sequences inserted, raw and as character references), and hand-made extremes
(50,000 nested elements, a 10 MB page).
"""

from __future__ import annotations

import contextlib
import random
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phuly_tui.errors import ParseError
from phuly_tui.parse import (
    page_plain_text,
    parse_article,
    parse_home,
    parse_listing,
    parse_page,
)
from tests.conftest import gold_files, load_gold
from tests.support.portal_server import FIXTURE_DIR

BASE = "http://127.0.0.1:8000"
URL = BASE + "/Pages/x.aspx"
PARSERS: list[Callable[..., Any]] = [parse_article, parse_listing, parse_home, parse_page]
#: C0 (except nothing: the model's text has no newlines), DEL, C1, bidi controls
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE = [
    "\x1b]52;c;ZXZpbA==\x07",
    "&#27;[31m",
    "&#x1b;]8;;https://evil.example/&#x1b;\\",
    "\x1b[2J\x1b[H",
    "\u202e",
    "&#x202E;",
    "\x9b31m",
    "&#155;6n",
    "\x00",
    "\x07",
    "&#8;",
    "\u2066",
]


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def check_result(result: Any) -> None:
    """The result is a model object whose strings carry no control characters."""
    data = result.to_dict()
    for text in strings(data):
        assert not FORBIDDEN.search(text), repr(text)


def run_all(html: bytes | str) -> None:
    for parse in PARSERS:
        try:
            result = parse(html, URL)
        except ParseError:
            continue
        check_result(result)
    try:
        text = page_plain_text(html, URL)
    except ParseError:
        return
    assert not FORBIDDEN.search(text.replace("\n", ""))


# -- property-based ----------------------------------------------------------------

TAGS = ["p", "div", "span", "a", "img", "br", "h1", "h2", "h3", "ul", "ol", "li", "table", "tr",
        "td", "th", "figure", "figcaption", "em", "i", "strong", "iframe", "video", "script",
        "style", "noscript", "select", "option", "marquee", "nav", "form", "input", "svg"]  # fmt: skip
CLASSES = ["news-detail", "ms-rtestate-field", "news-detail-title", "news-detail-date",
           "news-related", "news-list", "news-item", "paging", "pl-menu", "home-hot", "next"]  # fmt: skip
TEXTS = ["Tin liên quan", "Tải về", "Các tin khác", "Tin, ảnh: A", "14/06/2024 08:30",
         "Trang sau", "»", "1", "Ngày đăng:", "Trang chủ", "&nbsp;", "&#7883;", "&amp;",
         "&#0;", "&#xD800;", "\u0300", "\ufeff", "Việt Nam"]  # fmt: skip


HREFS = ["/a.aspx", "javascript:x", "//h/x", "x?p=2", "\x1b[1m/x", "https://phuly.hanam.gov.vn/y"]
ATTRIBUTES = [' style="display:none"', " hidden", ' src="/i.jpg"', ' alt="a.jpg"', ' align="right"']


@st.composite
def html_soup(draw: st.DrawFn) -> str:
    pieces: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            tag = draw(st.sampled_from(TAGS))
            attrs = ""
            if draw(st.booleans()):
                attrs += ' class="' + draw(st.sampled_from(CLASSES)) + '"'
            if draw(st.booleans()):
                attrs += ' href="' + draw(st.sampled_from(HREFS)) + '"'
            if draw(st.booleans()):
                attrs += draw(st.sampled_from(ATTRIBUTES))
            pieces.append(f"<{tag}{attrs}>")
        elif kind == 1:
            pieces.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind == 2:
            pieces.append(draw(st.sampled_from(TEXTS + HOSTILE)))
        else:
            pieces.append(draw(st.text(max_size=20)))
    return "".join(pieces)


HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    run_all(text)


@HYPOTHESIS
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    run_all(data)


@HYPOTHESIS
@given(html_soup())
def test_html_soup(html: str) -> None:
    run_all(html)
    run_all(html.encode("utf-8", "surrogatepass"))


@HYPOTHESIS
@given(html_soup(), st.sampled_from(["cp1258", "utf-16", "latin-1", "bogus-charset", "base64"]))
def test_soup_with_declared_encodings(html: str, encoding: str) -> None:
    data = html.encode("utf-8", "replace")
    for parse in PARSERS:
        with contextlib.suppress(ParseError):
            check_result(parse(data, URL, encoding=encoding))


def test_wrong_input_types_are_parse_errors() -> None:
    for bad in (None, 42, ["<p>"], object()):
        with pytest.raises(ParseError):
            parse_article(bad, URL)  # type: ignore[arg-type]


# -- mutation corpus from the portal pages -------------------------------------------


def _portal_pages() -> list[tuple[str, bytes]]:
    files: dict[str, Path] = {}
    for line in (FIXTURE_DIR / "urls.tsv").read_text(encoding="utf-8").splitlines():
        target, name, *_ = line.split("\t")
        files.setdefault(target, FIXTURE_DIR / "site" / name)
    targets = [str(load_gold(p)["url"]) for p in gold_files()]
    return [(target, files[target].read_bytes()) for target in targets]


_TAG = re.compile(rb"<[^<>]{1,200}>")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random, hostile edit of a page."""
    choice = rng.randrange(7)
    if choice == 0:  # truncated anywhere
        return data[: rng.randrange(len(data))]
    tags = list(_TAG.finditer(data))
    if choice in (1, 2) and tags:
        out = bytearray(data)
        for match in sorted(rng.sample(tags, min(len(tags), 40)), key=lambda m: -m.start()):
            if choice == 1:
                del out[match.start() : match.end()]  # tags deleted
            else:
                out[match.start() : match.start()] = match[0] * rng.randint(1, 3)  # duplicated
        return bytes(out)
    if choice == 3:  # encodings swapped: other bytes, same or wrong declaration
        text = data.decode("utf-8", "replace")
        codec = rng.choice(["cp1258", "latin-1", "utf-16-le", "cp1252"])
        return text.encode(codec, "replace")
    if choice == 4:  # the declared charset lies
        return data.replace(
            b"charset=utf-8", rng.choice([b"charset=windows-1252", b"charset=utf-16", b"charset=x"])
        )
    out = bytearray(data)
    for _ in range(60):  # escapes and controls inserted in text and attributes
        at = rng.randrange(len(out))
        out[at:at] = rng.choice(HOSTILE).encode("utf-8")
    if choice == 6:
        out = bytearray(out.replace(b"Ph\xe1\xbb\xa7", b"Ph\x1b[31m\xe1\xbb\xa7"))
    return bytes(out)


@pytest.mark.parametrize(
    ("target", "data"), _portal_pages(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_mutated_portal_pages(target: str, data: bytes) -> None:
    rng = random.Random(target)
    for _ in range(4):
        mutated = mutate(data, rng)
        for parse in (parse_page, parse_article):
            with contextlib.suppress(ParseError):
                check_result(parse(mutated, BASE + target))


def test_hostile_characters_everywhere_in_a_real_page() -> None:
    target, data = next(p for p in _portal_pages() if p[0].count("-") > 3)
    text = data.decode("utf-8")
    for tag in ("<h1", "<p", "<li>", "<span"):  # before elements: in text
        text = text.replace(tag, "\x1b]52;c;QUFB\x07&#27;[31m\u202e" + tag)
    for attribute in ('alt="', 'href="/Pages/'):  # inside attribute values
        text = text.replace(attribute, attribute + "&#x1b;[1m\u2066")
    article = parse_article(text, BASE + target)
    check_result(article)
    assert article.blocks
    check_result(parse_page(text, BASE + target))


# -- extremes ----------------------------------------------------------------------------


def timed(work: Callable[[], object]) -> float:
    """CPU seconds of ``work``: a bound that other processes on the machine cannot break."""
    start = time.process_time()
    with contextlib.suppress(ParseError):
        work()
    return time.process_time() - start


@pytest.mark.parametrize("tag", ["div", "span", "p", "table", "li", "b", "blockquote", "a"])
def test_fifty_thousand_nested_elements(tag: str) -> None:
    html = (
        f"<html><body><h1>Tiêu đề</h1>{f'<{tag}>' * 50_000}"
        f"{'Nội dung bài viết khá dài. ' * 20}{f'</{tag}>' * 50_000}</body></html>"
    ).encode()
    for parse in (parse_article, parse_page, page_plain_text):
        assert timed(lambda parse=parse: check_or_text(parse(html, URL))) < 10.0  # type: ignore[misc]


def check_or_text(result: object) -> None:
    if not isinstance(result, str):
        check_result(result)


@pytest.mark.slow
def test_ten_megabyte_page() -> None:
    target, data = next(p for p in _portal_pages() if p[0].count("-") > 3)
    start = data.index(b'class="ms-rtestate-field"')
    start = data.index(b">", start) + 1
    paragraph = (
        '<p style="text-align: justify;">Đoạn văn <strong>dài</strong> lặp lại cho trang mười '
        'megabyte, có <a href="/Pages/x.aspx">liên kết</a> và &nbsp; ký tự đặc biệt.</p>\n'
    ).encode()
    big = data[:start] + paragraph * ((10 * 1024 * 1024) // len(paragraph)) + data[start:]
    assert len(big) >= 10 * 1024 * 1024
    renamed = big.replace(b"news-detail", b"x1").replace(b"ms-rtestate-field", b"x2")
    for page in (big, renamed):
        article = None

        def work(page: bytes = page) -> None:
            nonlocal article
            article = parse_article(page, BASE + target)

        assert timed(work) < 15.0
        assert article is not None
        assert len(article.blocks) > 1000
    assert timed(lambda: page_plain_text(big, BASE + target)) < 15.0


# -- the plain-text fallback ------------------------------------------------------------


def test_page_plain_text_keeps_lines_and_strips_hostile() -> None:
    html = (
        "<html><head><title>T</title><script>var x='mã';</script></head><body>"
        "<div style='display:none'>ẩn</div><h1>Tiêu\x1b[31m đề</h1><p>Dòng &#27;[1mmột</p>"
        "<p>Dòng\u202e hai<br>Dòng ba</p><nav>menu</nav></body></html>"
    )
    text = page_plain_text(html, URL)
    lines = [line for line in text.splitlines() if line]
    assert lines == ["Tiêu đề", "Dòng một", "Dòng hai", "Dòng ba"]
    assert "mã" not in text
    assert "ẩn" not in text
    assert "menu" not in text


def test_page_plain_text_of_an_error_page() -> None:
    from tests.support.portal_server import ERROR_PAGE

    text = page_plain_text(ERROR_PAGE.format(message="Không tìm thấy trang.", guid="x"), URL)
    assert "Rất tiếc, đã xảy ra sự cố" in text
    assert "Không tìm thấy trang." in text
