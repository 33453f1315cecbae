"""The external opener: http(s) only, graphical openers only, nothing launched in tests."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from phuly_tui.ui import external
from phuly_tui.ui.external import (
    OpenResult,
    graphical_session,
    open_file,
    open_in_browser,
    opener_command,
    osc52_sequence,
)

REAL_LAUNCH = external.launch_detached
URL = "https://phuly.hanam.gov.vn/Pages/bai-viet.aspx"
X11 = {"DISPLAY": ":0", "PATH": "/usr/bin"}
SSH_NO_DISPLAY = {"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22", "PATH": "/usr/bin"}


class Recorder:
    """A launcher that records commands instead of starting them."""

    def __init__(self, error: OSError | None = None) -> None:
        self.commands: list[tuple[str, ...]] = []
        self.error = error

    def __call__(self, command: tuple[str, ...]) -> None:
        self.commands.append(command)
        if self.error is not None:
            raise self.error


def which_of(*programs: str):  # type: ignore[no-untyped-def]
    """A fake ``shutil.which`` that knows only ``programs`` (terminal browsers included)."""
    known = {*programs, "lynx", "w3m", "www-browser"}
    return lambda name: f"/usr/bin/{name}" if name in known else None


@pytest.fixture(autouse=True)
def _never_launch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Belt and braces: a test that forgets to inject a launcher fails instead of launching."""

    def refuse(command: tuple[str, ...]) -> None:
        raise AssertionError(f"a real launch was attempted: {command}")

    monkeypatch.setattr(external, "launch_detached", refuse)
    monkeypatch.delenv("PHULY_TUI_OPENER", raising=False)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "ftp://example.com/x",
        "mailto:a@b.c",
        "https://",
        "https://example.com/a b",
        "https://example.com/\x1b]52;c;ZXZpbA==\x07",
        "-https://example.com",
    ],
)
def test_refuses_anything_but_clean_http_urls(url: str) -> None:
    launcher = Recorder()
    result = open_in_browser(url, env=X11, platform="linux", which=which_of("xdg-open"),
                             launcher=launcher)  # fmt: skip
    assert result == OpenResult(False, url, reason=result.reason, code="bad_scheme")
    assert "http/https" in result.reason
    assert launcher.commands == []


def test_over_ssh_without_display_no_terminal_browser_is_chosen() -> None:
    launcher = Recorder()
    result = open_in_browser(URL, env=SSH_NO_DISPLAY, platform="linux",
                             which=which_of("xdg-open", "gio"), launcher=launcher)  # fmt: skip
    assert not result.opened
    assert result.code == "no_display"
    assert URL in result.reason  # the app shows it, and copies it
    assert launcher.commands == []
    assert opener_command(URL, env=SSH_NO_DISPLAY, platform="linux",
                          which=which_of("xdg-open")) is None  # fmt: skip


def test_with_display_xdg_open_is_used() -> None:
    launcher = Recorder()
    result = open_in_browser(URL, env=X11, platform="linux", which=which_of("xdg-open", "gio"),
                             launcher=launcher)  # fmt: skip
    assert result.opened
    assert result.command == ("xdg-open", URL)
    assert launcher.commands == [("xdg-open", URL)]


def test_wayland_falls_back_to_gio_open() -> None:
    launcher = Recorder()
    env = {"WAYLAND_DISPLAY": "wayland-0"}
    result = open_in_browser(URL, env=env, platform="linux", which=which_of("gio"),
                             launcher=launcher)  # fmt: skip
    assert launcher.commands == [("gio", "open", URL)]
    assert result.opened


def test_display_but_no_graphical_opener_refuses_rather_than_use_a_terminal_browser() -> None:
    launcher = Recorder()
    result = open_in_browser(URL, env=X11, platform="linux", which=which_of(), launcher=launcher)
    assert not result.opened
    assert result.code == "no_opener"
    assert launcher.commands == []


def test_x_forwarding_over_ssh_counts_as_a_display() -> None:
    env = {**SSH_NO_DISPLAY, "DISPLAY": "localhost:10.0"}
    assert graphical_session(env, "linux")
    assert opener_command(URL, env=env, platform="linux", which=which_of("xdg-open")) == (
        "xdg-open",
        URL,
    )


def test_macos_uses_open_but_not_over_ssh() -> None:
    assert opener_command(URL, env={}, platform="darwin", which=which_of("open")) == ("open", URL)
    assert (
        opener_command(URL, env=SSH_NO_DISPLAY, platform="darwin", which=which_of("open")) is None
    )


def test_windows_uses_startfile_but_not_over_ssh() -> None:
    assert opener_command(URL, env={}, platform="win32", which=which_of()) == ("start", URL)
    assert opener_command(URL, env=SSH_NO_DISPLAY, platform="win32", which=which_of()) is None


def test_wsl_without_display_uses_wslview_when_present() -> None:
    env = {"WSL_DISTRO_NAME": "Ubuntu"}
    assert opener_command(URL, env=env, platform="linux", which=which_of("wslview")) == (
        "wslview",
        URL,
    )
    assert opener_command(URL, env=env, platform="linux", which=which_of()) is None


