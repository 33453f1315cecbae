"""Issue 5 through the CLI: hostile pages and a misbehaving server.

Every case ends in bounded time with one clear line (Vietnamese by default),
a non-zero exit code and no traceback — and no control byte from a page ever
reaches stdout.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from tests.support import faults
from tests.support.cli import run_cli
from tests.support.hostile import CONTROL, MARKUP_TITLE, hostile_seed_page
from tests.support.portal_server import PortalServer

HOSTILE = "/Pages/hostile.aspx"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str, float]:
    """:func:`run_cli` and the seconds it took."""
    start = time.monotonic()
    code, out, err = run_cli(capsys, *argv)
    return code, out, err, time.monotonic() - start


@pytest.mark.parametrize("mode", ["--plain", "--markdown", "--json"])
def test_hostile_article_is_shown_as_text(
    mode: str, fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh_portal.routes[HOSTILE] = faults.html_page(hostile_seed_page())
    code, out, err, _ = run(capsys, "--base-url", fresh_portal.url, "read", HOSTILE, mode)
    assert code == 0, err
    assert not CONTROL.search(out), repr(CONTROL.search(out))
    assert not CONTROL.search(err)
    text = json.loads(out)["title"] if mode == "--json" else out
    if mode == "--markdown":
        # Rich markup is no Markdown syntax: written as the page wrote it, no backslashes
        assert f"# {MARKUP_TITLE}" in text
    else:
        assert MARKUP_TITLE in text
    assert "]52;" not in out
    assert "evil.example" not in out


def test_hostile_article_styled_terminal_output(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when Rich styles the output, the only escapes are Rich's own SGR codes."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    fresh_portal.routes[HOSTILE] = faults.html_page(hostile_seed_page())
    code, out, err, _ = run(capsys, "--base-url", fresh_portal.url, "read", HOSTILE)
    assert code == 0, err
    without_sgr = __import__("re").sub(r"\x1b\[[0-9;]*m", "", out)
    assert not CONTROL.search(without_sgr)
    assert MARKUP_TITLE in without_sgr


FAULTS: dict[str, tuple[Callable[[], faults.Route], str]] = {
    "slow headers": (lambda: faults.slow_headers(5.0), "không trả lời"),
    "slow body": (lambda: faults.slow_body(100_000, interval=0.2), "không trả lời"),
    "connection reset": (lambda: faults.reset_connection(), "Kết nối tới"),
    "always 500": (lambda: faults.status_with_retry_after(500, "0", failures=10**6), "HTTP 500"),
    "truncated": (lambda: faults.truncated_body(), "cắt ngang"),
    "redirect loop": (lambda: faults.redirect_loop(), "chuyển hướng"),
    "redirect off-site": (lambda: faults.redirect_to("http://example.org/x"), "example.org"),
    "oversized": (lambda: faults.oversized(20 * 1024 * 1024, chunked=True), "giới hạn"),
    "gzip bomb": (lambda: faults.gzip_bomb(50), "giới hạn"),
    "empty 200": (lambda: faults.empty_200(), "trang trống"),
    # a file where a page was expected is read as a document: this one is not a real PDF
    "pdf": (lambda: faults.pdf_response(), "PDF"),
    "sharepoint 404": (lambda: faults.sharepoint_error(404), "404"),
    "sharepoint 500": (lambda: faults.sharepoint_error(500), "500"),
}


@pytest.mark.parametrize("name", list(FAULTS))
def test_faults_end_in_one_clear_line(
    name: str, fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    route, words = FAULTS[name]
    fresh_portal.routes["/Pages/fault.aspx"] = route()
    code, out, err, seconds = run(
        capsys, "--base-url", fresh_portal.url, "--timeout", "1", "read", "/Pages/fault.aspx"
    )
    assert code != 0
    assert out == ""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert words in lines[0], lines[0]
    assert seconds < 15


def test_retry_after_then_success(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh_portal.routes["/Pages/busy.aspx"] = faults.status_with_retry_after(
        503, "1", failures=1, then=faults.html_page(hostile_seed_page())
    )
    code, out, err, seconds = run(
        capsys, "--base-url", fresh_portal.url, "read", "/Pages/busy.aspx", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["title"].startswith(MARKUP_TITLE)
    assert seconds >= 0.9  # Retry-After was honoured


@pytest.mark.parametrize("mode", ["en"])
def test_fault_messages_in_english(
    mode: str, fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh_portal.routes["/Pages/fault.aspx"] = faults.redirect_to("http://example.org/x")
    code, _out, err, _ = run(
        capsys, "--lang", mode, "--base-url", fresh_portal.url, "read", "/Pages/fault.aspx"
    )
    assert code != 0
    assert "redirects to another site: http://example.org/x" in err


def test_invalid_utf8_and_no_charset_still_read(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    for route in (faults.invalid_utf8_page(), faults.no_charset_page(hostile_seed_page())):
        fresh_portal.routes["/Pages/odd.aspx"] = route
        code, out, err, _ = run(
            capsys, "--base-url", fresh_portal.url, "read", "/Pages/odd.aspx", "--plain"
        )
        assert "Traceback" not in err
        assert not CONTROL.search(out)
        if code != 0:
            assert len(err.strip().splitlines()) == 1


def test_the_console_never_prints_a_control_byte(capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever a listing hands the CLI's console — a text, a table cell — reaches the
    terminal without escapes, controls or bidi overrides: the data's cleaning is
    not the only guard (a file name and a capture's address once slipped past it)."""
    from argparse import Namespace

    from rich.table import Table
    from rich.text import Text

    from phuly_tui.cli.output import console

    hostile = "a\x1b]52;c;aGk=\x07\x1b[31mb\u202ec\x9b2Jd\x7f" + MARKUP_TITLE
    table = Table()
    table.add_column(Text(hostile))
    table.add_row(Text(hostile, style="bold"))
    out = console(Namespace(plain=False))
    out.print(Text(hostile, style="bold"))
    out.print(table)
    printed = capsys.readouterr().out
    assert not CONTROL.search(printed), repr(printed)
    first = printed.splitlines()[0]  # Rich drops the BEL: the OSC's rest is only text then
    assert first.startswith("a"), first
    assert first.endswith("bcd" + MARKUP_TITLE), first


def test_json_output_carries_no_raw_control_byte(capsys: pytest.CaptureFixture[str]) -> None:
    """``--json`` is exact data, and printed to a terminal: a C1 control, DEL or a
    bidi override inside a string is written as its ``\\u`` escape (JSON escapes
    C0 by itself), so the data is the same and no terminal acts on it."""
    from phuly_tui.cli.output import print_json

    data = {"title": "a\x9b2J\x7fb\u202ec\u2028d 👨\u200d👩 Phủ Lý", "n": [1, "\x1b[31m"]}
    print_json(data)
    printed = capsys.readouterr().out
    assert not CONTROL.search(printed), repr(printed)
    assert "\u2028" not in printed
    assert json.loads(printed) == data
    assert "Phủ Lý" in printed  # Vietnamese stays readable
