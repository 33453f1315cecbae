"""What the keys do with a document read in the reader (issue 13), and the "Văn bản" view.

The reader pane loads and shows documents (:mod:`..widgets.reader_pane`);
these are the keys that act on one, as functions with explicit arguments like
:mod:`.article_actions` (whose ``Y``, ``e``/``E``, ``L`` and ``1``–``9`` take a
document too, and call here for its cited numbers):

- :func:`save_file`: ``s``, the open file into the downloads folder through
  the one writer (:mod:`phuly_tui.user_files`: a fresh name when one is taken,
  the same file saved twice kept once), at most ``attachment_max_mb``;
- :func:`open_cited`, :func:`pick_cited`: a cited number (keys ``1``–``9``,
  ``L``) opens that document when the store knows its file, else one line
  says it is not available;
- :func:`show_documents`: ``D``, every known document; Enter reads one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ...errors import PhulyError
from ...i18n import add_messages, t
from .. import messages as _messages  # noqa: F401  (registers the labels)
from ..background import in_thread, spawn
from ..error_reports import notify_error
from ..formatting import notify_plain, screen_line

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

    from ...config import Config
    from ...library import Library
    from ..widgets.status_bar import StatusBar

__all__ = [
    "open_cited",
    "pick_cited",
    "save_file",
    "show_documents",
]

add_messages(
    {
        "ui.document.saved": ("Đã lưu tệp vào {path}", "Saved the file to {path}"),
        "ui.document.save.title": ("Lưu tệp", "Save file"),
        "ui.document.no_file": (
            "Chưa mở tệp nào (s lưu tệp đính kèm đang đọc).",
            "No file is open (s saves the attachment being read).",
        ),
        "ui.document.no_link": ("Văn bản không dẫn văn bản số {n}.", "No cited document {n}."),
        "ui.document.cited_unknown": (
            "Chưa có văn bản {number} (chưa bài viết nào đính kèm tệp của nó).",
            "Document {number} is not available (no article attaches its file).",
        ),
    }
)


# -- the open file -------------------------------------------------------------------------
def save_file(
    node: DOMNode, library: Library, config: Config, status: StatusBar, url: str | None
) -> None:
    """``s``: the file open in the reader into the downloads folder (in a worker of ``node``)."""
    if url is None:
        notify_plain(node.app, t("ui.document.no_file"))
        return
    spawn(node, _save(node.app, library, config, status, url), group="download", exclusive=True)


async def _save(
    app: App[Any], library: Library, config: Config, status: StatusBar, url: str
) -> None:
    from ...attachments import attachment_path, safe_file_name
    from ...paths import downloads_dir
    from ...user_files import save_file as save_copy

    name = safe_file_name(url)
    synced = attachment_path(config.data_dir, url)  # sync --attachments kept it
    status.set_activity(t("ui.downloading", name=name))
    try:
        if synced.is_file():
            path = await asyncio.to_thread(
                save_copy, synced, downloads_dir(), name, reuse_identical=True
            )
        else:
            path = await library.download_attachment(url, downloads_dir(), name)
    except PhulyError as exc:
        notify_error(app, exc)
        return
    except OSError as exc:  # copying the synced file
        message = f"{exc.strerror or exc}: {exc.filename or downloads_dir()}"
        notify_plain(app, message, title=t("ui.document.save.title"), severity="error")
        return
    finally:
        status.set_activity(None)
    notify_plain(app, t("ui.document.saved", path=str(path)), title=t("ui.document.save.title"))


# -- cited numbers ---------------------------------------------------------------------
def open_cited(
    node: DOMNode,
    library: Library,
    cited: Sequence[str],
    number: int,
    read: Callable[[str], None],
) -> None:
    """The ``number``-th (1-based) of the ``cited`` numbers: ``read(url)`` of the
    document when the store knows its file, else a one-line message."""
    app = node.app
    if not 1 <= number <= len(cited):
        notify_plain(app, t("ui.document.no_link", n=number))
        return
    wanted = cited[number - 1]

    def found(url: str | None) -> None:
        if url is None:
            notify_plain(app, t("ui.document.cited_unknown", number=screen_line(wanted)))
        else:
            read(url)

    in_thread(node, lambda: _known_file(library, wanted), found)


def _known_file(library: Library, number: str) -> str | None:
    """Thread: the URL of the known document numbered ``number`` (any spelling), or None."""
    from ...documents import parse_number

    wanted = parse_number(number)
    if wanted is None:
        return None
    for known in library.known_documents():
        parsed = parse_number(known.number) if known.number else None
        if known.url and parsed is not None and parsed.key == wanted.key:
            return known.url
    return None


def pick_cited(app: App[Any], cited: Sequence[str], open_number: Callable[[int], None]) -> None:
    """``L`` on a document: its cited numbers, numbered as in the text."""
    from .picker import PickerScreen

    if not cited:
        notify_plain(app, t("ui.no_links"))
        return
    items = [(screen_line(number), "") for number in cited]

    def chosen(index: int | None) -> None:
        if index is not None and 0 <= index < len(cited):
            open_number(index + 1)

    app.push_screen(PickerScreen(t("document.cited"), items), chosen)


# -- the "Văn bản" view ----------------------------------------------------------------
def show_documents(app: App[Any], library: Library, read: Callable[[str], None]) -> None:
    """``D``: every known document, newest first; ``read(url)`` the one chosen."""
    from .documents import DocumentsScreen

    if isinstance(app.screen, DocumentsScreen):  # D again closes it
        app.pop_screen()
        return

    def picked(choice: tuple[str, str] | None) -> None:
        if choice is not None:
            read(choice[0])

    app.push_screen(DocumentsScreen(library.known_documents), picked)
