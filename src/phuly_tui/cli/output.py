"""What the subcommands print: lines, JSON and Rich text, through the guarded streams.

Every write goes through :mod:`phuly_tui.streams`: stdout with
:func:`~phuly_tui.streams.write_out` (or a Rich console on it), whose
failures the entry point reports as exit 5; stderr with
:func:`~phuly_tui.streams.tell`, which drops a line it cannot write.  Text
from the web is printed as Rich ``Text`` built from plain strings (the
console has markup off) or through :func:`~phuly_tui.text.safe_terminal_text`.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Callable, Sized
from typing import TYPE_CHECKING, Any

from ..i18n import t
from ..streams import tell, write_out, writes_unicode
from ..text import UNSAFE_CHARACTERS, safe_terminal_text, strip_hostile

if TYPE_CHECKING:
    import argparse

    from rich.console import Console
    from rich.text import Text

    from ..archive import ArchiveWait
    from ..library import Loaded

__all__ = [
    "console",
    "done_without_list",
    "item_line",
    "notice",
    "print_json",
    "say",
    "say_archive_wait",
    "url_line",
    "warn",
    "with_source",
]

#: the width of a date column when an item has no date ("dd/mm/yyyy")
_NO_DATE = " " * 10


def say(text: str) -> None:
    """One line on stdout (a result: a path, a summary)."""
    write_out(safe_terminal_text(text) + "\n")


def warn(text: str) -> None:
    """One line on stderr (a notice or an error); dropped if stderr is gone."""
    tell(safe_terminal_text(text))


def console(args: argparse.Namespace) -> Console:
    """A Rich console on stdout: styled on a terminal, plain when piped or ``--plain``.

    Markup is off, and every piece of text it prints passes
    :func:`~phuly_tui.text.strip_hostile` (Rich's ``Text`` keeps ESC, C1
    controls and bidi overrides): the text the listings hand it is cleaned
    already, and this is the guard for any that was not.
    """
    from rich.console import Console, ConsoleOptions, RenderHook, RenderResult
    from rich.segment import Segment

    class PipeConsole(Console):
        """Rich ends the process (exit 1) when a pipe's reader goes away; here
        that is main()'s business: it ends quietly with 0."""

        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    class Stripped:
        """A renderable's segments with hostile characters removed (Rich's own
        control segments, cursor moves and the like, pass as they are)."""

        def __init__(self, renderable: Any) -> None:
            self.renderable = renderable

        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            for segment in console.render(self.renderable, options):
                clean = strip_hostile(segment.text)
                if segment.control or clean == segment.text:
                    yield segment
                else:
                    yield Segment(clean, segment.style)

    class StripHostile(RenderHook):
        def process_renderables(self, renderables: list[Any]) -> list[Any]:
            return [Stripped(renderable) for renderable in renderables]

    plain = bool(getattr(args, "plain", False)) or "NO_COLOR" in os.environ
    # on a terminal lines fit its width; piped, a line stays whole (URLs, grep)
    out = PipeConsole(
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=not sys.stdout.isatty(),
        color_system=None if plain else "auto",
        no_color=plain,
    )
    out.push_render_hook(StripHostile())
    return out


@functools.cache
def _json_unsafe() -> re.Pattern[str]:
    """What printed JSON writes as a ``\\u`` escape (see :func:`print_json`);
    compiled on first use, not by every start of the command line."""
    # C0 is JSON's own business (escaped in strings; the indentation's newlines),
    # and an emoji's joiner stays as written (👨‍👩‍👧 reads as one family)
    return re.compile(f"(?![\x00-\x1f\u200d])[{UNSAFE_CHARACTERS}]")


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout, exact and safe for a terminal.

    A stream that cannot encode Vietnamese gets ``\\u`` escapes (still exact,
    valid JSON).  JSON escapes C0 controls itself; DEL, C1 controls, bidi
    controls and line separators are escaped here too — they can only stand
    inside a string, where ``\\u009b`` is the same character — so printed
    JSON never carries a byte a terminal acts on.
    """
    ascii_only = not writes_unicode(sys.stdout)
    text = json.dumps(data, ensure_ascii=ascii_only, indent=2)
    if not ascii_only:
        text = _json_unsafe().sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    write_out(text + "\n")


def done_without_list(
    args: argparse.Namespace, as_json: Callable[[], Any], found: Sized, nothing: str
) -> bool:
    """Print what a listing command has when it prints no list; True when it did.

    With ``--json`` the data (``as_json()``, ``[]`` when nothing was found);
    with nothing found, the message key ``nothing`` as one line on stderr
    (exit 0 all the same).  False: the caller prints its items.
    """
    if args.json:
        print_json(as_json())
        return True
    if not found:
        warn(t(nothing))
        return True
    return False


def notice(loaded: Loaded[Any]) -> None:
    """A stored copy or a capture shown instead of the live page: said on stderr."""
    if loaded.notice:
        reason = f" — {loaded.error.message}" if loaded.error else ""
        warn(loaded.notice + reason)


def say_archive_wait(wait: ArchiveWait) -> None:
    """A 429's wait, on stderr before it starts (rate waits are the progress line's)."""
    if wait.reason == "retry_after":
        warn(t("archive.wait", seconds=max(1, round(wait.seconds))))


def with_source(data: dict[str, Any], loaded: Loaded[Any]) -> dict[str, Any]:
    """``--json`` output with where it came from: ``"source": {"kind": …}``."""
    return {**data, "source": loaded.source_dict}


def item_line(n: int, day: str | None) -> Text:
    """The start of a numbered item of a list: `` 3. 14/06/2024  `` (blank when undated).

    Every listing the CLI prints (articles, new articles, search results,
    bookmarks, documents) starts its items this way; the caller appends the
    title and what else the item shows.
    """
    from rich.text import Text

    from ..render.dates import format_date

    line = Text(f"{n:>2}. ")
    line.append(format_date(day) or _NO_DATE, style="cyan")
    line.append("  ")
    return line


def url_line(url: str) -> Text:
    """The indented, dimmed line under an item: its address."""
    from rich.text import Text

    return Text(f"    {url}", style="dim")
