"""Vietnamese date lines → ISO (phuly_tui.parse.dates)."""

from __future__ import annotations

import unicodedata

import pytest

from phuly_tui.parse.dates import parse_vn_date_only, parse_vn_datetime, split_title_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/06/2024", "2024-06-14"),
        ("14/6/2024", "2024-06-14"),
        ("Thứ Sáu, 14/06/2024 | 08:30", "2024-06-14T08:30"),
        ("Ngày 14 tháng 6 năm 2024", "2024-06-14"),
        ("Ngày 14 tháng 6 năm 2024, 10 giờ 30", "2024-06-14T10:30"),
        ("14-6-2024 | 08:30", "2024-06-14T08:30"),
        ("14.06.2024", "2024-06-14"),
        ("27/09/2024 14:10", "2024-09-27T14:10"),
        ("Ngày đăng: 14/06/2024", "2024-06-14"),
        ("Cập nhật lúc 10:30, ngày 15/01/2024", "2024-01-15T10:30"),
        ("Cập nhật: 15/01/2024", "2024-01-15"),
        ("14/06/2024 08:30:59", "2024-06-14T08:30"),
        ("14/06/2024 08h30", "2024-06-14T08:30"),
        ("14/06/24", "2024-06-14"),
        ("(06/06/2024)", "2024-06-06"),
        ("2024-06-14T08:30:00+07:00", "2024-06-14T08:30"),
    ],
)
def test_formats(text: str, expected: str) -> None:
    assert parse_vn_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/06/2024 02:05:09 CH", "2024-06-14T14:05"),
        ("14/06/2024 2:05 CH", "2024-06-14T14:05"),
        ("14/06/2024 9:15 SA", "2024-06-14T09:15"),
        ("14/06/2024 12:10 SA", "2024-06-14T00:10"),
        ("14/06/2024 12:10 CH", "2024-06-14T12:10"),
        ("14/06/2024 08:30 PM", "2024-06-14T20:30"),
        ("14/06/2024 08:30 AM", "2024-06-14T08:30"),
        ("14/06/2024 13:30 CH", "2024-06-14"),  # 13 o'clock PM is not a time: date only
    ],
)
def test_twelve_hour_clock(text: str, expected: str) -> None:
    assert parse_vn_datetime(text) == expected


def test_publication_date_wins_over_update() -> None:
    line = "Ngày đăng: 12/03/2024 08:00 | Cập nhật: 13/03/2024 09:15"
    assert parse_vn_datetime(line) == "2024-03-12T08:00"
    reversed_line = "Cập nhật: 13/03/2024 09:15 - Ngày đăng: 12/03/2024 07:00"
    assert parse_vn_datetime(reversed_line) == "2024-03-12T07:00"


def test_labels_match_in_decomposed_unicode() -> None:
    line = unicodedata.normalize("NFD", "Ngày đăng: 12/03/2024 | Cập nhật: 13/03/2024")
    assert parse_vn_datetime(line) == "2024-03-12"


@pytest.mark.parametrize("text", ["31/02/2024", "00/01/2024", "15/13/2024", "", "hôm nay", "123"])
def test_invalid_or_missing(text: str) -> None:
    assert parse_vn_datetime(text) is None


def test_date_only_drops_time() -> None:
    assert parse_vn_date_only("Thứ Sáu, 14/06/2024 | 08:30") == "2024-06-14"
    assert parse_vn_date_only(None) is None


@pytest.mark.parametrize(
    ("shown", "split"),
    [
        ("Bài X (02/12/2024)", ("Bài X", "2024-12-02")),
        ("Bài X [02-12-2024]", ("Bài X", "2024-12-02")),
        ("Bài X - 2/12/24", ("Bài X", "2024-12-02")),
        ("Bài X – 02.12.2024", ("Bài X", "2024-12-02")),
        ("Bài X (31/02/2024)", ("Bài X (31/02/2024)", None)),  # no such day
        ("Lịch nghỉ ngày 02/12/2024", ("Lịch nghỉ ngày 02/12/2024", None)),
        ("(02/12/2024)", ("(02/12/2024)", None)),  # nothing would be left of the title
        ("Năm 2024", ("Năm 2024", None)),
    ],
)
def test_a_date_at_the_end_of_a_link_text(shown: str, split: tuple[str, str | None]) -> None:
    assert split_title_date(shown) == split
