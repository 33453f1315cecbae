"""Handing a URL or a downloaded file to the system's *graphical* applications.

Why not :mod:`webbrowser`: over SSH, or on a machine without a desktop, Python's
``webbrowser`` happily picks ``lynx``, ``w3m`` or ``www-browser`` and runs it in
the terminal phuly-tui is drawing on — two full-screen programs fighting over one
terminal.  Here only graphical openers are used, and only when a graphical
session is there to show them:

* Linux and the BSDs: ``DISPLAY`` or ``WAYLAND_DISPLAY`` must be set (an SSH
  session with X forwarding counts); then ``xdg-open``, else ``gio open``
  (``wslview`` under WSL);
* macOS: ``open``, unless the session is an SSH login (the browser would open
  on the remote Mac's screen, not the user's);
* Windows: ``os.startfile`` (the ``start`` of the shell, without a shell),
  unless the session is an SSH login.

The opener runs detached: its own session, stdin/stdout/stderr on
``os.devnull``, so nothing it prints reaches our screen and it cannot take the
terminal.  A ``BROWSER`` variable naming a terminal browser is dropped from its
environment so ``xdg-open`` does not fall back to one.

When nothing graphical can open the target, the result says why
(:attr:`OpenResult.reason`, in the user's language) and the app shows the URL
and copies it (``App.copy_to_clipboard`` — OSC 52, which works over SSH;
:func:`osc52_sequence` shows the bytes it sends).

``PHULY_TUI_OPENER`` overrides the choice: a command (``{}`` is replaced by the
target, else the target is appended), or ``none`` to never open anything.  Tests
pass ``env``, ``platform``, ``which`` and ``launcher`` instead, and so see the
command that would run without launching anything.

Only ``http``/``https`` URLs are opened, and only files of document, image,
audio/video and archive types: an attachment named ``.exe``, ``.sh`` or
``.desktop`` is saved, never run.  This module imports no Textual.
"""

from __future__ import annotations

import base64
import os
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from ..i18n import t
from ..text import strip_hostile
from ..urls import is_http_url, redacted
from . import labels as _labels  # noqa: F401  (registers the messages)

__all__ = [
    "OPENER_ENV",
    "SAFE_FILE_SUFFIXES",
    "WINDOWS_START",
    "Launcher",
    "OpenResult",
    "graphical_session",
    "launch_detached",
    "open_file",
    "open_in_browser",
    "opener_command",
    "osc52_sequence",
]

#: environment variable overriding the opener (a command, or ``none``)
OPENER_ENV: Final = "PHULY_TUI_OPENER"
#: first word of the command that stands for ``os.startfile`` on Windows
WINDOWS_START: Final = "start"

#: file types handed to a viewer; anything else is only saved
SAFE_FILE_SUFFIXES: Final = frozenset(
    {
        # documents
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods",
        ".odp", ".rtf", ".txt", ".csv", ".epub",
        # images
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff",
        # audio and video
        ".mp3", ".wav", ".ogg", ".m4a", ".mp4", ".webm", ".mkv", ".avi", ".mov",
        # archives (opened in an archive manager, never extracted by us)
        ".zip", ".rar", ".7z",
    }
)  # fmt: skip

#: browsers that draw in a terminal: never let xdg-open fall back to them
_TERMINAL_BROWSERS: Final = frozenset(
    {"lynx", "w3m", "links", "links2", "elinks", "www-browser", "browsh", "carbonyl", "netrik"}
)
_SSH_VARIABLES: Final = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
_DISABLED: Final = frozenset({"none", "off", "no", "0", "false"})

Reason = Literal[
    "", "bad_scheme", "no_display", "no_opener", "launch_failed", "disabled", "no_file", "file_type"
]
#: runs a command (raises ``OSError`` when it cannot be started)
Launcher = Callable[[tuple[str, ...]], None]
Which = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class OpenResult:
    """What happened when asked to open something.

    ``opened`` is True when a graphical opener was started (whether the browser
    then shows the page is up to the desktop).  Otherwise ``reason`` is a
    message for the user naming the target, and ``code`` says why for the
    caller: ``bad_scheme``, ``no_display``, ``no_opener``, ``launch_failed``,
    ``disabled``, ``no_file`` or ``file_type``.  ``command`` is the command that
    was (or, with an injected launcher, would have been) run.
    """

    opened: bool
    target: str
    command: tuple[str, ...] = ()
    reason: str = ""
    code: Reason = ""


def osc52_sequence(text: str) -> str:
    """The OSC 52 escape that puts ``text`` on the terminal's clipboard.

    The app itself calls ``App.copy_to_clipboard`` (which sends this); the
    function exists for tests and documentation.
    """
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\a"


def _is_ssh(env: Mapping[str, str]) -> bool:
    return any(env.get(name) for name in _SSH_VARIABLES)


