"""``phuly-tui export``: a file the user owns is never overwritten.

A page titled ".bashrc" once replaced ``bashrc.md`` in the current folder.
Without ``-o`` (or with ``-o FOLDER``) the export takes a free name; ``-o FILE``
naming an existing file is refused with exit 2 unless ``--overwrite`` is given.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from phuly_tui.cli import EXIT_OK, EXIT_USAGE
from tests.support import faults
from tests.support.cli import run_cli
from tests.support.hostile import SEED_FILE, SEED_TITLE
from tests.support.portal_server import PortalServer

BASHRC = "/Pages/bashrc.aspx"
MINE = "# my own notes\n"


@pytest.fixture
def bashrc_portal(fresh_portal: PortalServer) -> PortalServer:
    """The portal with an article titled ".bashrc" (its export name: bashrc.md)."""
    page = SEED_FILE.read_text(encoding="utf-8").replace(SEED_TITLE, ".bashrc")
    fresh_portal.routes[BASHRC] = faults.html_page(page.encode("utf-8"))
    return fresh_portal


def test_export_into_the_current_folder_keeps_an_existing_file(
    bashrc_portal: PortalServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bashrc.md").write_text(MINE, encoding="utf-8")
    code, _out, err = run_cli(capsys, "--base-url", bashrc_portal.url, "export", BASHRC)
    assert code == EXIT_OK, err
    assert (tmp_path / "bashrc.md").read_text(encoding="utf-8") == MINE
    saved = tmp_path / "bashrc-2.md"
    assert saved.read_text(encoding="utf-8").startswith("# .bashrc")
    assert str(saved) in err  # "Đã lưu: …/bashrc-2.md"
    code, _out, err = run_cli(capsys, "--base-url", bashrc_portal.url, "export", BASHRC, "-o", ".")
    assert code == EXIT_OK, err
    assert (tmp_path / "bashrc-3.md").is_file()
    assert (tmp_path / "bashrc.md").read_text(encoding="utf-8") == MINE


def test_export_to_an_existing_file_is_refused_unless_overwrite(
    bashrc_portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.md"
    target.write_text(MINE, encoding="utf-8")
    code, out, err = run_cli(
        capsys, "--base-url", bashrc_portal.url, "export", BASHRC, "-o", str(target)
    )
    assert code == EXIT_USAGE
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert str(target) in lines[0]
    assert "--overwrite" in lines[0]
    assert target.read_text(encoding="utf-8") == MINE
    assert bashrc_portal.count() == 0  # refused before asking the portal
    code, _out, err = run_cli(
        capsys,
        "--base-url",
        bashrc_portal.url,
        "export",
        BASHRC,
        "-o",
        str(target),
        "--overwrite",
        "--format",
        "txt",
    )
    assert code == EXIT_OK, err
    assert target.read_text(encoding="utf-8").startswith(".bashrc")


def test_export_to_a_dangling_symlink_is_refused(
    bashrc_portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.md"
    target.symlink_to(tmp_path / "elsewhere")
    code, _out, _err = run_cli(
        capsys, "--base-url", bashrc_portal.url, "export", BASHRC, "-o", str(target)
    )
    assert code == EXIT_USAGE
    assert not (tmp_path / "elsewhere").exists()


def test_export_to_a_new_file_and_to_stdout(
    bashrc_portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new" / "report.md"
    code, _out, err = run_cli(
        capsys, "--base-url", bashrc_portal.url, "export", BASHRC, "-o", str(target)
    )
    assert code == EXIT_OK, err
    assert target.read_text(encoding="utf-8").startswith("# .bashrc")
    code, out, _err = run_cli(capsys, "--base-url", bashrc_portal.url, "export", BASHRC, "-o", "-")
    assert code == EXIT_OK
    assert out.startswith("# .bashrc")
