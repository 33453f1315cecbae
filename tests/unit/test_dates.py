"""Vietnamese date lines → ISO (phuly_tui.parse.dates)."""

from __future__ import annotations

import unicodedata

import pytest

from phuly_tui.parse.dates import (
    DATE_PATTERN,
    parse_vn_date_only,
    parse_vn_datetime,
    split_title_date,
)


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # year first (ISO with "-" already worked; "/" and "." are the same order)
        ("2024/10/10", "2024-10-10"),
        ("2024/10/10 08:30", "2024-10-10T08:30"),
        ("2024/6/5", "2024-06-05"),
        ("2024.10.10", "2024-10-10"),
        ("Ngày đăng: 2024.10.10 | 14:05", "2024-10-10T14:05"),
        ("2024-10-10", "2024-10-10"),
        ("2024-10-10 08:30", "2024-10-10T08:30"),
        ("2024-10-10 08:30 PM", "2024-10-10T20:30"),  # the time beside ISO reads its marker
        # the hour with "h" and no minutes
        ("10/10/2024 lúc 8h", "2024-10-10T08:00"),
        ("10/10/2024, 8h sáng", "2024-10-10T08:00"),
        ("10/10/2024 - 8h tối", "2024-10-10T20:00"),
        ("10/10/2024 20h", "2024-10-10T20:00"),
        ("Thứ Năm, 10/10/2024 (20h)", "2024-10-10T20:00"),
        # words, a comma before the year (CLDR's Vietnamese "d MMMM, y")
        ("10 tháng 10, 2024", "2024-10-10"),
        ("ngày 10 tháng 10, 2024", "2024-10-10"),
        ("Thứ Năm, 10 tháng 10, 2024 08:30", "2024-10-10T08:30"),
        ("10 tháng 10 năm 2024", "2024-10-10"),
        ("10 THÁNG 10, 2024", "2024-10-10"),
        # the month by name (.NET's vi-VN "Tháng Mười")
        ("Tháng Mười 10, 2024", "2024-10-10"),
        ("Tháng Mười Hai 5, 2024", "2024-12-05"),
        ("Tháng Giêng 5, 2025", "2025-01-05"),
        ("Tháng Tư 30, 2024 9:15 SA", "2024-04-30T09:15"),
        ("10 Tháng Mười 2024", "2024-10-10"),
        ("05 Tháng Mười Một 2024", "2024-11-05"),
        ("Tháng Năm 9, 2024", "2024-05-09"),
        ("10 tháng Bảy 2024", "2024-07-10"),
        ("10 tháng Ba, 2024", "2024-03-10"),
        # a SharePoint site left in English
        ("October 10, 2024", "2024-10-10"),
        ("Oct 10, 2024", "2024-10-10"),
        ("Oct. 10, 2024", "2024-10-10"),
        ("Sept 3, 2024", "2024-09-03"),
        ("10 October 2024", "2024-10-10"),
        ("Thursday, October 10, 2024 8:30 AM", "2024-10-10T08:30"),
        ("October 10, 2024 8:30 PM", "2024-10-10T20:30"),
        ("Published: 10 Oct 2024, 10:05", "2024-10-10T10:05"),
    ],
)
def test_forms_of_other_templates_and_locales(text: str, expected: str) -> None:
    assert parse_vn_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10/11/2024", "2024-11-10"),  # day first: 10 November, never October 11
        ("10/11/24", "2024-11-10"),
        ("Cập nhật: 12/03/2024 | Ngày đăng: 2024/03/11", "2024-03-11"),
        ("Quyết định số 1234/QĐ-UBND ngày 10/10/2024", "2024-10-10"),
        ("Nghị định 15/2024/NĐ-CP ngày 20/3/2024 của Chính phủ", "2024-03-20"),
        ("10/10/2024 - Diện tích 8ha", "2024-10-10"),  # hectares, not an hour
        ("10/10/2024 - 25h", "2024-10-10"),  # no such hour
        ("10/10/2024 10 giờ", "2024-10-10T10:00"),
        ("14.06.2024", "2024-06-14"),
        ("14.6.2024", "2024-06-14"),
        ("14.06.24", "2024-06-14"),
    ],
)
def test_new_forms_keep_the_vietnamese_readings(text: str, expected: str) -> None:
    assert parse_vn_datetime(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2024",
        "00/01/2024",
        "15/13/2024",
        "",
        "hôm nay",
        "123",
        "2024/02/31",  # year first, no such day
        "2024.13.01",
        "October 32, 2024",
        "31 tháng 2, 2024",
        "Tháng Mười 32, 2024",
    ],
)
def test_invalid_or_missing(text: str) -> None:
    assert parse_vn_datetime(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "15/2024/NĐ-CP",  # a document number, with its year
        "Nghị định số 15/2024/NĐ-CP",
        "Quyết định số 1234/QĐ-UBND",
        "Số: 2024/10/QĐ-UBND",
        "Phiên bản 1.2.24",  # a version number
        "v1.2.24",
        "Phiên bản 2024.10.1",
        "Phiên bản 2.10.10.2024",
        "Điện thoại: 0226.3852.701",
        "Đường dây nóng: 0913.10.10.24",
        "IP 10.10.10.10",
        "Tháng 10, 2024",  # a month, not a day
        "Tháng 10/2024",
        "8h sáng",  # a time without a day
        "20h",
        "Trong 12 tháng 10 năm qua",
        "Kết quả 9 tháng năm 2024",  # the nine months of 2024, not 9 May
        "Sơ kết 6 tháng năm 2024 của thành phố",
        "Nhà máy 10 2024",
        "Nhà máy số 10, 2024 công nhân",
        "May 2024",
        "1234/10/2024",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
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
        ("Bài X (2024/10/10)", ("Bài X", "2024-10-10")),
        ("Bài X [2024.10.10]", ("Bài X", "2024-10-10")),
        ("Bài X - 2024-10-10", ("Bài X", "2024-10-10")),
        ("Bài X (2024/02/31)", ("Bài X (2024/02/31)", None)),
        ("Bài X (Oct 10, 2024)", ("Bài X", "2024-10-10")),
        ("Bài X (10 tháng 10, 2024)", ("Bài X", "2024-10-10")),
        ("Bài X (Tháng Mười 10, 2024)", ("Bài X", "2024-10-10")),
        ("Bài X (số 15/2024/NĐ-CP)", ("Bài X (số 15/2024/NĐ-CP)", None)),
        ("Phần mềm X - 2.1.24", ("Phần mềm X - 2.1.24", None)),  # a version
        ("Bài X (v1.2.24)", ("Bài X (v1.2.24)", None)),
    ],
)
def test_a_date_at_the_end_of_a_link_text(shown: str, split: tuple[str, str | None]) -> None:
    assert split_title_date(shown) == split


@pytest.mark.parametrize(
    "text",
    [
        "2024/10/10",
        "2024.10.10",
        "10 tháng 10, 2024",
        "Tháng Mười 10, 2024",
        "10 Tháng Mười 2024",
        "October 10, 2024",
        "Oct 10, 2024",
        "10 October 2024",
        "Thursday, OCTOBER 10, 2024",
        "NGÀY 10 THÁNG 10 NĂM 2024",
        "10 Tháng 10, 2024",
        "Tháng Tư 30, 2024",
    ],
)
def test_the_quick_date_test_sees_the_new_forms(text: str) -> None:
    """Date lines are looked for with DATE_PATTERN before they are parsed."""
    assert DATE_PATTERN.search(text) is not None
    assert parse_vn_datetime(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Nhà máy xi măng",
        "Tháng Thanh niên",
        "Ngày hội Đại đoàn kết",
        "Xem thêm",
        "Kết quả 9 Tháng Năm 2024",
        "Tháng Ba 2024",
    ],
)
def test_the_quick_date_test_passes_over_words(text: str) -> None:
    assert DATE_PATTERN.search(text) is None
