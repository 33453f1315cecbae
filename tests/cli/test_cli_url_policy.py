"""The command line and the URL policy (issue 9, items 2 and 3).

An address with user info or a backslash in its authority is refused by every
command that takes one — ``read``, ``export``, ``list``, ``sync --sections``, a
deep link into the app, ``--base-url`` — with exit 2 and one line that never
repeats the password; nothing is fetched and nothing of it is stored.  One page
spelled several ways is stored once.
"""

from __future__ import annotations

import json
import sqlite3
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from phuly_tui.cli import EXIT_OK, EXIT_USAGE, main
from tests.support import faults
from tests.support.cli import run_cli
from tests.support.hostile import CONTROL, SEED_FILE
from tests.support.portal_server import PortalServer

SEED = (
    "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-"
    "trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
)
SECRET = "s3cret"


def hostile(portal: PortalServer) -> list[str]:
    """The issue's addresses, on the test portal's own host and port."""
    host = portal.url.removeprefix("http://")
    return [
        f"http://user:{SECRET}@{host}{SEED}",
        f"http://{SECRET}@{host}{SEED}",
        # the issue's: port 9 to a browser, the portal to Python
        f"http://127.0.0.1:9\\@{host}{SEED}",
        f"http://{host}\\@127.0.0.1:9{SEED}",
        f"http:\\\\{host}{SEED}",
    ]


def commands(url: str) -> list[list[str]]:
    return [
        ["read", url],
        ["read", url, "--json"],
        ["export", url, "-o", "-"],
        ["list", url],
        ["sync", "--sections", url, "--pages", "1"],
        [url],  # a deep link into the app
    ]


def everything_stored(data_dir: Path) -> str:
    """Every byte phuly-tui wrote under ``data_dir`` (the store and anything else)."""
    return "".join(
        path.read_bytes().decode("utf-8", "replace")
        for path in data_dir.rglob("*")
        if path.is_file()
    )


def test_every_command_refuses_credentials_and_backslashes(
    fresh_portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    for url in hostile(fresh_portal):
        for argv in commands(url):
            code = main(["--base-url", fresh_portal.url, "--data-dir", str(data_dir), *argv])
            out, err = capsys.readouterr()
            assert code == EXIT_USAGE, (argv, out, err)
            lines = [line for line in err.splitlines() if line.strip()]
            assert len(lines) == 1, (argv, err)
            assert lines[0].startswith("phuly-tui: ")
            assert SECRET not in out + err, argv
            assert out == ""
    # the address is never requested (sync --sections reads the home page's sections first)
    assert [target for _m, target, _s in fresh_portal.requests if target != "/"] == []
    assert SECRET not in everything_stored(data_dir)


def test_a_base_url_with_credentials_is_refused_without_printing_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["--base-url", f"http://user:{SECRET}@127.0.0.1:9", "sections"])
    out, err = capsys.readouterr()
    assert code != EXIT_OK
    assert len([line for line in err.splitlines() if line.strip()]) == 1
    assert SECRET not in out + err


def test_a_page_link_with_credentials_is_neither_printed_nor_stored(
    fresh_portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (fresh_portal.site.root / "site" / SEED.lstrip("/")).read_text(encoding="utf-8")
    related = "/Pages/hoi-nghi-hoc-tap-quan-triet-nghi-quyet-hoi-nghi-trung-uong-9-khoa-xiii.aspx"
    assert related in page
    host = fresh_portal.url.removeprefix("http://")
    hostile = page.replace(f'href="{related}"', f'href="http://user:{SECRET}@{host}{related}"')
    body = hostile.encode("utf-8")

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    fresh_portal.routes[SEED] = route
    data_dir = tmp_path / "data"
    for argv in (["read", SEED, "--json"], ["read", SEED], ["export", SEED, "-o", "-"]):
        code = main(["--base-url", fresh_portal.url, "--data-dir", str(data_dir), *argv])
        out, _err = capsys.readouterr()
        assert code == EXIT_OK
        assert SECRET not in out
    main(["--base-url", fresh_portal.url, "--data-dir", str(data_dir), "read", SEED, "--json"])
    article = json.loads(capsys.readouterr().out)
    assert related not in json.dumps(article["related"])  # the link is gone, not rewritten
    assert SECRET not in everything_stored(data_dir)


def test_one_page_spelled_three_ways_is_stored_once(
    portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    host = portal.url.removeprefix("http://")
    spellings = [SEED, f"HTTP://{host.upper()}{SEED}", f"{portal.url}{SEED}#muc-2"]
    for spelling in spellings:
        code = main(["--base-url", portal.url, "--data-dir", str(data_dir), "read", spelling])
        capsys.readouterr()
        assert code == EXIT_OK, spelling
    with sqlite3.connect(next(data_dir.glob("*.sqlite3"))) as db:
        urls = [
            row[0] for row in db.execute("SELECT url FROM pages WHERE url LIKE '%ban-chi-dao-35%'")
        ]
    assert urls == [portal.url + SEED]


def test_a_redirect_to_an_address_with_control_bytes_prints_none(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A ``Location`` may carry bytes 0x80–0x9F (C1 controls read as Latin-1): the
    page read there is known by the address as sent, percent-encoded."""

    def moved(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", "/Pages/a\x9b2J\x85.aspx")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    fresh_portal.routes["/Pages/moved.aspx"] = moved
    fresh_portal.routes["/Pages/a%C2%9B2J%C2%85.aspx"] = faults.html_page(SEED_FILE.read_bytes())
    base = ("--base-url", fresh_portal.url, "--data-dir", str(tmp_path))
    code, out, err = run_cli(capsys, *base, "read", "/Pages/moved.aspx")
    assert code == EXIT_OK, err
    assert f"{fresh_portal.url}/Pages/a%C2%9B2J%C2%85.aspx" in out
    assert not CONTROL.search(out + err)
    code, out, _ = run_cli(capsys, *base, "read", "/Pages/moved.aspx", "--json")
    assert json.loads(out)["url"] == f"{fresh_portal.url}/Pages/a%C2%9B2J%C2%85.aspx"
