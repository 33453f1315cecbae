"""What the keys do with an article beyond reading it: leave the app or open a dialog.

Copy its URL (``y``) or text (``Y``, OSC 52), open it in the graphical
browser (``o``), export it (``e``), its attachments (``a``), links (``L``)
and related articles (``1``–``9``), search (``/``) and bookmarks (``B``).
``Y``, ``e``, ``L`` and ``1``–``9`` take whatever the reader shows: on a
document they act on its text and the numbers it cites
(:mod:`.document_actions`), so the screen never asks which.  Functions with explicit
arguments — the app, the library, the article — so they never reach into the
main screen, which routes the keys here and is told through a callable what
to open next.

:class:`~phuly_tui.model.Article` is imported in the functions that test for
it: they run on a key, after an article was shown, while this module is
imported before the app's first frame, which loads no article.

Nothing leaves the app without the user seeing where it goes: links off the
portal are confirmed with the full URL shown, only http/https URLs are handed
to a *graphical* browser (:mod:`phuly_tui.ui.external`), and a file is opened
with a viewer only when the opener allows its type — otherwise it is saved to
the downloads folder and the path is shown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from ...errors import PhulyError
from ...i18n import t
from .. import messages as _messages  # noqa: F401  (registers the labels)
from ..background import in_thread, spawn
from ..error_reports import notify_error
from ..formatting import notify_plain, screen_line

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

    from ...config import Config
    from ...documents import Document
    from ...library import ArchivedCopy, Library
    from ...model import Article, InlineLink, Section
    from ..widgets.status_bar import StatusBar

__all__ = [
    "COPY_LIMIT",
    "confirm_external",
    "copied_message",
    "copy_text",
    "copy_url",
    "export",
    "open_attachment",
    "open_external",
    "open_file_url",
    "open_numbered",
    "open_outside",
    "pick_attachment",
    "pick_link",
    "show_bookmarks",
    "show_search",
    "toggle_bookmark",
]

#: what ``Y`` copies at most (bytes of UTF-8): terminals cap OSC 52 sequences
COPY_LIMIT: Final = 100 * 1024


def _size(count: int) -> str:
    """A byte count as people say it: "812 B", "37 KB", "1,2 MB" (Vietnamese comma)."""
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{round(count / 1024)} KB"
    return f"{count / (1024 * 1024):.1f} MB".replace(".", ",")


# -- the chosen article ------------------------------------------------------------------
def copy_url(app: App[Any], url: str | None) -> None:
    """``y``: the article's URL to the clipboard (OSC 52: works over SSH)."""
    if url is None:
        notify_plain(app, t("ui.no_article"))
        return
    app.copy_to_clipboard(url)
    notify_plain(app, t("ui.copied", url=url), title=t("ui.copied.title"))


def copy_text(
    app: App[Any],
    shown: Article | Document | None,
    *,
    base_url: str,
    archived: ArchivedCopy | None,
) -> None:
    """``Y``: the open article's (or document's) plain text to the clipboard (OSC 52).

    The same text as the plain-text export (``E``), an archived copy's notice
    and capture address included.  Terminals cap what an
    OSC 52 sequence may carry, so a text over 100 KB is cut at a character
    boundary and the message says so.
    """
    from ...export import export_article, export_document
    from ...model import Article

    if shown is None:
        notify_plain(app, t("ui.no_article"))
        return
    if isinstance(shown, Article):
        citation = archived.citation if archived is not None else None
        text = export_article(shown, "txt", base_url=base_url, archived=citation)
    else:
        text = export_document(shown, "txt", base_url=base_url)
    data = text.encode("utf-8")
    if len(data) > COPY_LIMIT:
        text = data[:COPY_LIMIT].decode("utf-8", "ignore")
    app.copy_to_clipboard(text)
    notify_plain(app, copied_message(len(data)), title=t("ui.copied.title"))


def copied_message(size: int) -> str:
    """What ``Y`` says it copied: the size, and where it was cut (over :data:`COPY_LIMIT`)."""
    if size > COPY_LIMIT:
        return t("ui.copied_text_cut", size=_size(size), limit=_size(COPY_LIMIT))
    return t("ui.copied_text", size=_size(size))


