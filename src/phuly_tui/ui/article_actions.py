"""What the keys do with an article beyond reading it: leave the app or open a dialog.

Copy its URL (``y``, OSC 52), open it in the graphical browser (``o``),
export it (``e``), its attachments (``a``) and links (``L``), search (``/``)
and bookmarks (``B``).  Kept apart from :class:`~phuly_tui.ui.screens.main.
MainScreen`, which owns the reading flow; an :class:`ArticleActions` acts on
the screen it is given.

Nothing leaves the app without the user seeing where it goes: links off the
portal are confirmed with the full URL shown, only http/https URLs are handed
to a *graphical* browser (:mod:`phuly_tui.ui.external`), and a file is opened
with a viewer only when the opener allows its type — otherwise it is saved to
the downloads folder and the path is shown.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Final, Literal

from ..errors import PhulyError, UnsafeURLError
from ..i18n import t
from . import messages as _messages  # noqa: F401  (registers the labels)
from .formatting import screen_line

if TYPE_CHECKING:
    from .screens.main import MainScreen

__all__ = ["ArticleActions"]

#: what ``Y`` copies at most (bytes of UTF-8): terminals cap OSC 52 sequences
COPY_LIMIT: Final = 100 * 1024


def _size(count: int) -> str:
    """A byte count as people say it: "812 B", "37 KB", "1,2 MB" (Vietnamese comma)."""
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{round(count / 1024)} KB"
    return f"{count / (1024 * 1024):.1f} MB".replace(".", ",")


class ArticleActions:
    """The outward actions of ``screen`` (see the module docstring)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    # -- the chosen article -----------------------------------------------------------
    def copy_url(self) -> None:
        """``y``: the article's URL to the clipboard (OSC 52: works over SSH)."""
        screen = self.screen
        url = screen.current_url()
        if url is None:
            screen.say(t("ui.no_article"))
            return
        screen.app.copy_to_clipboard(url)
        screen.say(t("ui.copied", url=url), title=t("ui.copied.title"))

    def copy_text(self) -> None:
        """``Y``: the open article's plain text to the clipboard (OSC 52: over SSH too).

        The same text as the plain-text export (``E``).  Terminals cap what an
        OSC 52 sequence may carry, so a text over 100 KB is cut at a character
        boundary and the message says so.
        """
        from ..export import export_article

        screen = self.screen
        article = screen.reader.article
        if article is None:
            screen.say(t("ui.no_article"))
            return
        text = export_article(article, "txt", base_url=screen.library.base_url)
        data = text.encode("utf-8")
        if len(data) > COPY_LIMIT:
            text = data[:COPY_LIMIT].decode("utf-8", "ignore")
            message = t("ui.copied_text_cut", size=_size(len(data)), limit=_size(COPY_LIMIT))
        else:
            message = t("ui.copied_text", size=_size(len(data)))
        screen.app.copy_to_clipboard(text)
        screen.say(message, title=t("ui.copied.title"))

    def open_in_browser(self) -> None:
        """``o``: the article in the graphical browser; else show and copy its URL."""
        url = self.screen.current_url()
        if url is None:
            self.screen.say(t("ui.no_article"))
            return
        self.open_external(url)

    def open_external(self, url: str) -> None:
        """Open ``url`` in a graphical browser, never a terminal one in our terminal."""
        from .external import open_in_browser

        screen = self.screen
        result = open_in_browser(url)
        if result.opened:
            screen.say(t("ui.opened_browser", url=url), title=t("ui.browser.title"))
            return
        if result.code != "bad_scheme":
            screen.app.copy_to_clipboard(url)
        screen.say(result.reason, title=t("ui.browser.title"), severity="warning", timeout=10)

    def export(self, kind: Literal["md", "txt"] = "md") -> None:
        """``e`` / ``E``: write the open article as Markdown / plain text to the
        downloads folder (the same files as ``phuly-tui export``)."""
        screen = self.screen
        article = screen.reader.article
        if article is None:
            screen.say(t("ui.no_article"))
            return

        archived = screen.citation(article.url)

        def work() -> str:
            from ..export import write_export
            from ..paths import downloads_dir

            base_url = screen.library.base_url
            path = write_export(
                article, downloads_dir(), kind, base_url=base_url, archived=archived
            )
            return str(path)

        def done(path: str) -> None:
            screen.say(t("ui.exported", path=path), title=t("ui.export.title"))

        screen.in_thread(work, done)

    # -- attachments and links ----------------------------------------------------------
    def attachments(self) -> None:
        """``a``: pick an attachment; it opens in the system's viewer or is saved."""
        from .screens.picker import PickerScreen

        screen = self.screen
        article = screen.reader.article
        if article is None or not article.attachments:
            screen.say(t("ui.no_attachments"))
            return
        attachments = article.attachments
        items = [
            (f"[{a.file_type or '?'}] {screen_line(a.title)}", screen_line(a.url))
            for a in attachments
        ]

        def chosen(index: int | None) -> None:
            if index is not None and 0 <= index < len(attachments):
                self.open_file_url(attachments[index].url)

        screen.app.push_screen(PickerScreen(t("ui.reader.attachments"), items), chosen)

    def open_file_url(self, url: str) -> None:
        """Download a file of the portal (in a worker), then hand it to a viewer."""
        self.screen.spawn(self._open_file(url), group="download", exclusive=True)

    async def _open_file(self, url: str) -> None:
        from ..attachments import attachment_path, safe_file_name
        from ..paths import downloads_dir
        from .external import open_file

        screen = self.screen
        path = attachment_path(screen.config.data_dir, url)  # sync --attachments
        if not path.is_file():
            if not screen.library.is_portal_url(url):
                self.confirm_external(url)
                return
            name = safe_file_name(url)
            screen.status.set_activity(t("ui.downloading", name=name))
            try:
                path = await screen.library.download_attachment(url, downloads_dir(), name)
            except PhulyError as exc:
                screen.notify_error(exc)
                return
            finally:
                screen.status.set_activity(None)
        result = await asyncio.to_thread(open_file, path)
        if result.opened:
            screen.say(t("ui.opened_file", path=str(path)))
        else:
            screen.say(
                result.reason, title=t("ui.reader.attachments"), severity="warning", timeout=10
            )

    def links(self) -> None:
        """``L``: the body's numbered links; same-site pages open here, others ask."""
        from .screens.picker import PickerScreen

        screen = self.screen
        links = screen.reader.links
        if not links:
            screen.say(t("ui.no_links"))
            return
        # the picker numbers its rows 1…N: the same numbers as the hints in the text
        items = [
            (screen_line(link.text) or screen_line(link.url), screen_line(link.url))
            for link in links
        ]

        def chosen(index: int | None) -> None:
            if index is not None and 0 <= index < len(links):
                self.follow_link(links[index].url)

        screen.app.push_screen(PickerScreen(t("ui.reader.links"), items), chosen)

    def follow_link(self, url: str) -> None:
        """Where a link goes.

        The library decides (:meth:`~phuly_tui.library.Library.route`): the
        home page → the sections pane, a section or a listing → its list, a
        file (PDF, DOCX…) → downloaded like an attachment, anything else on
        the portal → the reader (an archived copy's address: the portal page).
        Off the portal: the browser, after asking with the full URL.  An
        address the URL policy refuses for user info or a backslash is not
        followed at all (the parser drops such links; a deep link is refused
        before the app starts): this is the last guard.
        """
        screen = self.screen
        route = screen.library.route(url, screen.sections)
        if route.kind == "refused":  # the URL policy: never opened, never shown in full
            screen.notify_error(UnsafeURLError(url=route.url))
        elif route.kind == "external":
            self.confirm_external(route.url)
        elif route.kind == "home":
            screen.focus_pane("sections")
        elif route.section is not None:  # a section, or a listing page off the menu
            screen.open_section(route.section)
        elif route.kind == "attachment":
            self.open_file_url(route.url)
        else:
            screen.open_article(route.url)

    def confirm_external(self, url: str, question: str | None = None) -> None:
        """Ask before handing ``url`` to the browser, showing it in full."""
        from .screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_external(url)

        self.screen.app.push_screen(ConfirmScreen(question, url=url), answered)

    # -- dialogs over the stored articles --------------------------------------------------
    def search(self) -> None:
        """``/``: search the stored articles; the chosen one opens with matches lit."""
        from .screens.search import SearchScreen

        screen = self.screen
        library = screen.library
        # filters typed in the box (muc:, tu:, den:) resolve against the sections on screen
        dialog = SearchScreen(
            lambda text: library.search_typed(text, screen.sections), sync=screen.sync
        )

        def chosen(url: str | None) -> None:
            if url:
                screen.highlight_next_article(dialog.last_query)
                screen.open_article(url)

        screen.app.push_screen(dialog, chosen)

    def bookmarks(self) -> None:
        """``B``: the bookmarked articles; Enter opens one, ``b`` removes one."""
        from .screens.bookmarks import BookmarksScreen

        screen = self.screen

        def chosen(url: str | None) -> None:
            if url:
                screen.open_article(url)

        library = screen.library
        screen.app.push_screen(
            BookmarksScreen(library.bookmarks, on_remove=library.toggle_bookmark), chosen
        )
