"""A machine whose output encoding is not UTF-8 (issue 9, item 8).

``LC_ALL=C PYTHONUTF8=0`` or ``PYTHONIOENCODING=ascii``: the installed command
runs as a subprocess in that environment.  Text degrades to unaccented ASCII,
JSON stays exact with ``\\u`` escapes, ``--help`` works, exit codes are the
usual ones; the app refuses to start in one line (exit 2).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from phuly_tui.streams import UNACCENT_ERRORS, degrade, writes_unicode
from tests.support.portal_server import PortalServer

SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
EXE = Path(sys.executable).with_name("phuly-tui")

NOT_UTF8 = {
    "c-locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
    "ascii-io": {"PYTHONIOENCODING": "ascii"},
}


def run_cli(environment: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONIOENCODING", "PYTHONUTF8"}}
    env.update(environment)
    return subprocess.run(
        [str(EXE), *argv],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.fixture(params=sorted(NOT_UTF8), ids=sorted(NOT_UTF8))
def not_utf8(request: pytest.FixtureRequest) -> dict[str, str]:
    return NOT_UTF8[request.param]


def test_sections_print_unaccented(not_utf8: dict[str, str], portal: PortalServer) -> None:
    proc = run_cli(not_utf8, "--base-url", portal.url, "sections")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.isascii()
    assert "1. Tin tuc - Su kien  " in proc.stdout
    assert "Quoc phong - An ninh" in proc.stdout
    assert proc.stderr == ""


def test_article_prints_unaccented(not_utf8: dict[str, str], portal: PortalServer) -> None:
    proc = run_cli(not_utf8, "--base-url", portal.url, "read", SEED, "--plain")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.isascii()
    assert "Phu Ly" in proc.stdout
    assert "Ban chi dao 35" in proc.stdout


def test_markdown_prints_unaccented(not_utf8: dict[str, str], portal: PortalServer) -> None:
    proc = run_cli(not_utf8, "--base-url", portal.url, "read", SEED, "--markdown")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.isascii()
    assert proc.stdout.startswith("# Ban chi dao 35 TP Phu Ly")


def test_json_stays_exact_with_escapes(not_utf8: dict[str, str], portal: PortalServer) -> None:
    proc = run_cli(not_utf8, "--base-url", portal.url, "sections", "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.isascii()
    assert "\\u1ee9" in proc.stdout  # "ứ" of "Tin tức", escaped
    home = json.loads(proc.stdout)
    assert home["sections"][0]["name"] == "Tin tức - Sự kiện"


def test_help_prints_unaccented(not_utf8: dict[str, str]) -> None:
    proc = run_cli(not_utf8, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.isascii()
    assert "Chay khong co lenh con de mo ung dung" in proc.stdout


def test_errors_are_one_unaccented_line(not_utf8: dict[str, str], portal: PortalServer) -> None:
    proc = run_cli(not_utf8, "--base-url", portal.url, "read", "/Pages/khong-co.aspx")
    assert proc.returncode == 4
    assert proc.stderr.isascii()
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("phuly-tui: ")
    assert "\\u" not in proc.stderr
    assert "\\x" not in proc.stderr
    assert "Khong tim thay" in proc.stderr


@pytest.mark.parametrize("argv", [[], ["--demo"], ["/Pages/x.aspx"]], ids=["bare", "demo", "link"])
def test_the_app_refuses_in_one_line(not_utf8: dict[str, str], argv: list[str]) -> None:
    proc = run_cli(not_utf8, *argv)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].isascii()
    assert "UTF-8 terminal" in lines[0] or "terminal UTF-8" in lines[0]
    assert "\x1b" not in proc.stderr  # nothing was drawn


def test_a_utf8_run_is_unchanged(portal: PortalServer) -> None:
    proc = run_cli({"PYTHONIOENCODING": "utf-8"}, "--base-url", portal.url, "sections")
    assert proc.returncode == 0, proc.stderr
    assert "1. Tin tức - Sự kiện  " in proc.stdout


# -- the degrading rule itself ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phủ Lý", "Phu Ly"),
        ("đường Đinh Tiên Hoàng", "duong Dinh Tien Hoang"),
        ("PHỦ LÝ", "PHU LY"),
        ("Tin tức — Sự kiện…", "Tin tuc - Su kien..."),
        ("“Tin” ‘liên quan’", "\"Tin\" 'lien quan'"),
        ("中文 ☃ 🎉", "?? ? ?"),
        ("plain ASCII 123", "plain ASCII 123"),
    ],
)
def test_degrade_to_ascii(text: str, expected: str) -> None:
    assert degrade(text, "ascii") == expected


def test_degrade_decomposed_text() -> None:
    assert degrade(unicodedata.normalize("NFD", "Phủ Lý, Hà Nam"), "ascii") == "Phu Ly, Ha Nam"


def test_degrade_keeps_what_the_encoding_holds() -> None:
    # Latin-1 has "ý" and "à" but not "ủ" or "đ"
    assert degrade("Phủ Lý, Hà Nam, đ", "latin-1") == "Phu Lý, Hà Nam, d"


def test_error_handler_is_registered_for_any_encode() -> None:
    assert "Đảng bộ".encode("cp1252", UNACCENT_ERRORS) == b"Dang bo"


@pytest.mark.parametrize(
    ("encoding", "unicode"),
    [("utf-8", True), ("UTF8", True), ("utf-16-le", True), ("ascii", False), ("latin-1", False)],
)
def test_writes_unicode(encoding: str, unicode: bool, tmp_path: Path) -> None:
    with (tmp_path / "out.txt").open("w", encoding=encoding) as stream:
        assert writes_unicode(stream) is unicode
