"""The Textual application: keys, theme, commands, and the ``run_app`` entry.

``PhulyApp(library, config)`` takes the :class:`~phuly_tui.library.Library`
it reads through (tests inject one pointed at the local portal server) and
shows :class:`~phuly_tui.ui.screens.main.MainScreen`.  Every binding has an id
(:mod:`phuly_tui.ui.keys`) and the user's ``[keymap]`` is applied with
``set_keymap``; ``Ctrl+P`` lists every action.

Import cost matters (the start-up target is measured against a bare Textual
app): this module imports Textual and the project's light modules only; the
fetcher (httpx), the parser and the screens opened on demand are imported
lazily.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.notifications import Notification, SeverityLevel
from textual.screen import Screen

from ..i18n import set_language, t
from .commands import FoldedCommands, textual_commands
from .formatting import notify_plain
from .keys import KEYS, bindings_for, key_table, localize_bindings, shown_keys
from .prefetch import StartPrefetch
from .screens.main import MainScreen
from .terminal_watch import watch_terminal

if TYPE_CHECKING:
    from ..archive import ArchiveWait
    from ..config import Config
    from ..library import Library

__all__ = ["DEFAULT_THEME", "PhulyApp", "deep_link", "run_app"]


DEFAULT_THEME = "textual-dark"


#: seconds after the first frame before the start-up heap is collected and frozen
HEAP_SETTLE_DELAY = 0.3


def _settle_start_heap() -> None:
    """Collect the start's garbage, freeze what lives on, turn the collector on."""
    gc.collect()
    gc.freeze()
    gc.enable()


