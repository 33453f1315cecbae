"""Shared fixtures: the local portal server and an isolated environment.

Every test runs with its config, data and cache folders in a temporary
directory and with ``PHULY_TUI_BASE_URL`` pointing at a closed local port, so
no test can read the developer's files or reach the live portal by accident.

The Internet Archive likewise: ``PHULY_TUI_ARCHIVE=never`` and
``PHULY_TUI_ARCHIVE_URL`` on the closed port by default (a test about the
archive sets both, to the :class:`FakeArchive`), and every archive request
passes :func:`archive_guard`, which fails the test on any address but 127.0.0.1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.archive import ArchiveClient, reset_shared_bucket
from phuly_tui.i18n import set_language
from phuly_tui.urls import origin_of
from tests.support.fake_archive import FakeArchive
from tests.support.portal_server import FIXTURE_DIR, PortalServer, PortalSite

GOLD_DIR = FIXTURE_DIR / "gold"
#: a port nothing listens on: connections are refused at once
CLOSED_URL = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real user folders and the live portal."""
    home = tmp_path / "home"
    for var, sub in {
        "XDG_CONFIG_HOME": "config",
        "XDG_DATA_HOME": "data",
        "XDG_CACHE_HOME": "cache",
        "XDG_STATE_HOME": "state",
    }.items():
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PHULY_TUI_BASE_URL", CLOSED_URL)
    monkeypatch.setenv("PHULY_TUI_ARCHIVE", "never")
    monkeypatch.setenv("PHULY_TUI_ARCHIVE_URL", CLOSED_URL)
    monkeypatch.delenv("PHULY_TUI_ARCHIVE_RATE", raising=False)
    monkeypatch.setenv("PHULY_TUI_DATA_DIR", str(tmp_path / "phuly-data"))
    for var in (
        "PHULY_TUI_LANG",
        "PHULY_TUI_OFFLINE",
        "PHULY_TUI_TIMEOUT",
        "PHULY_TUI_CONFIG",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "NO_COLOR",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return home


@pytest.fixture(autouse=True)
def vietnamese_by_default() -> Iterator[None]:
    """Every test starts in Vietnamese, the default, and leaves it so.

    The language is process-wide (:func:`phuly_tui.i18n.set_language`): an app
    made with ``lang="en"`` left English behind, and a later test in the same
    worker that expects a Vietnamese message (``test_a_closed_store_raises_store_error``
    after ``test_new_articles_in_english``) failed depending on the order.
    """
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture(autouse=True)
def archive_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every archive request of the test goes to 127.0.0.1, or the test fails.

    It wraps the archive client's gate, which every archive request (redirect
    hops included) passes; the shared bucket starts full and unheld.
    """
    reset_shared_bucket()
    asked: list[str] = []
    real_enter = ArchiveClient.enter

    async def guarded(self: ArchiveClient, url: str, extend: Any) -> None:
        if not origin_of(url).startswith("http://127.0.0.1:"):
            asked.append(url)
            raise AssertionError(f"a test asked a real archive: {url}")
        await real_enter(self, url, extend)

    monkeypatch.setattr(ArchiveClient, "enter", guarded)
    yield asked
    reset_shared_bucket()
    assert not asked, f"archive requests off 127.0.0.1: {asked}"


@pytest.fixture
def fake_archive(portal_site: PortalSite) -> Iterator[FakeArchive]:
    """A fake Wayback Machine of the portal copy; the test fails on any request it
    was not set up for (see :mod:`tests.support.fake_archive`)."""
    with FakeArchive(portal_site) as archive:
        yield archive
    assert not archive.violations, archive.violations


@pytest.fixture(scope="session")
def portal_site() -> PortalSite:
    return PortalSite()


@pytest.fixture(scope="session")
def portal(portal_site: PortalSite) -> Iterator[PortalServer]:
    """The portal copy served on 127.0.0.1 for the whole session (do not break it)."""
    with PortalServer(portal_site) as server:
        yield server


@pytest.fixture
def fresh_portal(portal_site: PortalSite) -> Iterator[PortalServer]:
    """A server of one's own: free to misbehave, count requests, stop and restart."""
    with PortalServer(portal_site) as server:
        yield server


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.json"))


def load_gold(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data
