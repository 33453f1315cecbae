"""The archive's pure parts: the Wayback APIs' answers, the shared bucket, the wait budget."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phuly_tui.archive.pacing import (
    DEFAULT_HOLD,
    MAX_HOLD,
    ArchiveBucket,
    WaitBudget,
    hold_after_429,
    shared_bucket,
)
from phuly_tui.archive.wayback import (
    Capture,
    canonical_page_url,
    cdx_url,
    parse_available,
    parse_cdx,
    timestamp_in,
    vietnam_time,
)
from phuly_tui.config import load_config
from phuly_tui.errors import ArchiveBusyError, ConfigError


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_archive_is_asked_for_the_canonical_address_whatever_the_base() -> None:
    assert (
        canonical_page_url("http://127.0.0.1:8123/Pages/a.aspx?Page=2#x")
        == "https://phuly.hanam.gov.vn/Pages/a.aspx?Page=2"
    )
    query = cdx_url("https://web.archive.org/", "http://mirror.example/Pages/a.aspx")
    assert query.startswith("https://web.archive.org/cdx/search/cdx?")
    assert "url=https%3A%2F%2Fphuly.hanam.gov.vn%2FPages%2Fa.aspx" in query
    assert "filter=statuscode%3A200" in query
    assert "output=json" in query


def test_cdx_rows_after_the_header_newest_first_only_status_200() -> None:
    rows = [
        ["timestamp", "original", "statuscode", "mimetype"],
        ["20240115083000", "https://phuly.hanam.gov.vn/", "200", "text/html"],
        ["20250628101112", "https://phuly.hanam.gov.vn/", "200", "text/html"],
        ["20250701000000", "https://phuly.hanam.gov.vn/", "404", "text/html"],
        ["junk", "https://phuly.hanam.gov.vn/", "200", "text/html"],
    ]
    captures = parse_cdx(json.dumps(rows).encode())
    assert captures == [
        Capture("20250628101112", "https://phuly.hanam.gov.vn/"),
        Capture("20240115083000", "https://phuly.hanam.gov.vn/"),
    ]
    assert parse_cdx(b"[]") == []
    assert parse_cdx(b"<html>") is None
    assert parse_cdx(b'{"a": 1}') is None


def test_capture_dates_json_in_utc_shown_in_vietnam() -> None:
    capture = Capture("20250628171112", "https://phuly.hanam.gov.vn/")
    assert capture.captured_iso == "2025-06-28T17:11:12Z"
    assert capture.local_date == "29/06/2025"  # 00:11 on the 29th in Hà Nội
    assert capture.local_time == "29/06/2025 00:11"
    assert vietnam_time(capture.captured.timestamp()) == "29/06/2025 00:11"
    assert capture.replay_url("http://a.test") == (
        "http://a.test/web/20250628171112id_/https://phuly.hanam.gov.vn/"
    )


def test_availability_answer_and_the_empty_one() -> None:
    answer = {
        "url": "phuly.hanam.gov.vn/",
        "archived_snapshots": {
            "closest": {
                "status": "200",
                "available": True,
                "url": "http://web.archive.org/web/20250628101112/https://phuly.hanam.gov.vn/",
                "timestamp": "20250628101112",
            }
        },
    }
    found = parse_available(json.dumps(answer).encode(), "http://127.0.0.1:1/")
    assert found == Capture("20250628101112", "https://phuly.hanam.gov.vn/")
    assert parse_available(b'{"url": "x", "archived_snapshots": {}}', "/") is None
    assert parse_available(b"{}", "/") is None


def test_timestamp_of_a_redirected_replay_url() -> None:
    assert timestamp_in("http://a.test/web/20240115083000id_/https://x/") == "20240115083000"
    assert timestamp_in("http://a.test/other") is None


def test_bucket_allows_rate_per_window_counted_from_the_end_of_each_request() -> None:
    clock = Clock()
    bucket = ArchiveBucket(3, window=60.0, clock=clock)
    first = bucket.try_take()
    assert first is not None
    clock.now += 100  # a request still on its way: nothing else goes (one at a time)
    assert bucket.try_take() is None
    assert bucket.wait_needed()[0] < 1
    bucket.give_back(first)
    for _ in range(2):
        token = bucket.try_take()
        assert token is not None
        bucket.give_back(token)
    assert bucket.try_take() is None  # three within the window
    assert bucket.wait_needed() == (60.0, "rate")
    clock.now += 59.5
    assert bucket.try_take() is None
    clock.now += 0.5
    assert bucket.try_take() is not None


def test_a_429_holds_every_request_for_retry_after_or_a_minute() -> None:
    assert hold_after_429(None) == DEFAULT_HOLD == 60.0
    assert hold_after_429("7") == 7.0
    assert hold_after_429("0") >= 1.0  # never "at once"
    clock = Clock()
    bucket = ArchiveBucket(60, clock=clock)
    bucket.hold(hold_after_429(None))
    assert bucket.try_take() is None
    assert bucket.wait_needed() == (60.0, "retry_after")
    bucket.hold(5)  # a shorter hold does not shorten the one set
    clock.now += 59
    assert bucket.try_take() is None
    clock.now += 1
    assert bucket.try_take() is not None


def test_429s_in_a_row_double_the_hold_until_another_answer() -> None:
    clock = Clock()
    bucket = ArchiveBucket(60, clock=clock)
    assert [bucket.strike("5") for _ in range(4)] == [5.0, 10.0, 20.0, 40.0]
    assert bucket.strikes == 4
    assert bucket.wait_needed() == (40.0, "retry_after")
    bucket.answered()
    assert (bucket.strikes, bucket.strike("5")) == (0, 5.0)
    for _ in range(20):
        bucket.strike(None)
    assert bucket.held_for == MAX_HOLD  # never longer than the archive's own block


def test_a_page_gives_up_at_once_when_the_wait_passes_its_budget() -> None:
    budget = WaitBudget(120)
    budget.spend(100, "u")
    with pytest.raises(ArchiveBusyError) as caught:
        budget.spend(30, "u")
    assert "120" in caught.value.message
    WaitBudget(None).spend(10_000, "u")  # a sync goes on


def test_one_bucket_per_process() -> None:
    first = shared_bucket(15)
    assert shared_bucket(20) is first
    assert first.rate == 20


def test_archive_settings_from_file_environment_and_their_checks(tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text(
        'archive = "always"\narchive_url = "http://127.0.0.1:1/"\narchive_rate = 24\n',
        encoding="utf-8",
    )
    config = load_config(config_file, environ={})
    assert (config.archive, config.archive_url, config.archive_rate) == (
        "always",
        "http://127.0.0.1:1",
        24,
    )
    assert load_config(tmp_path / "none.toml", environ={}).archive == "auto"
    assert load_config(tmp_path / "none.toml", environ={}).archive_rate == 15
    env = {"PHULY_TUI_ARCHIVE": "NEVER", "PHULY_TUI_ARCHIVE_RATE": "60"}
    assert load_config(tmp_path / "none.toml", environ=env).archive == "never"
    for bad in (
        {"PHULY_TUI_ARCHIVE": "sometimes"},
        {"PHULY_TUI_ARCHIVE_RATE": "61"},
        {"PHULY_TUI_ARCHIVE_RATE": "0"},
        {"PHULY_TUI_ARCHIVE_RATE": "fast"},
        {"PHULY_TUI_ARCHIVE_RATE": "2.5"},
        {"PHULY_TUI_ARCHIVE_RATE": "nan"},
        {"PHULY_TUI_ARCHIVE_RATE": "inf"},
        {"PHULY_TUI_ARCHIVE_URL": "file:///etc"},
    ):
        with pytest.raises(ConfigError):
            load_config(tmp_path / "none.toml", environ=bad)
