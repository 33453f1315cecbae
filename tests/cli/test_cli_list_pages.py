"""``list SECTION --page N`` follows the listing's own pager, as scroll-to-load and sync do.

It used to ask for ``?Page=N`` whatever the listing used, so a section paging with
``?p=N`` (or with only "Trang sau" links) answered "HTTP 404" for page 2.  Past the
last page it now says there is no such page and which page was the last reached
(exit 4).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phuly_tui.cli import EXIT_NOT_FOUND, EXIT_OK
from tests.support import faults
from tests.support.cli import run_cli
from tests.support.portal_server import PortalServer

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
OTHER_PARAM = "/Pages/thong-bao-p.aspx"


def other_param_page(number: int, last: int) -> bytes:
    """Page ``number`` of a listing paged with ``?p=N`` (the markup of
    ``listing_other_param.html``: unknown classes, ``›`` next, current in ``<strong>``)."""
    html = (PAGES / "listing_other_param.html").read_text(encoding="utf-8")
    html = html.replace("/Pages/tb-", f"/Pages/tb-p{number}-")
    html = html.replace("Thông báo lịch tiếp công dân", f"Trang {number}: lịch tiếp công dân")
    links = [
        f"<strong>{n}</strong>" if n == number else f'<a href="{OTHER_PARAM}?p={n}">{n}</a>'
        for n in range(1, last + 1)
    ]
    if number < last:
        links.append(f'<a href="{OTHER_PARAM}?p={number + 1}">›</a>')
    start = html.index('<div class="pages">')
    end = html.index("</div>", start) + len("</div>")
    html = html[:start] + '<div class="pages">' + " ".join(links) + "</div>" + html[end:]
    return html.encode("utf-8")


@pytest.fixture
def other_param_portal(fresh_portal: PortalServer) -> PortalServer:
    """A three-page listing at ``/Pages/thong-bao-p.aspx`` paged with ``?p=N``."""
    fresh_portal.routes[OTHER_PARAM] = faults.html_page(other_param_page(1, 3))
    for n in (2, 3):
        fresh_portal.routes[f"{OTHER_PARAM}?p={n}"] = faults.html_page(other_param_page(n, 3))
    return fresh_portal


@pytest.mark.parametrize("page", [2, 3])
def test_a_listing_paged_with_another_parameter(
    page: int, other_param_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        capsys,
        "--base-url",
        other_param_portal.url,
        "list",
        OTHER_PARAM,
        "--page",
        str(page),
        "--json",
    )
    assert code == EXIT_OK, err
    listing = json.loads(out)
    assert listing["url"].endswith(f"{OTHER_PARAM}?p={page}")
    assert listing["items"][0]["title"] == f"Trang {page}: lịch tiếp công dân tháng 1"
    asked = [target for method, target, _ in other_param_portal.requests if method == "GET"]
    assert not [target for target in asked if "Page=" in target]  # no guessed parameter


def test_past_the_last_page_names_the_last_one_reached(
    other_param_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        capsys, "--base-url", other_param_portal.url, "list", OTHER_PARAM, "--page", "5"
    )
    assert code == EXIT_NOT_FOUND
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "không có trang 5" in lines[0]
    assert "trang cuối cùng tới được là trang 3" in lines[0]
    assert "404" not in lines[0]


def test_the_portal_section_pages_past_the_last_in_english(
    portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """The portal copy's "Tin tức - Sự kiện" has three pages."""
    code, out, err = run_cli(
        capsys, "--base-url", portal.url, "list", "tin-tuc-su-kien", "--page", "3", "--json"
    )
    assert code == EXIT_OK, err
    assert json.loads(out)["url"].endswith("?Page=3")
    code, _out, err = run_cli(
        capsys, "--lang", "en", "--base-url", portal.url, "list", "tin-tuc-su-kien", "--page", "4"
    )
    assert code == EXIT_NOT_FOUND
    assert "has no page 4: the last page reached was page 3" in err
    assert "404" not in err


def test_offline_the_stored_pages_are_walked_the_same_way(
    other_param_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_cli(
        capsys, "--base-url", other_param_portal.url, "list", OTHER_PARAM, "--page", "3"
    )
    assert code == EXIT_OK, err
    code, out, err = run_cli(
        capsys,
        "--offline",
        "--base-url",
        other_param_portal.url,
        "list",
        OTHER_PARAM,
        "--page",
        "3",
        "--plain",
    )
    assert code == EXIT_OK, err
    assert "Trang 3: lịch tiếp công dân" in out
