"""Export: the seed article as Markdown and text equals the reviewed expected files."""

from __future__ import annotations

from pathlib import Path

import pytest

from phuly_tui.cli import main
from phuly_tui.export import MAX_STEM, export_filename, write_export
from phuly_tui.model import Article
from tests.support.portal_server import FIXTURE_DIR, PortalServer

EXPECTED = FIXTURE_DIR.parent / "expected"
SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
CANONICAL = "https://phuly.hanam.gov.vn"


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_cli_export_matches_expected_file(
    fmt: str, portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # read through the portal server, then compare with the canonical URLs of the expected file
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code = main(["--base-url", portal.url, "export", SEED, "-o", str(out_dir), "--format", fmt])
    assert code == 0, capsys.readouterr().err
    files = list(out_dir.iterdir())
    assert len(files) == 1
    assert (
        files[0].name
        == f"ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu.{fmt}"
    )
    produced = files[0].read_text(encoding="utf-8").replace(portal.url, CANONICAL)
    assert produced == (EXPECTED / f"seed-article.{fmt}").read_text(encoding="utf-8")


def test_export_to_stdout(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--base-url", portal.url, "export", SEED, "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Ban chỉ đạo 35 TP Phủ Lý")
    assert "\\[Ảnh 6/6: 484_8613.00_00_40_17.Still067.jpg\\]" in out


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Đảng bộ phường Lê Hồng Phong", "dang-bo-phuong-le-hong-phong.md"),
        ("../../etc/passwd", "etc-passwd.md"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j.md"),
        ("!!!", "bai-viet.md"),
        ("CON", "bai-viet-con.md"),
    ],
)
def test_file_names_are_safe(title: str, expected: str) -> None:
    assert export_filename(Article(url="https://x/y", title=title)) == expected


def test_long_titles_are_cut_at_a_word() -> None:
    name = export_filename(Article(url="https://x/y", title="Phủ Lý " * 40), "txt")
    stem = name.removesuffix(".txt")
    assert len(stem) <= MAX_STEM
    assert not stem.endswith("-")
    assert stem.endswith(("phu", "ly"))


def test_write_export_never_overwrites(tmp_path: Path) -> None:
    article = Article(url="https://x/y", title="Tin thử")
    first = write_export(article, tmp_path)
    second = write_export(article, tmp_path)
    assert first != second
    assert second.name == "tin-thu-2.md"
