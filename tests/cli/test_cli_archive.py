"""Issue 14 through the CLI: when the portal is gone, read the Internet Archive.

Real servers on 127.0.0.1: the portal copy (or a closed port for "down") and
the fake Wayback Machine, which fails the test on any request it was not set
up for (a mirror's address, a request during a Retry-After, …).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from phuly_tui.archive import shared_bucket
from phuly_tui.store import open_store
from tests.conftest import CLOSED_URL
from tests.support import faults
from tests.support.cli import run_cli
from tests.support.fake_archive import (
    CANONICAL,
    NEWEST,
    OLDER_STAMP,
    SEED_PATH,
    Capture,
    FakeArchive,
    surt_key,
)
from tests.support.hostile import CONTROL
from tests.support.portal_server import PortalServer

NOTICE = "Bản lưu trữ ngày 28/06/2025 (Internet Archive)"
SECTION = "/Pages/tin-tuc-su-kien.aspx"


def archive_args(archive: FakeArchive, base: str = CLOSED_URL) -> list[str]:
    return ["--base-url", base, "--archive", "auto", "--archive-url", archive.url, "--timeout", "3"]


def test_portal_down_reads_the_newest_capture_with_its_notice(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, *archive_args(fake_archive), "read", SEED_PATH, "--json")
    assert code == 0, err
    assert NOTICE in err
    data = json.loads(out)
    assert data["title"].startswith("Ban chỉ đạo 35 TP Phủ Lý sơ kết")
    assert "bản lưu cũ" not in data["title"]
    assert data["source"] == {
        "kind": "archive",
        "captured": "2025-06-28T10:11:12Z",
        "url": f"{fake_archive.url}/web/{NEWEST}id_/{CANONICAL}{SEED_PATH}",
    }
    # links stay the portal's own (on the base URL): following one asks again
    assert all(r["url"].startswith(CLOSED_URL + "/") for r in data["related"])
    # the archive was asked for the canonical address (the fake checks it) with id_
    assert [r.path.split("?")[0].split("id_")[0] for r in fake_archive.requests] == [
        "/cdx/search/cdx",
        f"/web/{NEWEST}",
    ]


def test_list_and_sections_carry_their_source(
    fake_archive: FakeArchive,
    portal: PortalServer,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    code, out, err = run_cli(capsys, *archive_args(fake_archive), "list", SECTION, "--json")
    assert code == 0, err
    listing = json.loads(out)
    assert listing["source"]["kind"] == "archive"
    assert len(listing["items"]) == 10
    code, out, err = run_cli(capsys, *archive_args(fake_archive), "sections", "--json")
    assert code == 0, err
    assert json.loads(out)["source"]["captured"] == "2025-06-28T10:11:12Z"
    # the live portal: {"kind": "live"}, no notice, the archive not asked
    before = len(fake_archive.requests)
    code, out, err = run_cli(
        capsys,
        *archive_args(fake_archive, portal.url),
        "--data-dir",
        str(tmp_path / "live"),
        "sections",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["source"] == {"kind": "live"}
    assert NOTICE not in err
    assert len(fake_archive.requests) == before


@pytest.mark.parametrize(
    "route",
    [
        faults.sharepoint_error(404, "Không tìm thấy tệp."),
        faults.sharepoint_error(410, "Đã xóa."),
        faults.sharepoint_error(503),
        faults.redirect_to("https://parked-domain.example/"),
    ],
    ids=["404", "410", "503", "redirect-off-portal"],
)
def test_a_page_the_portal_lost_comes_from_the_archive(
    route: faults.Route,
    fresh_portal: PortalServer,
    fake_archive: FakeArchive,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fresh_portal.routes[SEED_PATH] = route
    args = archive_args(fake_archive, fresh_portal.url)
    code, out, err = run_cli(capsys, *args, "read", SEED_PATH, "--json")
    assert code == 0, err
    assert NOTICE in err
    assert json.loads(out)["source"]["kind"] == "archive"
    # the other pages still come from the portal
    code, out, err = run_cli(capsys, *args, "list", SECTION, "--json")
    assert code == 0
    assert json.loads(out)["source"] == {"kind": "live"}


def test_a_page_never_captured_says_so_and_names_its_listing(
    fresh_portal: PortalServer,
    fake_archive: FakeArchive,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    article = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"
    fake_archive.forget(article)
    data = ["--data-dir", str(tmp_path / "store")]
    code, _, err = run_cli(
        capsys, *archive_args(fake_archive, fresh_portal.url), *data, "list", SECTION
    )
    assert code == 0, err  # the listing is stored, from the live portal
    fresh_portal.stop()  # the portal is gone; same address, nothing answers
    code, out, err = run_cli(
        capsys, *archive_args(fake_archive, fresh_portal.url), *data, "read", article
    )
    assert code == 4
    assert out == ""
    # the error, then a line naming the nearest capture of its listing (its section's)
    error, offer = err.strip().splitlines()
    assert "Trang này không có trong kho lưu trữ" in error
    assert offer == (
        f"Bản lưu trữ gần nhất của mục Tin tức - Sự kiện ({fresh_portal.url}{SECTION}):"
        f" ngày 28/06/2025 — {fake_archive.url}/web/{NEWEST}id_/{CANONICAL}{SECTION}"
    )
    # a page whose listing the store does not know: the error alone
    fake_archive.forget(SEED_PATH)
    code, _, err = run_cli(
        capsys, *archive_args(fake_archive, fresh_portal.url), *data, "read", SEED_PATH
    )
    assert code == 4
    assert len(err.strip().splitlines()) == 1


def test_archive_never_and_offline_never_ask_the_archive(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_archive.forbid()
    args = archive_args(fake_archive)
    code, _, err = run_cli(capsys, *args, "--archive", "never", "read", SEED_PATH)
    assert code == 3, err
    code, _, err = run_cli(capsys, *args, "--offline", "read", SEED_PATH)
    assert code == 4, err
    code, _, err = run_cli(capsys, *args, "--offline", "captures", SEED_PATH)
    assert code == 4, err


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "phuly-tui: Chưa có bản lưu (ngoại tuyến): Kho dữ liệu chưa có danh sách"),
        ("en", "phuly-tui: Not stored (offline): No list of the captures of"),
    ],
)
def test_offline_captures_without_a_stored_list_say_so_not_never_captured(
    lang: str, said: str, fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str]
) -> None:
    """Offline, the archive is not asked: "not in the archive" would be a guess."""
    fake_archive.forbid()
    args = archive_args(fake_archive)
    code, out, err = run_cli(capsys, *args, "--lang", lang, "--offline", "captures", SEED_PATH)
    assert (code, out) == (4, "")  # the README: a stored copy missing offline is "not found"
    assert said in err
    assert f"{CLOSED_URL}{SEED_PATH}" in err or f"{CANONICAL}{SEED_PATH}" in err
    assert "không có trong kho lưu trữ" not in err
    assert "not in the archive" not in err
    assert len(err.strip().splitlines()) == 1
    assert fake_archive.requests == []


def test_a_stored_copy_is_shown_first_and_the_archive_not_asked(
    fresh_portal: PortalServer,
    fake_archive: FakeArchive,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    data = ["--data-dir", str(tmp_path / "store")]
    code, _, _ = run_cli(
        capsys, *archive_args(fake_archive, fresh_portal.url), *data, "read", SEED_PATH
    )
    assert code == 0
    fresh_portal.stop()
    fake_archive.forbid()
    code, out, err = run_cli(
        capsys, *archive_args(fake_archive, fresh_portal.url), *data, "read", SEED_PATH, "--json"
    )
    assert code == 0, err
    assert "Đang xem bản lưu" in err
    assert NOTICE not in err
    assert json.loads(out)["source"] == {"kind": "live"}


def test_captures_newest_first_looked_up_once(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str]
) -> None:
    args = archive_args(fake_archive)
    code, out, err = run_cli(capsys, *args, "captures", SEED_PATH, "--json")
    assert code == 0, err
    captures = json.loads(out)
    assert [c["captured"] for c in captures] == [
        "2025-06-28T10:11:12Z",
        "2024-11-03T22:00:00Z",
        "2024-01-15T08:30:00Z",
    ]  # the 404 capture of 01/07/2025 is not one
    assert captures[-1]["url"] == f"{fake_archive.url}/web/{OLDER_STAMP}id_/{CANONICAL}{SEED_PATH}"
    asked = len(fake_archive.requests)
    code, out2, _ = run_cli(capsys, *args, "captures", SEED_PATH, "--json")
    assert code == 0
    assert out2 == out
    assert len(fake_archive.requests) == asked
    code, out, err = run_cli(capsys, *args, "captures", "/Pages/never.aspx", "--json")
    assert code == 4
    assert json.loads(out) == []
    assert "Trang này không có trong kho lưu trữ" in err


def test_a_capture_address_with_control_bytes_reaches_no_terminal(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str]
) -> None:
    """The archive names each capture's original address: outside text like any."""
    hostile = f"{CANONICAL}{SEED_PATH}?a=\x1b]52;c;aGk=\x07\x1b[31m\u202e\x9b2J"
    fake_archive.lookup(CANONICAL + SEED_PATH).append(Capture("20250901000000", hostile, b""))
    args = archive_args(fake_archive)
    code, out, err = run_cli(capsys, *args, "captures", SEED_PATH)
    assert code == 0, err
    assert "%1B]52;c;aGk=%07%1B[31m%E2%80%AE%C2%9B2J" in out
    assert not CONTROL.search(out + err)
    code, out, err = run_cli(capsys, *args, "captures", SEED_PATH, "--json")
    assert code == 0, err
    assert not CONTROL.search(out + err)
    assert "%1B]52" in json.loads(out)[0]["url"]


