"""The one writer of the user's files: a name is claimed atomically, nothing is replaced."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import phuly_tui
from phuly_tui.user_files import candidate_names, save_bytes, save_file, write_to

SRC = Path(phuly_tui.__file__).parent


def test_candidate_names_keep_the_extension_last() -> None:
    names = candidate_names("bao-cao.md")
    assert [next(names) for _ in range(3)] == ["bao-cao.md", "bao-cao-2.md", "bao-cao-3.md"]
    dot_file = candidate_names(".bashrc")
    assert [next(dot_file) for _ in range(2)] == [".bashrc", ".bashrc-2"]


def test_save_bytes_never_replaces_an_existing_file(tmp_path: Path) -> None:
    mine = tmp_path / "bashrc.md"
    mine.write_text("export PATH=mine\n", encoding="utf-8")
    saved = save_bytes(tmp_path, "bashrc.md", b"# .bashrc\n")
    assert saved == tmp_path / "bashrc-2.md"
    assert mine.read_text(encoding="utf-8") == "export PATH=mine\n"
    assert saved.read_bytes() == b"# .bashrc\n"


def test_a_symlink_at_the_name_is_never_followed(tmp_path: Path) -> None:
    """A dangling link (planted, or left over) must not make the write land elsewhere."""
    elsewhere = tmp_path / "elsewhere"
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "tin.md").symlink_to(elsewhere)
    saved = save_bytes(tmp_path / "out", "tin.md", b"x")
    assert saved.name == "tin-2.md"
    assert not elsewhere.exists()


def test_a_file_appearing_after_the_check_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No check-then-write: the name is claimed by the create itself (O_EXCL)."""
    real_exists = Path.exists

    def racing_exists(self: Path, *args: object, **kwargs: object) -> bool:
        if self.name == "tin.md" and not real_exists(self):
            self.write_bytes(b"theirs")  # another program wins the race
            return False
        return real_exists(self)

    monkeypatch.setattr(Path, "exists", racing_exists)
    monkeypatch.setattr(Path, "is_file", lambda self: False)
    (tmp_path / "tin.md").write_bytes(b"theirs")
    saved = save_bytes(tmp_path, "tin.md", b"ours")
    assert (tmp_path / "tin.md").read_bytes() == b"theirs"
    assert saved.read_bytes() == b"ours"


def test_save_file_links_into_a_free_name_and_removes_the_source(tmp_path: Path) -> None:
    (tmp_path / "QD.pdf").write_bytes(b"%PDF another decision")
    source = tmp_path / "partial"
    source.write_bytes(b"%PDF this decision")
    saved = save_file(source, tmp_path, "QD.pdf", reuse_identical=True)
    assert saved.name == "QD-2.pdf"
    assert saved.read_bytes() == b"%PDF this decision"
    assert (tmp_path / "QD.pdf").read_bytes() == b"%PDF another decision"
    assert not source.exists()
    again = tmp_path / "partial2"
    again.write_bytes(b"%PDF this decision")
    assert save_file(again, tmp_path, "QD.pdf", reuse_identical=True) == saved  # no QD-3.pdf
    assert sorted(p.name for p in tmp_path.glob("QD*")) == ["QD-2.pdf", "QD.pdf"]


def test_save_file_copies_where_hard_links_are_not_supported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    (tmp_path / "a.pdf").write_bytes(b"mine")
    source = tmp_path / "partial"
    source.write_bytes(b"downloaded")
    saved = save_file(source, tmp_path, "a.pdf")
    assert saved.name == "a-2.pdf"
    assert saved.read_bytes() == b"downloaded"
    assert (tmp_path / "a.pdf").read_bytes() == b"mine"


def test_write_to_refuses_an_existing_file_unless_told(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "report.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_to(target, b"new")
    assert target.read_text(encoding="utf-8") == "mine"
    write_to(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]  # no temporary left


def test_overwrite_replaces_a_symlink_not_its_target(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(precious)
    write_to(link, b"export", overwrite=True)
    assert precious.read_text(encoding="utf-8") == "keep"
    assert not link.is_symlink()
    assert link.read_bytes() == b"export"


#: modules allowed to write files: the one writer, and files the program owns
#: (the store, the fetcher's private temporary files, the log, the demo builder)
WRITERS_ALLOWED = {
    "user_files.py",
    "fetch/client.py",
    "store/database.py",
    "logs.py",
    "demo/build.py",
}
WRITES = re.compile(
    r"\.write_text\(|\.write_bytes\(|os\.replace\(|open\([^)]*['\"][wax]b?['\"]|shutil\.copy"
)


def test_no_other_module_writes_files() -> None:
    """A new feature that saves something for the user must use user_files."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name in WRITERS_ALLOWED:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WRITES.search(line):
                offenders.append(f"{name}:{n}: {line.strip()}")
    assert offenders == []