def open_outside(
    node: DOMNode,
    library: Library,
    config: Config,
    status: StatusBar,
    url: str | None,
    *,
    file_url: str | None = None,
) -> None:
    """``o``: the file the reader shows (``file_url``: a document, or the notice
    about one) with the system's viewer (:func:`open_file_url`); else the
    article ``url`` in the graphical browser (:func:`open_external`)."""
    if file_url is not None:
        open_file_url(node, library, config, status, file_url)
    elif url is None:
        notify_plain(node.app, t("ui.no_article"))
    else:
        open_external(node.app, url)


def open_external(app: App[Any], url: str) -> None:
    """Open ``url`` in a graphical browser, never a terminal one in our terminal."""
    from ..external import open_in_browser as open_browser

    result = open_browser(url)
    if result.opened:
        notify_plain(app, t("ui.opened_browser", url=url), title=t("ui.browser.title"))
        return
    if result.code != "bad_scheme":
        app.copy_to_clipboard(url)
    notify_plain(app, result.reason, title=t("ui.browser.title"), severity="warning", timeout=10)


def export(
    node: DOMNode,
    shown: Article | Document | None,
    kind: str,
    *,
    base_url: str,
    archived: ArchivedCopy | None,
) -> None:
    """``e`` / ``E``: write the open article (or document) as Markdown / plain text
    to the downloads folder (the same files as ``phuly-tui export``; never over
    an existing file), in a thread of ``node``."""
    app = node.app
    fmt: Literal["md", "txt"] = "txt" if kind == "txt" else "md"
    if shown is None:
        notify_plain(app, t("ui.no_article"))
        return
    from ...model import Article

    citation = archived.citation if archived is not None else None
    said = "ui.exported" if isinstance(shown, Article) else "ui.document.exported"

    def work() -> str:
        from ...export import write_export
        from ...paths import downloads_dir

        path = write_export(shown, downloads_dir(), fmt, base_url=base_url, archived=citation)
        return str(path)

    def done(path: str) -> None:
        notify_plain(app, t(said, path=path), title=t("ui.export.title"))

    in_thread(node, work, done)


def toggle_bookmark(node: DOMNode, library: Library, url: str | None) -> None:
    """``b``: bookmark ``url``, or remove its bookmark (in a thread of ``node``)."""
    app = node.app
    if url is None:
        notify_plain(app, t("ui.no_article"))
        return

    def done(now: bool) -> None:
        notify_plain(app, t("ui.bookmarked" if now else "ui.unbookmarked"))

    in_thread(node, lambda: library.toggle_bookmark(url), done)


# -- attachments and links -------------------------------------------------------------
def pick_attachment(
    app: App[Any], article: Article | None, open_file: Callable[[str], None]
) -> None:
    """``a``: pick an attachment; ``open_file`` gets its URL."""
    from .picker import PickerScreen

    if article is None or not article.attachments:
        notify_plain(app, t("ui.no_attachments"))
        return
    attachments = article.attachments
    items = [
        (f"[{a.file_type or '?'}] {screen_line(a.title)}", screen_line(a.url)) for a in attachments
    ]

    def chosen(index: int | None) -> None:
        if index is not None and 0 <= index < len(attachments):
            open_file(attachments[index].url)

    app.push_screen(PickerScreen(t("article.attachments"), items), chosen)


def open_attachment(
    node: DOMNode,
    library: Library,
    config: Config,
    status: StatusBar,
    url: str,
    read: Callable[[str], None],
) -> None:
    """A document (PDF, DOCX, and the formats named in one line) → ``read`` (the
    reader pane); another file → :func:`open_file_url`."""
    from ...documents import is_document_url

    if is_document_url(url):
        read(url)
    else:
        open_file_url(node, library, config, status, url)


def open_file_url(
    node: DOMNode, library: Library, config: Config, status: StatusBar, url: str
) -> None:
    """Download a file of the portal (in a worker of ``node``), then hand it to a viewer."""
    spawn(
        node, _open_file(node.app, library, config, status, url), group="download", exclusive=True
    )


