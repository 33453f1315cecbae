"""The log file: one rotating file for the app and the CLI, and one crash logger.

The app used to say "details written to <log file>" while nothing wrote that
file.  These tests read the file back, and check that the message says so when
it cannot be written (tests run as root, where ``chmod`` does not stop a
write: the log folder is put under a regular file, or the write fails with an
injected ``OSError``).
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from phuly_tui import logs
from phuly_tui.logs import crash_message, install, log_crash
from phuly_tui.paths import log_file


@pytest.fixture(autouse=True)
def fresh_handler() -> Iterator[None]:
    """Each test starts without the handler (it is process-wide once installed)."""
    logger = logging.getLogger(logs.LOGGER)
    before = list(logger.handlers)
    for handler in before:
        logger.removeHandler(handler)
    yield
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    for handler in before:
        logger.addHandler(handler)


def crash() -> RuntimeError:
    try:
        raise RuntimeError("secret page text")
    except RuntimeError as exc:
        return exc


def test_a_crash_is_written_to_the_log_file_and_the_message_names_it() -> None:
    error = crash()
    handler = log_crash(error)
    text = log_file().read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "RuntimeError: secret page text" in text
    message = crash_message(error, handler)
    assert str(log_file()) in message
    assert "RuntimeError" in message
    assert "secret page text" not in message  # page text stays out of the terminal


def test_install_is_idempotent_and_ordinary_records_go_to_the_same_file() -> None:
    assert install() is install()
    logging.getLogger("phuly_tui.fetch").info("deadline of 45.0 s reached for %s", "/x")
    logging.getLogger("phuly_tui.fetch").debug("not written")
    text = log_file().read_text(encoding="utf-8")
    assert "deadline of 45.0 s reached for /x" in text
    assert "not written" not in text


def test_the_file_rotates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 400)
    install()
    for n in range(40):
        logging.getLogger("phuly_tui").warning("record %d %s", n, "x" * 40)
    folder = log_file().parent
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["phuly-tui.log", *(f"phuly-tui.log.{n}" for n in range(1, logs.BACKUPS + 1))]
    assert all(p.stat().st_size <= 400 for p in folder.iterdir())


def test_an_unwritable_log_folder_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The state folder is a file: the log folder cannot be made (works as root too)."""
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    error = crash()
    handler = log_crash(error)  # never raises
    assert isinstance(handler.failure, OSError)
    message = crash_message(error, handler)
    assert "không ghi được tệp nhật ký" in message
    assert "chi tiết ghi trong" not in message


def test_a_failing_write_is_said() -> None:
    """A full disk: the write itself fails (``/dev/full`` answers ENOSPC); nothing is printed."""
    full = Path("/dev/full")
    handler = install(lambda: full)
    error = crash()
    assert log_crash(error) is handler
    assert isinstance(handler.failure, OSError)
    assert handler.failure.errno == errno.ENOSPC
    message = crash_message(error, handler)
    assert "/dev/full" in message
    assert "chi tiết ghi trong" not in message
    install(log_file)
    log_crash(error)  # the next record, once there is room again, is written
    assert handler.failure is None
    assert "RuntimeError" in log_file().read_text(encoding="utf-8")


def test_logs_is_the_one_crash_logger() -> None:
    """Tracebacks are written by ``logs`` only: no other module opens a log file,
    adds a handler or formats a traceback itself (the app, its screens and the
    CLI all call :func:`log_crash`)."""
    import phuly_tui

    root = Path(phuly_tui.__file__).parent
    writers = sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if any(
            word in path.read_text(encoding="utf-8")
            for word in ("import traceback", "FileHandler", "addHandler", "print_exc", "format_exc")
        )
    )
    assert writers == ["logs.py"]
    callers = [
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if "crash_message(" in path.read_text(encoding="utf-8")
    ]
    for caller in callers:
        assert "log_crash(" in (root / caller).read_text(encoding="utf-8"), caller
