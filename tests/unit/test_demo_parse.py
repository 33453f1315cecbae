"""Slimming loses nothing a reader needs: the parser reads the demo's pages exactly
as it reads the portal copy's, for every page that has a gold file.

Both versions are parsed under the same URL (the demo server's), so any
difference can only come from what the snapshot build removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from phuly_tui.demo.server import DemoServer
from phuly_tui.errors import PhulyError
from phuly_tui.parse import parse_page
from tests.conftest import gold_files, load_gold
from tests.support.portal_server import PortalSite

from .test_demo_server import request


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture(scope="module")
def fixture_site() -> PortalSite:
    return PortalSite()


def outcome(page: bytes, url: str) -> object:
    """What the parser makes of a page: the model's dict, or the error it raised."""
    try:
        return parse_page(page, url).to_dict()
    except PhulyError as exc:
        return f"{type(exc).__name__}: {exc}"


def test_every_gold_page_exists() -> None:
    assert len(gold_files()) == 53


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda path: path.stem)
def test_demo_page_parses_like_the_fixture_page(
    gold_path: Path, demo: DemoServer, fixture_site: PortalSite
) -> None:
    gold = load_gold(gold_path)
    target = str(gold["url"])
    status, _headers, demo_page = request(demo, target)
    assert status == 200
    hit = fixture_site.lookup(target)
    assert hit is not None
    fixture_page = hit[1]
    assert len(demo_page) < len(fixture_page)

    url = demo.url + target
    from_fixture = outcome(fixture_page, url)
    from_demo = outcome(demo_page, url)
    assert from_demo == from_fixture
    # the comparison means something only if the page was understood
    assert isinstance(from_demo, dict), from_demo
    assert from_demo["kind"] == gold["kind"]