def graphical_session(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when a graphical application started now would appear before the user."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform in {"darwin", "win32", "cygwin"}:
        return not _is_ssh(env)
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def _user_opener(value: str, target: str) -> tuple[str, ...] | None:
    """The ``PHULY_TUI_OPENER`` command for ``target`` (None when unparsable)."""
    try:
        words = shlex.split(value)
    except ValueError:
        return None
    if not words:
        return None
    if any("{}" in word for word in words):
        return tuple(word.replace("{}", target) for word in words)
    return (*words, target)


def opener_command(
    target: str,
    *,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    which: Which | None = None,
) -> tuple[str, ...] | None:
    """The graphical opener command for ``target``, or None when there is none.

    Ignores ``PHULY_TUI_OPENER`` (see :func:`open_in_browser`); never returns a
    terminal program.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    which = shutil.which if which is None else which
    if not graphical_session(env, platform):
        if platform.startswith("linux") and env.get("WSL_DISTRO_NAME") and which("wslview"):
            return ("wslview", target)
        return None
    if platform == "win32":
        return (WINDOWS_START, target)
    if platform == "darwin":
        return ("open", target) if which("open") else None
    if which("xdg-open"):
        return ("xdg-open", target)
    if which("gio"):
        return ("gio", "open", target)
    return None


def _child_env() -> dict[str, str]:
    """Our environment minus a ``BROWSER`` naming a terminal browser."""
    env = dict(os.environ)
    browsers = [b for b in env.get("BROWSER", "").split(os.pathsep) if b.split()]
    kept = [b for b in browsers if Path(b.split()[0]).name not in _TERMINAL_BROWSERS]
    if kept:
        env["BROWSER"] = os.pathsep.join(kept)
    else:
        env.pop("BROWSER", None)
    return env


def launch_detached(command: tuple[str, ...]) -> None:
    """Start ``command`` detached from our terminal and return at once.

    Raises ``OSError`` when the program cannot be started.  A daemon thread
    reaps the child so no zombie is left behind.
    """
    if command and command[0] == WINDOWS_START and sys.platform == "win32":
        os.startfile(command[1])  # type: ignore[attr-defined,unused-ignore]
        return
    kwargs: dict[str, object] = {}
    if sys.platform == "win32":
        kwargs["creationflags"] = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(
            subprocess, "CREATE_NEW_PROCESS_GROUP", 0
        )
    else:
        kwargs["start_new_session"] = True
    # a fixed program and its argument list, no shell: nothing in a URL is interpreted
    process = subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        close_fds=True,
        env=_child_env(),
        **kwargs,  # type: ignore[call-overload]
    )
    threading.Thread(target=process.wait, name="phuly-opener-reaper", daemon=True).start()


def _open(
    target: str,
    *,
    env: Mapping[str, str] | None,
    platform: str | None,
    which: Which | None,
    launcher: Launcher | None,
    unavailable: tuple[Reason, str],
) -> OpenResult:
    """Shared tail of :func:`open_in_browser` and :func:`open_file`."""
    env = os.environ if env is None else env
    override = env.get(OPENER_ENV, "").strip()
    if override.lower() in _DISABLED:
        return OpenResult(False, target, reason=t("external.disabled", url=target), code="disabled")
    command = _user_opener(override, target) if override else None
    if command is None:
        command = opener_command(target, env=env, platform=platform, which=which)
    if command is None:
        code, reason = unavailable
        return OpenResult(False, target, reason=reason, code=code)
    try:
        (launcher or launch_detached)(command)
    except OSError as exc:
        reason = t("external.launch_failed", target=target, error=exc.strerror or str(exc))
        return OpenResult(False, target, command, reason, "launch_failed")
    return OpenResult(True, target, command)


def open_in_browser(
    url: str,
    *,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    which: Which | None = None,
    launcher: Launcher | None = None,
) -> OpenResult:
    """Open an http(s) ``url`` in the system's graphical browser.

    Args:
        url: the address; anything but ``http``/``https`` (``javascript:``,
            ``file:``, ``data:``…) or an address carrying control characters or
            spaces is refused.
        env: the environment to judge the session by (default ``os.environ``).
        platform: a ``sys.platform`` value (default: this machine's).
        which: finds a program on the PATH (default ``shutil.which``).
        launcher: runs the chosen command (default: detached ``Popen``).

    Returns:
        An :class:`OpenResult`; when ``opened`` is False the caller shows
        ``reason`` and the URL, and copies the URL.
    """
    clean = url.strip()
    if not is_http_url(clean) or strip_hostile(clean) != clean or any(c.isspace() for c in clean):
        return OpenResult(
            False, url, reason=t("error.bad_scheme", url=redacted(url)), code="bad_scheme"
        )
    platform_ = sys.platform if platform is None else platform
    env_ = os.environ if env is None else env
    missing: Reason = "no_opener" if graphical_session(env_, platform_) else "no_display"
    return _open(
        clean,
        env=env,
        platform=platform,
        which=which,
        launcher=launcher,
        unavailable=(missing, t(f"external.{missing}", url=clean)),
    )


def open_file(
    path: str | os.PathLike[str],
    *,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    which: Which | None = None,
    launcher: Launcher | None = None,
) -> OpenResult:
    """Open a downloaded file with the system's graphical viewer.

    Only regular files whose type is in :data:`SAFE_FILE_SUFFIXES` are handed
    over (a downloaded program is never started); the same session rules as
    :func:`open_in_browser` apply.  Arguments as there.
    """
    file = Path(path)
    target = str(file.resolve()) if file.exists() else str(file)
    if not file.is_file():
        return OpenResult(False, target, reason=t("external.no_file", path=target), code="no_file")
    suffix = file.suffix.lower()
    if suffix not in SAFE_FILE_SUFFIXES:
        reason = t("external.file_type_refused", suffix=suffix or "?", path=target)
        return OpenResult(False, target, reason=reason, code="file_type")
    platform_ = sys.platform if platform is None else platform
    env_ = os.environ if env is None else env
    missing: Reason = "no_opener" if graphical_session(env_, platform_) else "no_display"
    return _open(
        target,
        env=env,
        platform=platform,
        which=which,
        launcher=launcher,
        unavailable=(missing, t("external.no_viewer", path=target)),
    )