def test_a_capture_list_stored_raw_by_an_older_version_is_read_in_the_policys_spelling(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Before the URL policy percent-encoded controls (9f297c0), a CDX original was
    stored as the archive sent it.  Such a list, still fresh, is listed without a
    byte a terminal acts on, and reading its capture asks for the policy's spelling
    (it failed as "only http/https" until the list expired)."""
    raw = f"{CANONICAL}{SEED_PATH}?a=\x9b2J\x1b[31m\u202e"
    spelled = f"{CANONICAL}{SEED_PATH}?a=%C2%9B2J%1B[31m%E2%80%AE"
    stamp = "20250901000000"
    body = next(c.body for c in fake_archive.lookup(CANONICAL + SEED_PATH) if c.timestamp == NEWEST)
    fake_archive.captures[surt_key(spelled)] = [Capture(stamp, spelled, body)]
    data = tmp_path / "store"
    with open_store(data) as store:  # the row as the older version wrote it
        store.put_captures(CANONICAL + SEED_PATH, [(stamp, raw)])
    args = [*archive_args(fake_archive), "--data-dir", str(data)]
    for offline in ([], ["--offline"]):
        code, out, err = run_cli(capsys, *args, *offline, "captures", SEED_PATH)
        assert code == 0, err
        assert f"{stamp}id_/{spelled}" in out
        assert not CONTROL.search(out + err)
    assert fake_archive.requests == []  # the stored list is fresh: not asked again
    code, out, err = run_cli(capsys, *args, "read", SEED_PATH, "--json")
    assert code == 0, err
    assert json.loads(out)["source"]["url"] == f"{fake_archive.url}/web/{stamp}id_/{spelled}"
    assert not CONTROL.search(out + err)


def test_an_archived_copy_stored_with_a_raw_capture_address_is_read_back_spelled(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The store keeps, with a page read from the archive, the capture's address:
    one stored before 9f297c0 holds the original raw, and is read back spelled."""
    data = tmp_path / "store"
    args = [*archive_args(fake_archive), "--data-dir", str(data)]
    code, out, err = run_cli(capsys, *args, "read", SEED_PATH, "--json")
    assert code == 0, err
    replay = json.loads(out)["source"]["url"]
    with open_store(data) as store:
        raw = sqlite3.connect(store.path)
        with raw:
            raw.execute("UPDATE pages SET capture_url = capture_url || '?a=' || char(155, 27)")
        raw.close()
    code, out, err = run_cli(capsys, *args, "--offline", "read", SEED_PATH, "--json")
    assert code == 0, err
    assert json.loads(out)["source"]["url"] == replay + "?a=%C2%9B%1B"


def test_a_429_is_waited_out_said_and_the_read_resumes(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_archive.throttle(1)
    code, out, err = run_cli(capsys, *archive_args(fake_archive), "read", SEED_PATH, "--json")
    assert code == 0, err
    assert "Internet Archive yêu cầu chờ 1 giây" in err
    assert json.loads(out)["source"]["kind"] == "archive"
    assert [r.status for r in fake_archive.requests] == [429, 200, 200]
    # and the fake saw nothing during the Retry-After (it fails the test otherwise)


def test_a_page_gives_up_at_once_when_the_archive_asks_for_too_long(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_archive.throttle(500)
    code, _out, err = run_cli(capsys, *archive_args(fake_archive), "read", SEED_PATH)
    assert code == 3
    assert "120" in err
    assert "Internet Archive" in err
    assert len(fake_archive.requests) == 1
    assert shared_bucket(15).held_for > 400  # nothing more is sent for the process


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "Internet Archive trả lời “quá nhiều yêu cầu” 3 lần liền cho "),
        ("en", "The Internet Archive answered “too many requests” 3 times in a row for "),
    ],
)
def test_an_archive_answering_429_again_and_again_is_asked_less_and_less_then_left(
    lang: str, said: str, fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fake answers 429 (Retry-After 1) to every request: each hold doubles the
    one before (1 s, 2 s), and after the third 429 the read stops with one line that
    names the page — not the archive's API address — and how long nothing is sent."""
    fake_archive.throttle(*[1] * 10)
    args = [*archive_args(fake_archive), "--lang", lang]
    code, out, err = run_cli(capsys, *args, "captures", SEED_PATH)
    assert (code, out) == (3, "")
    statuses = [r.status for r in fake_archive.requests]
    assert statuses == [429, 429, 429]  # three requests, then nothing
    first, second, third = (r.at for r in fake_archive.requests)
    assert second - first >= 0.9  # the Retry-After …
    assert third - second >= 1.9  # … then twice that
    lines = err.strip().splitlines()
    assert len([line for line in lines if "phuly-tui:" in line]) == 1
    final = lines[-1]
    assert said in final
    assert f"{CANONICAL}{SEED_PATH};" in final
    assert "/cdx/search" not in err
    assert shared_bucket(15).held_for > 2  # still closed: the next read waits it out
    # the fake saw no request during a Retry-After (it fails the test otherwise)


def test_sync_from_archive_keeps_to_the_rate_and_resumes(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 5 requests a "minute" of 0.4 s: the limiter is the same, the window short
    window = 0.4
    shared_bucket(5).configure(5, window=window)
    fake_archive.window, fake_archive.limit = window, 5
    args = [*archive_args(fake_archive), "--archive-rate", "5", "--data-dir", str(tmp_path / "s")]
    code, out, err = run_cli(
        capsys, *args, "sync", "--from-archive", "--sections", SECTION, "--pages", "1", "--json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["new"] == 10
    assert report["failed"] == 0
    # the home page (to find the section), the listing and its ten articles
    assert fake_archive.count("/web/") == 12
    assert fake_archive.max_in_window() <= 5
    asked = len(fake_archive.requests)
    code, out, err = run_cli(
        capsys, *args, "sync", "--from-archive", "--sections", SECTION, "--pages", "1", "--json"
    )
    assert code == 0
    assert json.loads(out)["unchanged"] == 10
    assert len(fake_archive.requests) == asked  # resumed: nothing asked again
    code, out, err = run_cli(capsys, *args, "--offline", "read", SEED_PATH.replace("ban-chi", "x"))
    assert code == 4


SYNC_NOTICE = "Cổng thông tin không trả lời: đồng bộ từ Internet Archive"
#: archive requests a "minute" of 0.3 s in the sync tests: the limiter is the same
SYNC_RATE = 20


def paced_args(archive: FakeArchive, base: str, data: Path, *more: str) -> list[str]:
    """:func:`archive_args` for a sync, with a minute shrunk to 0.3 s (the fake
    counts the requests in every such window)."""
    shared_bucket(SYNC_RATE).configure(SYNC_RATE, window=0.3)
    archive.window, archive.limit = 0.3, SYNC_RATE
    rate = ("--archive-rate", str(SYNC_RATE))
    return [*archive_args(archive, base), *rate, "--data-dir", str(data), *more]


def test_sync_with_the_portal_down_reads_the_archive_by_itself(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``archive = auto``: a plain ``sync`` with the portal unreachable does what
    ``sync --from-archive`` does — said in one line on stderr, within the rate,
    a 429 waited out and said — as the app's sync does."""
    args = paced_args(fake_archive, CLOSED_URL, tmp_path / "s")
    fake_archive.throttle(1)  # the first archive request: 429, Retry-After 1
    code, out, err = run_cli(capsys, *args, "sync", "--pages", "1", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["failed"] == 0, report["errors"]
    assert report["new"] > 20  # the articles of every section's first page
    said = [line for line in err.splitlines() if SYNC_NOTICE in line]
    assert len(said) == 1, err
    assert "Không kết nối được tới cổng thông tin" in said[0]  # why, on the same line
    assert "Internet Archive yêu cầu chờ 1 giây" in err  # the 429's wait is visible
    assert fake_archive.max_in_window() <= SYNC_RATE
    # every listing and article came from a capture: one /web/ fetch per page
    assert fake_archive.count(f"/web/{NEWEST}id_/") >= 1 + report["new"]
    # resumable like --from-archive: a second run asks the archive for nothing
    asked = len(fake_archive.requests)
    code, out, err = run_cli(capsys, *args, "sync", "--pages", "1", "--json")
    assert code == 0, err
    assert json.loads(out)["failed"] == 0
    assert len(fake_archive.requests) == asked


def test_sync_of_named_sections_with_the_portal_down_says_so_in_english(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = paced_args(fake_archive, CLOSED_URL, tmp_path / "s", "--lang", "en")
    code, out, err = run_cli(capsys, *args, "sync", "--sections", SECTION, "--pages", "1", "--json")
    assert code == 0, err
    assert json.loads(out)["new"] == 10
    assert "The portal does not answer: syncing from the Internet Archive" in err
    assert SYNC_NOTICE not in err
    assert fake_archive.count(f"/web/{NEWEST}id_/{CANONICAL}{SECTION}") == 1


def test_sync_with_archive_always_never_asks_the_portal(
    fresh_portal: PortalServer,
    fake_archive: FakeArchive,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    args = paced_args(fake_archive, fresh_portal.url, tmp_path, "--archive", "always")
    code, out, err = run_cli(capsys, *args, "sync", "--sections", SECTION, "--pages", "1", "--json")
    assert code == 0, err
    assert json.loads(out)["new"] == 10
    assert "Đồng bộ từ Internet Archive (archive = always" in err
    assert fresh_portal.requests == []


@pytest.mark.parametrize("setting", [("--archive", "never"), ("--offline",)], ids=str)
def test_sync_with_archive_never_or_offline_does_not_ask_the_archive(
    setting: tuple[str, ...],
    fake_archive: FakeArchive,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    fake_archive.forbid()  # any request to it fails the test
    args = [*archive_args(fake_archive), *setting, "--data-dir", str(tmp_path / "s")]
    code, _out, err = run_cli(capsys, *args, "sync", "--pages", "1", "--json")
    assert code != 0  # nothing to sync from
    assert SYNC_NOTICE not in err
    assert fake_archive.requests == []


def test_sync_with_the_portal_up_asks_its_home_page_once_and_not_the_archive(
    fresh_portal: PortalServer,
    fake_archive: FakeArchive,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Deciding where to read costs nothing: the sync's own home request decides."""
    fake_archive.forbid()
    args = [*archive_args(fake_archive, fresh_portal.url), "--data-dir", str(tmp_path / "s")]
    code, out, err = run_cli(capsys, *args, "sync", "--pages", "1", "--json")
    assert code == 0, err
    assert json.loads(out)["failed"] == 0
    assert SYNC_NOTICE not in err
    homes = [target for _m, target, _s in fresh_portal.requests if target in ("/", "")]
    assert len(homes) == 1, fresh_portal.requests[:5]


def test_export_of_an_archived_page_cites_the_capture(
    fake_archive: FakeArchive, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, *archive_args(fake_archive), "export", SEED_PATH, "-o", "-")
    assert code == 0, err
    capture = f"{fake_archive.url}/web/{NEWEST}id_/{CANONICAL}{SEED_PATH}"
    assert f"Nguồn: <{CANONICAL}{SEED_PATH}>" in out  # the portal's own address
    assert f"{NOTICE} — <{capture}>" in out


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--archive", "sometimes"),
        ("--archive-rate", "61"),
        ("--archive-rate", "0"),
        ("--archive-url", "ftp://x"),
    ],
)
def test_bad_archive_settings_are_usage_errors(
    flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_cli(capsys, flag, value, "read", SEED_PATH)  # argparse may refuse
    assert code == 2
    assert err