async def _open_file(
    app: App[Any], library: Library, config: Config, status: StatusBar, url: str
) -> None:
    from ...attachments import attachment_path, safe_file_name
    from ...paths import downloads_dir
    from ..external import open_file

    path = attachment_path(config.data_dir, url)  # sync --attachments
    if not path.is_file():
        if not library.is_portal_url(url):
            confirm_external(app, url)
            return
        name = safe_file_name(url)
        status.set_activity(t("ui.downloading", name=name))
        try:
            path = await library.download_attachment(url, downloads_dir(), name)
        except PhulyError as exc:
            notify_error(app, exc)
            return
        finally:
            status.set_activity(None)
    result = await asyncio.to_thread(open_file, path)
    if result.opened:
        notify_plain(app, t("ui.opened_file", path=str(path)))
    else:
        notify_plain(
            app, result.reason, title=t("article.attachments"), severity="warning", timeout=10
        )


def pick_link(
    app: App[Any],
    shown: Article | Document | None,
    links: Sequence[InlineLink],
    follow: Callable[[str], None],
    open_number: Callable[[int], None],
) -> None:
    """``L``: the body's numbered links, ``follow`` gets the chosen one's URL — or,
    on a document, the numbers it cites (``open_number`` gets the chosen one's)."""
    from ...model import Article
    from .picker import PickerScreen

    if shown is not None and not isinstance(shown, Article):
        from .document_actions import pick_cited

        pick_cited(app, [link.text for link in links], open_number)
        return
    if not links:
        notify_plain(app, t("ui.no_links"))
        return
    # the picker numbers its rows 1…N: the same numbers as the hints in the text
    items = [
        (screen_line(link.text) or screen_line(link.url), screen_line(link.url)) for link in links
    ]

    def chosen(index: int | None) -> None:
        if index is not None and 0 <= index < len(links):
            follow(links[index].url)

    app.push_screen(PickerScreen(t("ui.reader.links"), items), chosen)


def open_numbered(
    node: DOMNode,
    library: Library,
    shown: Article | Document | None,
    links: Sequence[InlineLink],
    number: int,
    read: Callable[[str], None],
) -> None:
    """``1``–``9``: ``read`` the article's ``number``-th related article — or, on a
    document, the ``number``-th document it cites (:func:`.document_actions.open_cited`)."""
    from ...model import Article

    if shown is not None and not isinstance(shown, Article):
        from .document_actions import open_cited

        open_cited(node, library, [link.text for link in links], number, read)
    elif shown is None or not 1 <= number <= len(shown.related):
        notify_plain(node.app, t("ui.no_related", n=number))
    else:
        read(shown.related[number - 1].url)


def confirm_external(app: App[Any], url: str, question: str | None = None) -> None:
    """Ask before handing ``url`` to the browser, showing it in full."""
    from .confirm import ConfirmScreen

    def answered(yes: bool | None) -> None:
        if yes:
            open_external(app, url)

    app.push_screen(ConfirmScreen(question, url=url), answered)


# -- dialogs over the stored articles ------------------------------------------------
def show_search(
    app: App[Any],
    library: Library,
    sections: Callable[[], Sequence[Section]],
    *,
    sync: Callable[[], None],
    chosen: Callable[[str, str], None],
) -> None:
    """``/``: search the stored articles; ``chosen(url, query)`` opens the one picked."""
    from .search import SearchScreen

    # filters typed in the box (muc:, tu:, den:) resolve against the sections on screen
    dialog = SearchScreen(lambda text: library.search_typed(text, sections()), sync=sync)

    def picked(url: str | None) -> None:
        if url:
            chosen(url, dialog.last_query)

    app.push_screen(dialog, picked)


def show_bookmarks(app: App[Any], library: Library, chosen: Callable[[str], None]) -> None:
    """``B``: the bookmarked articles; Enter opens one (``chosen``), ``b`` removes one."""
    from .bookmarks import BookmarksScreen

    def picked(url: str | None) -> None:
        if url:
            chosen(url)

    app.push_screen(BookmarksScreen(library.bookmarks, on_remove=library.toggle_bookmark), picked)