def test_launch_failure_is_reported_not_raised() -> None:
    launcher = Recorder(FileNotFoundError(2, "No such file or directory"))
    result = open_in_browser(URL, env=X11, platform="linux", which=which_of("xdg-open"),
                             launcher=launcher)  # fmt: skip
    assert not result.opened
    assert result.code == "launch_failed"
    assert "No such file or directory" in result.reason


def test_user_opener_from_environment_with_placeholder() -> None:
    launcher = Recorder()
    env = {**SSH_NO_DISPLAY, "PHULY_TUI_OPENER": "my-remote-open --new {}"}
    result = open_in_browser(URL, env=env, platform="linux", which=which_of(), launcher=launcher)
    assert result.opened
    assert launcher.commands == [("my-remote-open", "--new", URL)]


def test_user_opener_without_placeholder_appends_the_target() -> None:
    launcher = Recorder()
    env = {"PHULY_TUI_OPENER": "firefox --private-window"}
    open_in_browser(URL, env=env, platform="linux", which=which_of(), launcher=launcher)
    assert launcher.commands == [("firefox", "--private-window", URL)]


def test_user_opener_none_disables_opening() -> None:
    launcher = Recorder()
    env = {**X11, "PHULY_TUI_OPENER": "none"}
    result = open_in_browser(URL, env=env, platform="linux", which=which_of("xdg-open"),
                             launcher=launcher)  # fmt: skip
    assert (result.opened, result.code) == (False, "disabled")
    assert launcher.commands == []


def test_open_file_hands_documents_to_the_viewer(tmp_path: Path) -> None:
    document = tmp_path / "Kế hoạch.pdf"
    document.write_bytes(b"%PDF-1.4\n")
    launcher = Recorder()
    result = open_file(document, env=X11, platform="linux", which=which_of("xdg-open"),
                       launcher=launcher)  # fmt: skip
    assert result.opened
    assert launcher.commands == [("xdg-open", str(document.resolve()))]


@pytest.mark.parametrize("name", ["setup.exe", "run.sh", "app.desktop", "x.html", "noext"])
def test_open_file_never_runs_programs(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"MZ")
    launcher = Recorder()
    result = open_file(path, env=X11, platform="linux", which=which_of("xdg-open"),
                       launcher=launcher)  # fmt: skip
    assert (result.opened, result.code) == (False, "file_type")
    assert str(path) in result.reason  # the user learns where it was saved
    assert launcher.commands == []


def test_open_file_missing_and_over_ssh(tmp_path: Path) -> None:
    missing = open_file(tmp_path / "none.pdf", env=X11, platform="linux",
                        which=which_of("xdg-open"), launcher=Recorder())  # fmt: skip
    assert missing.code == "no_file"
    document = tmp_path / "a.docx"
    document.write_bytes(b"PK")
    remote = open_file(document, env=SSH_NO_DISPLAY, platform="linux",
                       which=which_of("xdg-open"), launcher=Recorder())  # fmt: skip
    assert (remote.opened, remote.code) == (False, "no_display")
    assert str(document.resolve()) in remote.reason


def test_default_launcher_is_used_when_none_is_injected() -> None:
    # the autouse fixture replaced launch_detached with a function that fails loudly
    with pytest.raises(AssertionError, match="real launch"):
        open_in_browser(URL, env=X11, platform="linux", which=which_of("xdg-open"))


def test_child_environment_drops_terminal_browsers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER", "w3m:/usr/bin/lynx")
    assert "BROWSER" not in external._child_env()
    monkeypatch.setenv("BROWSER", "lynx:firefox")
    assert external._child_env()["BROWSER"] == "firefox"


def test_osc52_sequence_round_trips_unicode() -> None:
    sequence = osc52_sequence("https://phuly.hanam.gov.vn/Phủ Lý")
    assert sequence.startswith("\x1b]52;c;")
    assert sequence.endswith("\a")
    payload = sequence[len("\x1b]52;c;") : -1]
    assert base64.b64decode(payload).decode("utf-8") == "https://phuly.hanam.gov.vn/Phủ Lý"


def test_messages_follow_the_language() -> None:
    from phuly_tui.i18n import set_language

    try:
        set_language("en")
        result = open_in_browser("javascript:x", env=X11, platform="linux")
        assert result.reason.startswith("Only http/https")
    finally:
        set_language("vi")
    assert open_in_browser("javascript:x", env=X11, platform="linux").reason.startswith("Chỉ mở")


def test_real_detached_launch_writes_nothing_to_our_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The default launcher really starts a program, detached, its output on devnull."""
    import sys
    import time

    marker = tmp_path / "ran.txt"
    script = (
        "import sys, os; print('NOISE'); print('NOISE', file=sys.stderr);"
        f"open({str(marker)!r}, 'w').write(sys.argv[1] + ' ' + str(os.getsid(0) == os.getpid()))"
    )
    REAL_LAUNCH((sys.executable, "-c", script, URL))
    deadline = time.monotonic() + 10
    while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert marker.read_text() == f"{URL} True"  # got the URL, in a session of its own
    out, err = capfd.readouterr()
    assert "NOISE" not in out + err


def test_external_and_find_import_no_textual() -> None:
    """Both are plain Python: usable from the CLI without loading Textual."""
    import subprocess
    import sys

    code = (
        "import sys, phuly_tui.ui.external, phuly_tui.render.find;"
        "sys.exit('textual' in sys.modules or 'rich' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
