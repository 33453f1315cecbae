"""``search QUERY --section S --since D --until D`` against articles stored by ``sync``.

Issue 11, item 13: the filters narrow the search in SQL before the limit, both
day bounds are inclusive (articles carry a time: ``2024-06-03T17:10`` is on the
3rd), a section is named as ``list SECTION`` takes it, a bad date is bad usage
(exit 2, one line) and nothing found is no error (``[]``, or one line on stderr
pointing at ``phuly-tui sync``).
"""

from __future__ import annotations

import json

import pytest

from phuly_tui.cli import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE
from tests.support.cli import run_cli
from tests.support.portal_server import PortalServer

KINH_TE_2024 = {
    "Thành phố Phủ Lý có thêm 5 sản phẩm đạt chuẩn OCOP",
    "Thu ngân sách 9 tháng năm 2024 của thành phố Phủ Lý đạt khá",
    "Nông dân xã Phù Vân thu hoạch lúa xuân, năng suất đạt khoảng 65 tạ/ha",
    "Bảo đảm cung ứng hàng hóa phục vụ Nhân dân dịp Tết Nguyên đán Giáp Thìn 2024",
}
JUNE_3 = "Nông dân xã Phù Vân thu hoạch lúa xuân, năng suất đạt khoảng 65 tạ/ha"
JUNE_27 = "Đại hội đại biểu MTTQ Việt Nam thành phố Phủ Lý nhiệm kỳ 2024 - 2029"
TET = "Bảo đảm cung ứng hàng hóa phục vụ Nhân dân dịp Tết Nguyên đán Giáp Thìn 2024"


@pytest.fixture
def synced(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> str:
    """Kinh tế and Chính trị stored (five articles each); the portal's URL."""
    code, _, err = run_cli(
        capsys, "--base-url", portal.url, "sync", "--sections", "kinh-te", "chinh-tri",
        "--pages", "1",
    )  # fmt: skip
    assert code == EXIT_OK, err
    return portal.url


def titles(capsys: pytest.CaptureFixture[str], base: str, *argv: str) -> list[str]:
    code, out, err = run_cli(capsys, "--base-url", base, "search", *argv, "--json")
    assert code == EXIT_OK, err
    return [hit["title"] for hit in json.loads(out)]


def test_without_filters_both_sections_are_found(
    synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = titles(capsys, synced, "2024", "--limit", "50")
    assert set(found) > KINH_TE_2024
    assert JUNE_27 in found


@pytest.mark.parametrize("section", ["kinh-te", "Kinh tế", "kinh te", "/Pages/kinh-te.aspx"])
def test_section_filter(section: str, synced: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert set(titles(capsys, synced, "2024", "--section", section)) == KINH_TE_2024


def test_the_limit_applies_inside_the_section(
    synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the best three overall include Chính trị articles: filtering after the limit
    # would return fewer than three
    found = titles(capsys, synced, "2024", "--section", "kinh-te", "--limit", "3")
    assert len(found) == 3
    assert set(found) < KINH_TE_2024


def test_both_day_bounds_are_inclusive(synced: str, capsys: pytest.CaptureFixture[str]) -> None:
    found = titles(capsys, synced, "2024", "--since", "2024-06-03", "--until", "2024-06-27")
    assert set(found) == {JUNE_3, JUNE_27}


def test_days_as_vietnamese_write_them(synced: str, capsys: pytest.CaptureFixture[str]) -> None:
    found = titles(capsys, synced, "2024", "--since", "03/06/2024", "--until", "27/06/2024")
    assert set(found) == {JUNE_3, JUNE_27}


def test_only_one_bound(synced: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert set(titles(capsys, synced, "2024", "--until", "2024-06-03")) == {TET, JUNE_3}
    assert JUNE_3 not in titles(capsys, synced, "2024", "--since", "2024-06-04")


def test_section_and_dates_together(synced: str, capsys: pytest.CaptureFixture[str]) -> None:
    found = titles(
        capsys, synced, "2024", "--section", "kinh-te",
        "--since", "2024-01-01", "--until", "2024-06-30",
    )  # fmt: skip
    assert set(found) == {TET, JUNE_3}


@pytest.mark.parametrize(
    "argv",
    [
        ("--since", "2024-02-30"),
        ("--until", "hôm qua"),
        ("--since", "2024-13-01"),
        ("--since", "2024-07-01", "--until", "2024-06-01"),
    ],
)
def test_a_bad_date_is_bad_usage_in_one_line(
    argv: tuple[str, ...], synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "--base-url", synced, "search", "2024", *argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "ngày" in err.lower()


def test_an_unknown_section_is_not_found_as_in_list(
    synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "--base-url", synced, "search", "2024", "--section", "khong-co")
    assert code == EXIT_NOT_FOUND
    assert out == ""


def test_nothing_found_is_an_empty_json_list(
    synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        capsys, "--base-url", synced, "search", "2024", "--since", "2025-01-01", "--json"
    )
    assert (code, json.loads(out), err) == (EXIT_OK, [], "")


def test_nothing_found_says_so_and_suggests_sync(
    synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "--base-url", synced, "search", "khongcochunay")
    assert code == EXIT_OK
    assert out == ""
    [line] = err.strip().splitlines()
    assert "phuly-tui sync" in line
