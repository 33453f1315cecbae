"""Bad input on the command line: one clear line on stderr, non-zero exit, no traceback."""

from __future__ import annotations

import pytest

from phuly_tui.cli import EXIT_NETWORK, EXIT_NOT_FOUND, EXIT_USAGE
from tests.conftest import CLOSED_URL
from tests.support.cli import run_cli, run_installed
from tests.support.portal_server import PortalServer

SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"


def assert_one_clear_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("phuly-tui: ")


def test_not_found(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--base-url", portal.url, "read", "/Pages/khong-co.aspx")
    assert code == EXIT_NOT_FOUND
    assert out == ""
    assert_one_clear_line(err)
    assert "404" in err


def test_portal_unreachable(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_cli(capsys, "--base-url", CLOSED_URL, "--timeout", "2", "read", SEED)
    assert code == EXIT_NETWORK
    assert_one_clear_line(err)
    assert "Không kết nối được" in err


def test_unreachable_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_cli(capsys, "--lang", "en", "--base-url", CLOSED_URL, "sections")
    assert code == EXIT_NETWORK
    assert "Could not connect" in err


@pytest.mark.parametrize("value", ["khong-phai-url", "ftp://example.org/x", "javascript:alert(1)"])
def test_not_a_url(value: str, portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_cli(capsys, "--base-url", portal.url, "read", value)
    assert code in {EXIT_USAGE, EXIT_NETWORK}
    assert_one_clear_line(err)


def test_unknown_section(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_cli(capsys, "--base-url", portal.url, "list", "Thể thao điện tử")
    assert code == EXIT_NOT_FOUND
    assert_one_clear_line(err)
    assert "Thể thao điện tử" in err


def test_not_an_article(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_cli(capsys, "--base-url", portal.url, "read", "/Pages/kinh-te.aspx")
    assert code == EXIT_NOT_FOUND
    assert_one_clear_line(err)


def test_section_by_name_without_accents(
    portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "--base-url", portal.url, "list", "van hoa xa hoi", "--plain")
    assert code == 0, err
    assert out.splitlines()[0].startswith("Văn hóa - Xã hội")


def test_section_by_slug_and_page(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        capsys, "--base-url", portal.url, "list", "tin-tuc-su-kien", "--page", "2", "--json"
    )
    assert code == 0, err
    assert '"page": 2' in out


def test_plain_read_has_placeholders(
    portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "--base-url", portal.url, "read", SEED, "--plain")
    assert code == 0, err
    assert "[Ảnh 1/6: 484_8613.00_00_35_03.Still058.jpg]" in out
    assert "[Ảnh 6/6:" in out
    assert "Tin liên quan" in out
    assert "\x1b" not in out


def test_markdown_read(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--base-url", portal.url, "read", SEED, "--markdown")
    assert code == 0, err
    assert out.startswith("# Ban chỉ đạo 35 TP Phủ Lý")
    assert "## Tin liên quan" in out


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "vi",
            "phuly-tui: Chưa có bản lưu (ngoại tuyến): Kho dữ liệu chưa có {url};"
            " chế độ ngoại tuyến không dùng mạng.",
        ),
        (
            "en",
            "phuly-tui: Not stored (offline): {url} is not in the data store,"
            " and offline mode does not use the network.",
        ),
    ],
)
def test_an_offline_miss_is_titled_as_one_not_as_a_connection_error(lang: str, line: str) -> None:
    """Offline, nothing is connected: the title was "Lỗi kết nối" (exit 4, not 3)."""
    proc = run_installed("--lang", lang, "--offline", "read", "/Pages/x.aspx")
    assert proc.returncode == EXIT_NOT_FOUND
    assert proc.stdout == ""
    assert proc.stderr == line.format(url=f"{CLOSED_URL}/Pages/x.aspx") + "\n"


def test_the_page_of_a_misspelt_section_is_not_found_not_a_bad_request(
    capsys: pytest.CaptureFixture[str], portal: PortalServer
) -> None:
    """Its exit code said "not found" (4) while its title said "Yêu cầu không hợp lệ"."""
    code, _out, err = run_cli(capsys, "--base-url", portal.url, "list", "khong co muc nay")
    assert code == EXIT_NOT_FOUND
    assert err.startswith("phuly-tui: Không tìm thấy: Không có chuyên mục “khong co muc nay”")