class PhulyApp(App[int]):
    """The reader.  ``url`` opens that article at start (a deep link)."""

    CSS_PATH = "app.tcss"
    #: every action, searchable without diacritics (replaces Textual's provider)
    COMMANDS: ClassVar = {FoldedCommands}
    TITLE = "phuly-tui"
    BINDINGS: ClassVar = bindings_for("global")

    def __init__(
        self,
        library: Library,
        config: Config,
        *,
        url: str | None = None,
        demo: bool = False,
        prefetch: StartPrefetch | None = None,
    ) -> None:
        set_language(config.lang)  # before any label is made
        super().__init__()
        localize_bindings(self)
        self.library = library
        self.config = config
        self.start_url = url
        #: reading the bundled snapshot (``--demo``): said in the status bar
        self.demo = demo
        self.sub_title = t("ui.title")
        self.theme = config.theme if config.theme in self.available_themes else DEFAULT_THEME
        #: the store's titles, read in a thread while Textual starts up (the CLI
        #: starts it before importing Textual and passes it in)
        self.prefetch = prefetch if prefetch is not None else StartPrefetch(library)
        self._main: MainScreen | None = None
        #: the Ctrl+C hint on screen, replaced rather than stacked
        self._quit_hint: Notification | None = None
        library.archive_listeners.append(self._archive_wait)

    def _archive_wait(self, wait: ArchiveWait) -> None:
        """A wait for the Internet Archive (a 429, the rate limit) is said, not silent."""
        from .archive_actions import say_archive_wait

        sync = self._main.store_sync if self._main is not None else None
        say_archive_wait(self, wait, syncing=sync is not None and sync.from_archive)

    def _fatal_error(self) -> None:
        """An unexpected crash: the traceback goes to the log file, one line to the user.

        Textual would print a full traceback (with local variables, i.e. page
        text) to the terminal on exit; a reader of web pages never does that.
        Tests still see the exception: Pilot re-raises it before this runs.
        """
        import sys

        from ..logs import crash_message, log_crash

        error = sys.exc_info()[1] or self._exception or RuntimeError("unknown error")
        message = crash_message(error, log_crash(error))
        self.bell()
        self._exit_renderables.append(Text("phuly-tui: " + message))
        self._close_messages_no_wait()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of the app, shown as plain text: ``markup`` is ignored.

        ``Widget.notify`` and Textual's own notifications end here too, so no
        notification can parse markup, whoever builds its message (a URL with
        ``[@click=…]`` in it shows those characters and does nothing when
        clicked).  The app's code calls :func:`~phuly_tui.ui.formatting.notify_plain`.
        """
        notify_plain(self, message, title=title, severity=severity, timeout=timeout)

    @property
    def main(self) -> MainScreen:
        """The reading screen (also when a dialog is open over it)."""
        if self._main is None:
            raise RuntimeError("the app has not started")
        return self._main

    def get_default_screen(self) -> MainScreen:
        """The reading screen is the app's first screen, composed with the app.

        Pushed from ``on_mount`` instead, its first frame fell inside Textual's
        start-up batch and was thrown away: the titles reached the terminal one
        full layout (~20 ms) later.
        """
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self._main = MainScreen(
            self.library,
            self.config,
            start_url=self.start_url,
            demo=self.demo,
            prefetch=self.prefetch,
        )
        return self._main

    async def on_event(self, event: events.Event) -> None:
        """A newline from the terminal is Enter, as in readline.

        Enter typed before the program switched the terminal to raw mode (at the
        very start of a run: see :mod:`phuly_tui.cli.early_keys`) was turned into
        a newline by the kernel, which Textual reads as Ctrl+J — bound to
        nothing, so the key was lost.  Ctrl+J itself then acts as Enter too.
        """
        if isinstance(event, events.Key) and event.key == "ctrl+j" and not event.is_forwarded:
            event = events.Key("enter", "\r")
        await super().on_event(event)

    def on_mount(self) -> None:
        watch_terminal(self)  # leave if the terminal goes without a hang-up signal

    def on_ready(self) -> None:
        """After the first frame: keep the start-up objects out of garbage collection.

        Textual and the app create a large, long-lived heap at start; left in
        the collector's generations, every full collection walks it and a key
        press now and then waits 150–300 ms for it (measured).  Freezing moves
        them to a permanent generation: collections then only look at what was
        made since.

        The CLI turns the collector off for the start (see
        ``phuly_tui.cli._open_app``).  Then the start's garbage (a few thousand
        objects) is collected first, so it is not frozen for good — a little
        later, because one collection holds the interpreter ~15 ms and the
        first frame may still be on its way to the terminal.
        """
        if gc.isenabled():
            gc.freeze()
        else:
            self.set_timer(HEAP_SETTLE_DELAY, _settle_start_heap)

    async def on_unmount(self) -> None:
        await self.library.aclose()

    # -- global actions -----------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(key_table(self.config.keymap)))

    def action_reload(self) -> None:
        self.main.reload()

    def action_help_quit(self) -> None:
        """Ctrl+C: say which key quits, in the user's language, once however often it is pressed.

        Textual binds Ctrl+C to this action (Ctrl+C copies in a text box, so it
        does not quit) with an English notification; this is the same hint
        through the catalogue, naming the key of the ``quit`` binding (the
        user's keymap included) before Textual's own Ctrl+Q.
        """
        quit_keys = [
            active.binding
            for active in self.active_bindings.values()
            if active.binding.action in ("quit", "app.quit")
        ]
        if not quit_keys:
            return
        quit_keys.sort(key=lambda binding: binding.id != "quit")
        self._quit_hint = notify_plain(
            self,
            t("ui.help_quit", key=self.get_key_display(quit_keys[0])),
            title=t("ui.help_quit.title"),
            replaces=self._quit_hint,
        )

    def action_cancel_load(self) -> None:
        if not self.main.cancel_loading():
            return
        notify_plain(self, t("ui.cancelled"), title=t("ui.cancelled.title"))

    def action_search(self) -> None:
        self.main.open_search()

    def action_bookmarks(self) -> None:
        self.main.open_bookmarks()

    def action_documents(self) -> None:
        self.main.open_documents()

    # -- command palette ---------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action of the key table (by its description), then Textual's own."""
        main = self.main
        targets = {
            "global": self,
            "screen": main,
            "reader": main.reader,
            "lists": main.article_list,
        }
        for spec in KEYS:
            if spec.scope == "lists" or (spec.id.startswith("related_") and spec.id != "related_1"):
                continue
            keys = shown_keys(self.config.keymap.get(spec.id, spec.keys))
            title = t(spec.description)
            target = targets[spec.scope]
            yield SystemCommand(
                title, f"{keys} · {spec.id}", partial(self.run_action, spec.action, target)
            )
        yield SystemCommand(t("ui.sync.command"), t("ui.sync.help"), main.sync)
        yield from textual_commands(
            super().get_system_commands(screen),
            screenshot=lambda: self.set_timer(0.1, self.save_screen_picture),  # palette closed
        )

    def save_screen_picture(self) -> None:
        """The palette's "Chụp màn hình": an SVG of the screen, saved into the downloads
        folder under a fresh name (never over a file, :mod:`phuly_tui.user_files`),
        and where it went said in the user's language."""
        from datetime import datetime

        from ..paths import downloads_dir
        from ..user_files import save_bytes

        name = f"phuly-tui-{datetime.now():%Y%m%d-%H%M%S}.svg"
        try:
            path = save_bytes(downloads_dir(), name, self.export_screenshot().encode("utf-8"))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            notify_plain(
                self,
                t("palette.screenshot.failed", reason=reason),
                title=t("palette.screenshot"),
                severity="error",
            )
            return
        notify_plain(
            self, t("palette.screenshot.saved", path=str(path)), title=t("palette.screenshot")
        )

    def action_command_palette(self) -> None:
        """``Ctrl+P``: Textual's palette, its placeholder in the user's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=t("palette.placeholder"))
            )

    def search_themes(self) -> None:
        """The "Giao diện" command: Textual's theme list, its placeholder translated."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=t("palette.themes_placeholder"))
        )


def deep_link(library: Library, url: str) -> str:
    """The address a deep link opens: a portal page, or the Internet Archive's copy
    of one (the library routes it to the page).

    Raises:
        OffOriginError: the address leads off the portal.
        NotAURLError, UnsafeURLError: the URL policy refuses it.
    """
    from ..errors import OffOriginError

    start = library.absolute(url)
    if library.route(start).kind == "external":
        raise OffOriginError(url=start)
    return start


def run_app(
    config: Config,
    *,
    url: str | None = None,
    demo: bool = False,
    library: Library | None = None,
    prefetch: StartPrefetch | None = None,
) -> int:
    """Run the app until the user quits; the CLI's default command.

    ``url`` (a portal URL or a server-relative path) opens that article first.
    Raises :class:`~phuly_tui.errors.PhulyError` for a deep link that is not a
    portal address (the CLI prints it).  ``demo`` says the portal is the
    bundled snapshot (the CLI has started its server already); the status bar
    shows it.  ``library`` and ``prefetch`` let the CLI start reading the
    store before this module (and Textual) is imported; the library is closed
    here either way.
    """
    from ..library import Library

    if library is None:
        library = Library(config)
    try:
        start = deep_link(library, url) if url else None
        app = PhulyApp(library, config, url=start, demo=demo, prefetch=prefetch)
        result = app.run()
        return app.return_code or int(result or 0)  # 1 after a crash
    finally:
        if prefetch is not None:
            prefetch.result()  # never close the store under the reading thread
        library.close()
