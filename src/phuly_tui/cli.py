"""The ``phuly-tui`` command: the app by default, and subcommands for scripts.

``phuly-tui`` opens the reader; ``phuly-tui URL`` opens it on one article.
Subcommands print plain text (styled on a terminal, unstyled when piped or with
``--plain``), ``--json`` (the model's ``to_dict()``) or ``--markdown``.

Exit codes (the README's table): 0 success (also when a stored copy or an
Internet Archive capture was shown because the portal failed — the notice goes
to stderr — and when a pipe's reader went away), 1 unexpected error, 2 usage (a
bad setting too), 3 network or server error (the archive's wait too long
included), 4 not found (page, section, stored copy, capture), 5 store or I/O (a
store or an output that cannot be written), 130 Ctrl+C.  Errors are one line on
stderr; tracebacks go to the log file only.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

from . import __version__
from .config import SETTINGS, Config, load_config
from .errors import (
    ConfigError,
    DocumentError,
    FetchError,
    NoSuchPageError,
    NotAnArticleError,
    NotFoundError,
    NotHTMLError,
    OfflineMissError,
    ParseError,
    PhulyError,
    StoreError,
    UnknownSectionError,
    UsageError,
)
from .i18n import add_messages, language, set_language, t
from .streams import discard_stdout, prepare_standard_streams, writes_unicode
from .text import safe_terminal_text
from .urls import is_url_input

if TYPE_CHECKING:
    import argparse

    from rich.console import Console

    from .archive import ArchiveWait
    from .library import Library, Loaded, SyncProgress

__all__ = ["main"]

add_messages(
    {
        "cli.description": (
            "Đọc tin Cổng thông tin điện tử thành phố Phủ Lý trong terminal.",
            "Read the Phủ Lý city portal's news in a terminal.",
        ),
        "cli.epilog": (
            "Chạy không có lệnh con để mở ứng dụng; phuly-tui URL mở thẳng một bài viết.",
            "Run without a subcommand to open the app; phuly-tui URL opens one article.",
        ),
        "cli.interrupted": ("Đã dừng.", "Interrupted."),
        "cli.io_title": ("Lỗi đọc/ghi", "Input/output error"),
        "cli.io_failed": (
            "không ghi được {target}: {reason}",
            "could not write {target}: {reason}",
        ),
        "cli.needs_utf8": (
            "ứng dụng cần một terminal UTF-8 (bảng mã hiện tại: {encoding});"
            " hãy đặt LANG=C.UTF-8, hoặc dùng các lệnh con (chúng in được không dấu).",
            "the app needs a UTF-8 terminal (the current encoding is {encoding});"
            " set LANG=C.UTF-8, or use the subcommands (they print unaccented text).",
        ),
        "cli.insecure": (
            "CẢNH BÁO: đã tắt kiểm tra chứng chỉ TLS (--insecure).",
            "WARNING: TLS certificate verification is off (--insecure).",
        ),
        "cli.no_results": (
            "Không tìm thấy bài nào trong dữ liệu đã tải. Tải thêm: phuly-tui sync",
            "Nothing found in the stored articles. Fetch more: phuly-tui sync",
        ),
        "help.list_new": (
            "Tin mới: bài chưa đọc của mọi chuyên mục đã lưu, mới nhất trước",
            "Tin mới: unread articles of every stored section, newest first",
        ),
        "cli.new_section": ("Tin mới", "Tin mới (new)"),
        "cli.no_new": (
            "Không có bài chưa đọc trong dữ liệu đã tải. Tải thêm: phuly-tui sync",
            "No unread stored article. Fetch more: phuly-tui sync",
        ),
        "cli.list_new_alone": (
            "list --new không đi cùng tên chuyên mục hay --page",
            "list --new takes no section and no --page",
        ),
        "help.search_section": (
            "chỉ tìm trong chuyên mục (tên, slug hoặc địa chỉ, như list)",
            "search one section only (name, slug or URL, as list takes)",
        ),
        "help.search_since": (
            "từ ngày (2024-01-31 hoặc 31/01/2024), kể cả ngày đó",
            "from this day (2024-01-31 or 31/01/2024), inclusive",
        ),
        "help.search_until": (
            "đến ngày (2024-01-31 hoặc 31/01/2024), kể cả ngày đó",
            "up to this day (2024-01-31 or 31/01/2024), inclusive",
        ),
        "cli.no_bookmarks": ("Chưa có bài viết nào được đánh dấu.", "No bookmarks yet."),
        "cli.saved": ("Đã lưu: {path}", "Saved: {path}"),
        "cli.exists": (
            "{path} đã tồn tại và không bị ghi đè; chọn tên khác, một thư mục, "
            "hoặc thêm --overwrite để thay nó",
            "{path} exists and was not overwritten; choose another name, a folder, "
            "or add --overwrite to replace it",
        ),
        "cli.pruned": (
            "Đã xóa {count} mục cũ khỏi kho (bài đã đánh dấu được giữ lại).",
            "Removed {count} old entries from the store (bookmarks are kept).",
        ),
        "cli.sync_summary": (
            "Đồng bộ xong: {new} mới, {updated} cập nhật, {unchanged} không đổi, {failed} lỗi.",
            "Sync done: {new} new, {updated} updated, {unchanged} unchanged, {failed} failed.",
        ),
        "cli.sync_progress": ("Đang đồng bộ", "Syncing"),
        "cli.page_of": ("Trang {page}/{last}", "Page {page} of {last}"),
        "cli.page": ("Trang {page}", "Page {page}"),
        "cli.next_page": ("Trang sau: {url}", "Next page: {url}"),
        "help.sections": ("liệt kê các chuyên mục", "list the sections"),
        "help.list": ("liệt kê bài viết của một chuyên mục", "list a section's articles"),
        "help.read": ("đọc một bài viết", "read an article"),
        "help.search": ("tìm bài viết đã lưu (không cần dấu)", "search stored articles"),
        "help.bookmarks": ("các bài đã đánh dấu", "bookmarked articles"),
        "help.export": ("xuất bài viết ra Markdown hoặc văn bản", "export an article"),
        "help.sync": ("tải các chuyên mục về kho để đọc ngoại tuyến", "fetch for offline"),
        "help.prune": ("xóa bản lưu cũ", "remove old stored pages"),
        "help.config_path": ("in đường dẫn tệp cấu hình", "print the config file path"),
        "help.docs": (
            "liệt kê các văn bản đã biết (mới nhất trước)",
            "list the known documents (newest first)",
        ),
        "help.docs_type": (
            "chỉ một loại: mã (KH) hoặc tên (Kế hoạch)",
            "one type only: a code (KH) or a name (Kế hoạch)",
        ),
        "cli.no_documents": ("Chưa biết văn bản nào.", "No documents known yet."),
        "cli.only_cited": ("chưa có tệp", "not available"),
        "help.json": ("xuất JSON", "print JSON"),
        "help.plain": ("văn bản thuần, không màu", "plain text, no styling"),
        "help.markdown": ("xuất Markdown", "print Markdown"),
        "help.explain": ("cho biết quy tắc nào trích xuất từng trường", "show extraction rules"),
        "help.demo": (
            "dùng bản sao cổng thông tin có sẵn (không cần mạng)",
            "use the bundled portal snapshot (no network)",
        ),
        "help.version": ("in phiên bản", "print the version"),
        "help.demo_archive": (
            "bản demo khi cổng thông tin đã đóng: đọc từ kho lưu trữ giả lập có sẵn",
            "the demo with the portal gone: read from the bundled stand-in archive",
        ),
        "help.captures": (
            "các bản lưu trữ của một trang trên Internet Archive (mới nhất trước)",
            "a page's captures in the Internet Archive (newest first)",
        ),
        "help.from_archive": (
            "tải bản lưu trữ mới nhất từ Internet Archive (giữ giới hạn tốc độ)",
            "fetch the newest captures from the Internet Archive (rate-limited)",
        ),
        "cli.archive_wait": (
            "Internet Archive yêu cầu chờ {seconds} giây; đang chờ…",
            "The Internet Archive asks to wait {seconds} seconds; waiting…",
        ),
        "cli.archive_rate_wait": (
            "chờ Internet Archive {seconds} giây",
            "waiting {seconds} s for the Internet Archive",
        ),
        "help.config": ("tệp cấu hình TOML", "TOML config file"),
        "help.overwrite": (
            "cho phép thay tệp -o FILE đã có (mặc định: không bao giờ ghi đè)",
            "allow replacing an existing -o FILE (by default nothing is overwritten)",
        ),
        "cli.positive_int": (
            "cần một số nguyên lớn hơn 0, không phải {value!r}",
            "expected a whole number above 0, not {value!r}",
        ),
    }
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NETWORK, EXIT_NOT_FOUND, EXIT_STORE = 0, 1, 2, 3, 4, 5
_SUBCOMMANDS = (
    "docs",
    "sections",
    "list",
    "read",
    "search",
    "bookmarks",
    "export",
    "sync",
    "prune",
    "captures",
    "config-path",
)


# -- argument parsing ---------------------------------------------------------------
def positive_int(text: str) -> int:
    """Argument type of every count the CLI takes (pages, days, requests, results).

    Zero, negative numbers and anything but digits are bad usage (argparse
    exits with 2 and names the argument): ``prune --older-than -1`` once
    meant "everything is older than tomorrow" and emptied the store.
    """
    import argparse

    value = text.strip()
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(t("cli.positive_int", value=text))
    return int(value)


#: how each setting's flag is read, beyond "one string value"
#: (values stay strings: config.parse_setting checks flags like the file and the environment)
_OPTION_KINDS: dict[str, dict[str, Any]] = {
    "offline": {"action": "store_const", "const": True},
    "insecure": {"action": "store_const", "const": True},
    "timeout": {"metavar": "SECONDS"},
    "attachment_max_mb": {"metavar": "MB"},
    "data_dir": {"metavar": "DIR"},
    "lang": {"metavar": "vi|en"},
    "theme": {"metavar": "THEME"},
    "base_url": {"metavar": "URL"},
    "ca_bundle": {"metavar": "FILE"},
    "proxy": {"metavar": "URL"},
    "archive": {"metavar": "auto|always|never"},
    "archive_url": {"metavar": "URL"},
    "archive_rate": {"metavar": "N"},
}


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options accepted before and after the subcommand (one definition, both places)."""
    import argparse

    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("settings" if not suppress else "settings (global)")
    for setting in SETTINGS:
        description = setting.help_en if language() == "en" else setting.help_vi
        help_text = f"{description} ({setting.env})"
        group.add_argument(
            setting.flag,
            dest=setting.name,
            default=default,
            help=help_text,
            **_OPTION_KINDS.get(setting.name, {}),
        )
    group.add_argument(
        "--config",
        dest="config_file",
        type=Path,
        default=default,
        metavar="FILE",
        help=t("help.config") + " (PHULY_TUI_CONFIG)",
    )
    group.add_argument(
        "--demo", action="store_const", const=True, default=default, help=t("help.demo")
    )
    group.add_argument(
        "--demo-archive",
        action="store_const",
        const=True,
        default=default,
        help=t("help.demo_archive"),
    )


def _output_options(parser: argparse.ArgumentParser, *, markdown: bool = False) -> None:
    parser.add_argument("--json", action="store_true", help=t("help.json"))
    parser.add_argument("--plain", action="store_true", help=t("help.plain"))
    if markdown:
        parser.add_argument("--markdown", action="store_true", help=t("help.markdown"))


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="phuly-tui",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
    )
    parser.add_argument(
        "--version", action="version", version=f"phuly-tui {__version__}", help=t("help.version")
    )
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_key: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=t(help_key), description=t(help_key))
        _global_options(p, suppress=True)
        return p

    p = command("sections", "help.sections")
    _output_options(p)
    p = command("list", "help.list")
    p.add_argument("section", nargs="?", help="tên, slug hoặc địa chỉ chuyên mục")
    p.add_argument("--page", type=positive_int, default=None, metavar="N")
    p.add_argument("--new", action="store_true", help=t("help.list_new"))
    _output_options(p)
    p = command("read", "help.read")
    p.add_argument("url", help="địa chỉ bài viết (tuyệt đối hoặc /Pages/…)")
    _output_options(p, markdown=True)
    p.add_argument("--explain", action="store_true", help=t("help.explain"))
    p = command("docs", "help.docs")
    p.add_argument("--type", dest="doc_type", metavar="TYPE", help=t("help.docs_type"))
    _output_options(p)
    p = command("search", "help.search")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=positive_int, default=20, metavar="N")
    p.add_argument("--section", metavar="SECTION", help=t("help.search_section"))
    p.add_argument("--since", metavar="DATE", help=t("help.search_since"))
    p.add_argument("--until", metavar="DATE", help=t("help.search_until"))
    _output_options(p)
    p = command("bookmarks", "help.bookmarks")
    _output_options(p)
    p = command("export", "help.export")
    p.add_argument("url")
    p.add_argument("-o", "--output", metavar="FILE", help="tệp hoặc thư mục đích; - là stdout")
    p.add_argument("--format", choices=("md", "txt"), default="md")
    p.add_argument("--overwrite", action="store_true", help=t("help.overwrite"))
    p = command("sync", "help.sync")
    p.add_argument("--sections", nargs="+", metavar="SECTION")
    p.add_argument("--pages", type=positive_int, default=2, metavar="N")
    p.add_argument("--concurrency", type=positive_int, default=4, metavar="N")
    p.add_argument("--attachments", action="store_true")
    p.add_argument("--from-archive", action="store_true", help=t("help.from_archive"))
    p.add_argument("--json", action="store_true", help=t("help.json"))
    p = command("captures", "help.captures")
    p.add_argument("url", help="địa chỉ trang (tuyệt đối hoặc /Pages/…)")
    p.add_argument("--json", action="store_true", help=t("help.json"))
    p = command("prune", "help.prune")
    p.add_argument("--older-than", type=positive_int, default=90, metavar="DAYS")
    command("config-path", "help.config_path")
    return parser


def _parse_app_options(argv: list[str]) -> argparse.Namespace | None:
    """The app's own start (options only, no subcommand) without the whole parser tree.

    Building every subcommand's parser is a few milliseconds of a start that
    is measured against a bare Textual app.  This parser knows only the global
    options; anything it does not accept exactly — a subcommand, ``--help``,
    ``--version``, an abbreviation, a bad value — gives None, and
    :func:`build_parser` then parses (and reports) as always.
    """
    import argparse

    class QuietParser(argparse.ArgumentParser):
        """A parser whose errors are exceptions, never a message and exit."""

        def error(self, message: str) -> NoReturn:
            raise argparse.ArgumentError(None, message)

    if any(arg in _SUBCOMMANDS for arg in argv):
        return None
    parser = QuietParser(prog="phuly-tui", add_help=False, allow_abbrev=False)
    _global_options(parser, suppress=False)
    parser.set_defaults(command=None)
    try:
        args, extras = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if extras else args


# -- helpers ---------------------------------------------------------------------------
def _say(stream: TextIO, text: str) -> None:
    stream.write(safe_terminal_text(text) + "\n")
    stream.flush()


def _console(args: argparse.Namespace) -> Console:
    from rich.console import Console

    class PipeConsole(Console):
        """Rich ends the process (exit 1) when a pipe's reader goes away; here
        that is main()'s business: it ends quietly with 0."""

        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    plain = bool(getattr(args, "plain", False)) or "NO_COLOR" in os.environ
    # on a terminal lines fit its width; piped, a line stays whole (URLs, grep)
    return PipeConsole(
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=not sys.stdout.isatty(),
        color_system=None if plain else "auto",
        no_color=plain,
    )


def _print_json(data: Any) -> None:
    # a stream that cannot encode Vietnamese gets \u escapes: still exact, valid JSON
    ascii_only = not writes_unicode(sys.stdout)
    sys.stdout.write(json.dumps(data, ensure_ascii=ascii_only, indent=2) + "\n")


def _notice(loaded: Loaded[Any]) -> None:
    if loaded.notice:
        reason = f" — {loaded.error.message}" if loaded.error else ""
        _say(sys.stderr, loaded.notice + reason)


def _say_archive_wait(wait: ArchiveWait) -> None:
    """A 429's wait, on stderr before it starts (rate waits are the progress line's)."""
    if wait.reason == "retry_after":
        _say(sys.stderr, t("cli.archive_wait", seconds=max(1, round(wait.seconds))))


def _with_source(data: dict[str, Any], loaded: Loaded[Any]) -> dict[str, Any]:
    """``--json`` output with where it came from: ``"source": {"kind": …}``."""
    return {**data, "source": loaded.source_dict}


def _exit_code(error: PhulyError) -> int:
    if isinstance(error, NotFoundError | UnknownSectionError | OfflineMissError | NoSuchPageError):
        return EXIT_NOT_FOUND
    if isinstance(error, NotAnArticleError | ParseError | DocumentError):
        return EXIT_NOT_FOUND
    if isinstance(error, FetchError):
        return EXIT_NETWORK
    if isinstance(error, StoreError):
        return EXIT_STORE
    if isinstance(error, UsageError | ConfigError):
        return EXIT_USAGE
    return EXIT_ERROR


def _run(library: Library, coro: Coroutine[Any, Any, int]) -> int:
    async def wrapper() -> int:
        try:
            return await coro
        finally:
            await library.aclose()

    return asyncio.run(wrapper())


# -- subcommands -------------------------------------------------------------------------
async def cmd_sections(library: Library, args: argparse.Namespace) -> int:
    """The home page's sections; ``--json`` prints the whole home page (sections, featured)."""
    loaded = await library.home()
    _notice(loaded)
    if args.json:
        _print_json(_with_source(loaded.value.to_dict(), loaded))
        return EXIT_OK
    from rich.text import Text

    console = _console(args)
    for n, section in enumerate(loaded.value.sections, 1):
        line = Text(f"{n}. ")
        line.append(section.name, style="bold")
        line.append(f"  {section.url}", style="dim")
        console.print(line)
    return EXIT_OK


async def cmd_list(library: Library, args: argparse.Namespace) -> int:
    """A listing page; ``--page N`` follows the portal's own pager from the first page
    (or from the listing URL given) — exit 4 past the last page, naming it."""
    if args.new:
        return await _list_new(library, args)
    page = args.page or 1
    if args.section and is_url_input(args.section):
        # a listing URL is used as given (its own page parameter included)
        loaded = await library.listing(library.absolute(args.section), page=page)
    else:
        section = await library.resolve_section(args.section)
        loaded = await library.listing(section.url, page=page)
    _notice(loaded)
    listing = loaded.value
    if args.json:
        _print_json(_with_source(listing.to_dict(), loaded))
        return EXIT_OK
    from rich.text import Text

    from .render.dates import format_date

    console = _console(args)
    read = library.read_urls(item.url for item in listing.items)
    head = Text(listing.section, style="bold")
    pager = (
        t("cli.page_of", page=listing.page, last=listing.last_page)
        if listing.last_page
        else t("cli.page", page=listing.page)
    )
    head.append(f" — {pager}", style="dim")
    console.print(head)
    for n, item in enumerate(listing.items, 1):
        line = Text(f"{n:>2}. ")
        line.append(format_date(item.published) or "          ", style="cyan")
        line.append("  ")
        line.append(item.title, style="dim" if item.url in read else "bold")
        console.print(line)
        console.print(Text(f"    {item.url}", style="dim"))
    if listing.next:
        console.print(Text(t("cli.next_page", url=listing.next), style="dim"))
    return EXIT_OK


async def _list_new(library: Library, args: argparse.Namespace) -> int:
    """``list --new``: "Tin mới", the unread articles of every stored section, newest
    first (at most 200), from the store only; the listing JSON shape, each item
    with its ``section``.  No SECTION and no ``--page``: bad usage."""
    if args.section or args.page is not None:
        raise UsageError("cli.list_new_alone")
    found = await asyncio.to_thread(library.unread_articles)
    if args.json:
        _print_json(
            {
                "kind": "listing",
                "url": None,
                "section": t("cli.new_section"),
                "page": 1,
                "items": [item.to_dict() | {"section": section} for item, section in found],
                "next": None,
                "prev": None,
                "last_page": 1,
            }
        )
        return EXIT_OK
    if not found:
        _say(sys.stderr, t("cli.no_new"))
        return EXIT_OK
    from rich.text import Text

    from .render.dates import format_date

    console = _console(args)
    console.print(Text(t("cli.new_section"), style="bold"))
    for n, (item, section) in enumerate(found, 1):
        line = Text(f"{n:>2}. ")
        line.append(format_date(item.published) or "          ", style="cyan")
        line.append("  ")
        line.append(item.title, style="bold")
        if section:
            line.append(f"  [{section}]", style="dim")
        console.print(line)
        console.print(Text(f"    {item.url}", style="dim"))
    return EXIT_OK


async def cmd_read(library: Library, args: argparse.Namespace) -> int:
    from .urls import is_file_url

    url = library.absolute(args.url)
    if is_file_url(url) and not args.explain:
        return await _read_document(library, url, args)
    if args.explain:
        return await _explain(library, url, args)
    try:
        loaded = await library.article(url)
    except NotHTMLError:
        return await _read_document(library, url, args)  # a file behind a page-like URL
    _notice(loaded)
    article = loaded.value
    await asyncio.to_thread(library.record_reading, article.url)
    archived = loaded.archived.citation if loaded.archived else None
    if args.json:
        _print_json(_with_source(article.to_dict(), loaded))
    elif args.markdown:
        from .render.article import article_markdown

        sys.stdout.write(article_markdown(article, archived=archived))
    else:
        from .render.article import article_rich

        console = _console(args)
        for part in article_rich(article):
            # every part already fits the width (text wraps, tables are laid out to
            # it): Rich's cropping would measure each line again, seconds for a big table
            console.print(part, crop=False)
    return EXIT_OK


async def _read_document(library: Library, url: str, args: argparse.Namespace) -> int:
    """``read`` of an attachment: its text (plain, Markdown or JSON) and card."""
    from .documents import document_notice

    loaded = await library.document(url)
    _notice(loaded)
    document = loaded.value
    notice = document_notice(document)
    if notice:
        _say(sys.stderr, notice)  # scanned, truncated: said once, on stderr (exit 0)
    if args.json:
        _print_json(document.to_dict())
    elif args.markdown:
        from .render.document import document_markdown

        sys.stdout.write(document_markdown(document))
    else:
        from .render.document import document_rich

        console = _console(args)
        for part in document_rich(document):
            console.print(part)
    return EXIT_OK


async def cmd_docs(library: Library, args: argparse.Namespace) -> int:
    """Every known document, newest first; ``--type`` filters by code or name."""
    documents = await asyncio.to_thread(library.known_documents, args.doc_type)
    if args.json:
        _print_json([d.to_dict() for d in documents])
        return EXIT_OK
    if not documents:
        _say(sys.stderr, t("cli.no_documents"))
        return EXIT_OK
    from rich.text import Text

    from .render.dates import format_date

    console = _console(args)
    for n, d in enumerate(documents, 1):
        line = Text(f"{n:>2}. ")
        line.append(format_date(d.issued) or "          ", style="cyan")
        line.append("  ")
        if d.number:
            line.append(d.number, style="bold")
            line.append("  ")
        line.append(d.subject or d.title, style="dim" if d.url is None else "")
        if d.doc_type:
            line.append(f"  [{d.doc_type}]", style="dim")
        console.print(line)
        where = d.url or t("cli.only_cited")
        console.print(Text(f"    {where}", style="dim"))
    return EXIT_OK


async def _explain(library: Library, url: str, args: argparse.Namespace) -> int:
    from .parse import explain_article

    result = await library.fetcher.get(url)
    article, provenance = explain_article(result.content, result.url, encoding=result.encoding)
    if args.json:
        _print_json({"article": article.to_dict(), "provenance": [p.to_dict() for p in provenance]})
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(article.title), show_lines=False)
    table.add_column("field")
    table.add_column("rule")
    table.add_column("excerpt", overflow="fold")
    for p in provenance:
        table.add_row(Text(p.field), Text(p.rule), Text(p.excerpt))
    _console(args).print(table)
    return EXIT_OK


async def cmd_search(library: Library, args: argparse.Namespace) -> int:
    """Search the stored articles; ``--section``/``--since``/``--until`` narrow it.

    A bad date is bad usage (exit 2, one line); nothing found is no error: ``[]``
    with ``--json``, otherwise one line on stderr suggesting ``phuly-tui sync``.
    """
    where = await library.search_filter(args.section, args.since, args.until)
    results = await asyncio.to_thread(
        library.search, " ".join(args.query), limit=args.limit, where=where
    )
    if args.json:
        _print_json([r.to_dict() for r in results])
        return EXIT_OK
    from rich.text import Text

    from .render.dates import format_date

    console = _console(args)
    if not results:
        _say(sys.stderr, t("cli.no_results"))
        return EXIT_OK
    for n, r in enumerate(results, 1):
        line = Text(f"{n:>2}. ")
        line.append(format_date(r.published) or "          ", style="cyan")
        line.append("  ")
        line.append(r.title, style="bold")
        if r.section:
            line.append(f"  [{r.section}]", style="dim")
        console.print(line)
        snippet = Text("    " + r.snippet)
        for start, end in r.highlights:
            snippet.stylize("reverse", start + 4, end + 4)
        console.print(snippet)
        console.print(Text(f"    {r.url}", style="dim"))
    return EXIT_OK


async def cmd_bookmarks(library: Library, args: argparse.Namespace) -> int:
    marks = await asyncio.to_thread(library.bookmarks)
    if args.json:
        _print_json(
            [
                {"title": m.title, "url": m.url, "published": m.published, "section": m.section}
                for m in marks
            ]
        )
        return EXIT_OK
    from rich.text import Text

    from .render.dates import format_date

    if not marks:
        _say(sys.stderr, t("cli.no_bookmarks"))
        return EXIT_OK
    console = _console(args)
    for n, m in enumerate(marks, 1):
        line = Text(f"{n:>2}. ")
        line.append(format_date(m.published) or "          ", style="cyan")
        line.append("  ")
        line.append(m.title, style="bold")
        console.print(line)
        console.print(Text(f"    {m.url}", style="dim"))
    return EXIT_OK


async def cmd_export(library: Library, args: argparse.Namespace) -> int:
    """Write the article for a report; an existing file is never replaced.

    Without ``-o`` (or with ``-o FOLDER``) the file is named from the title and
    gets ``-2``, ``-3`` … when the name is taken; ``-o FILE`` naming an
    existing file is refused (exit 2) unless ``--overwrite`` says so.
    """
    from .export import export_article, write_export
    from .user_files import write_to

    if args.output == "-":
        loaded = await library.article(library.absolute(args.url))
        _notice(loaded)
        archived = loaded.archived.citation if loaded.archived else None
        text = export_article(
            loaded.value, args.format, base_url=library.base_url, archived=archived
        )
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.output) if args.output else Path.cwd()
    folder = target.is_dir() or str(args.output or "").endswith(("/", os.sep))
    if not folder and not args.overwrite and os.path.lexists(target):
        # refused before the portal is asked anything
        raise UsageError("cli.exists", path=str(target))
    loaded = await library.article(library.absolute(args.url))
    _notice(loaded)
    archived = loaded.archived.citation if loaded.archived else None
    if folder:
        target = write_export(
            loaded.value, target, args.format, base_url=library.base_url, archived=archived
        )
    else:
        text = export_article(
            loaded.value, args.format, base_url=library.base_url, archived=archived
        )
        data = text.encode("utf-8")
        try:
            target = write_to(target, data, overwrite=args.overwrite)
        except (FileExistsError, IsADirectoryError):  # appeared meanwhile, or not a file
            raise UsageError("cli.exists", path=str(target)) from None
    _say(sys.stderr, t("cli.saved", path=str(target)))
    return EXIT_OK


async def cmd_sync(library: Library, args: argparse.Namespace) -> int:
    sections = None
    if args.sections:
        sections = [await library.resolve_section(name) for name in args.sections]
    bar = _SyncBar() if sys.stderr.isatty() else None
    try:
        report = await library.sync(
            sections,
            pages=args.pages,
            concurrency=args.concurrency,
            attachments=args.attachments,
            on_progress=bar.update if bar is not None else None,
            from_archive=args.from_archive,
        )
    finally:
        if bar is not None:
            bar.stop()
    if args.json:
        _print_json(report.to_dict())
    else:
        _say(
            sys.stdout,
            t(
                "cli.sync_summary",
                new=report.new,
                updated=report.updated,
                unchanged=report.unchanged,
                failed=report.failed,
            ),
        )
        for url, message in report.errors[:20]:
            _say(sys.stderr, f"  {url}: {message}")
    return EXIT_OK if not report.failed else EXIT_NETWORK


class _SyncBar:
    """The sync's progress bar on a terminal's stderr, started at the first step.

    Rich's progress machinery costs tens of milliseconds to import: importing
    it on the first step keeps it off the start of the sync (the first
    request), and a piped stderr never imports it.
    """

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def update(self, p: SyncProgress) -> None:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn(t("cli.sync_progress")),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[wait]}"),
                transient=True,
                console=Console(stderr=True, markup=False, highlight=False),
            )
            self._bar.start()
            self._task = self._bar.add_task("sync", total=None, wait="")
        # the archive's pace shows in the line: "chờ Internet Archive 4 giây"
        wait = t("cli.archive_rate_wait", seconds=max(1, round(p.wait))) if p.wait else ""
        self._bar.update(self._task, completed=p.done, total=p.total, wait=wait)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()


async def cmd_captures(library: Library, args: argparse.Namespace) -> int:
    """The page's captures, newest first; exit 4 when it was never captured."""
    url = library.absolute(args.url)
    captures = await library.captures(url)
    archive_url = library.config.archive_url
    if args.json:
        _print_json([c.to_dict(archive_url) for c in captures])
    else:
        from rich.text import Text

        from .archive import VIETNAM

        console = _console(args)
        for n, capture in enumerate(captures, 1):
            line = Text(f"{n:>3}. ")
            line.append(capture.captured.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M"), "cyan")
            line.append(f"  {capture.replay_url(archive_url)}", style="dim")
            console.print(line)
    if not captures:
        from .errors import NotArchivedError

        _say(sys.stderr, NotArchivedError(url=url).message)
        return EXIT_NOT_FOUND
    return EXIT_OK


async def cmd_prune(library: Library, args: argparse.Namespace) -> int:
    count = await asyncio.to_thread(library.store.prune, args.older_than)
    _say(sys.stdout, t("cli.pruned", count=count))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Library, argparse.Namespace], Coroutine[Any, Any, int]]] = {
    "sections": cmd_sections,
    "list": cmd_list,
    "read": cmd_read,
    "docs": cmd_docs,
    "search": cmd_search,
    "bookmarks": cmd_bookmarks,
    "export": cmd_export,
    "sync": cmd_sync,
    "prune": cmd_prune,
    "captures": cmd_captures,
}


# -- entry point ------------------------------------------------------------------------------
def _split_deep_link(argv: list[str]) -> tuple[list[str], str | None]:
    """``phuly-tui [options] URL`` (no subcommand) → open the app on URL."""
    takes_value = {s.flag for s in SETTINGS if s.name not in {"offline", "insecure"}}
    takes_value.add("--config")
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg in takes_value:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        if arg in _SUBCOMMANDS or not is_url_input(arg):
            return argv, None
        return argv[:i] + argv[i + 1 :], arg
    return argv, None


def _parse_command_line(raw: list[str]) -> argparse.Namespace:
    """The parsed command line.  A bare ``phuly-tui`` — the daily start — needs no
    parser (argparse and its parser cost ~2 ms of a start measured against a bare
    Textual app): every setting then comes from the config file and the environment."""
    if not raw:
        from types import SimpleNamespace

        return cast("argparse.Namespace", SimpleNamespace(command=None))
    return _parse_app_options(raw) or build_parser().parse_args(raw)


def _resolve_config(args: argparse.Namespace) -> Config:
    """Defaults ← file ← environment ← flags, every value checked by one validator.

    A bad value is a :class:`ConfigError` (exit 2, one line naming the setting
    and what is allowed); unknown keys of the file are warned about on stderr.
    The ``[keymap]`` is checked against the app's key table — for the
    subcommands too, so a mistake shows the same way wherever it is made.
    """
    given = getattr(args, "config_file", None)
    config = load_config(given, must_exist=given is not None)
    overrides = {s.name: getattr(args, s.name, None) for s in SETTINGS}
    config = config.with_overrides(**overrides)
    set_language(config.lang)
    for warning in config.warnings:
        _say(sys.stderr, "phuly-tui: " + warning)
    if config.keymap:
        from .ui.keys import check_keymap

        check_keymap(config.keymap, config.keymap_sources)
    return config


def _open_app(config: Config, *, url: str | None, demo: bool) -> int:
    """Run the app, reading the store in a thread while Textual is imported.

    Importing Textual and the screens is most of a start's cost; the store's
    titles (SQLite, mostly outside the GIL) are read meanwhile, so the first
    frame does not wait for them.  The cyclic garbage collector is off until
    the first frame (:meth:`PhulyApp.on_ready` collects once, freezes the
    start-up heap and turns it back on): start-up makes some 200 000
    long-lived objects and nearly no garbage, and the ~90 young-generation
    collections it would trigger cost 15–20 ms before the first frame.
    """
    from .library import Library
    from .ui.prefetch import StartPrefetch

    gc.disable()
    try:
        library = Library(config)
        prefetch = StartPrefetch(library)
        try:
            from .ui.app import run_app
        except BaseException:
            prefetch.result()
            library.close()
            raise
        return run_app(config, url=url, demo=demo, library=library, prefetch=prefetch)
    finally:
        gc.enable()


def _io_failed(error: OSError) -> int:
    """One line for a write that failed: exit 5, like the store's errors."""
    reason = error.strerror or str(error)
    # the CLI's own files raise with their name; what has none was the output
    target = str(error.filename) if error.filename else "stdout"
    message = t("cli.io_failed", target=target, reason=reason)
    _say(sys.stderr, f"phuly-tui: {t('cli.io_title')}: {message}")
    return EXIT_STORE


def _require_unicode_terminal() -> None:
    """The app draws boxes and Vietnamese: refuse a terminal that cannot show them
    (the subcommands degrade instead, see :mod:`phuly_tui.streams`)."""
    screen = sys.__stderr__  # where Textual draws
    if not writes_unicode(screen):
        encoding = getattr(screen, "encoding", None) or "?"
        raise UsageError("cli.needs_utf8", encoding=encoding)


def main(argv: Sequence[str] | None = None) -> int:
    from .logs import install

    install()  # the log file of the app and the CLI, opened on the first record
    prepare_standard_streams()
    raw = list(sys.argv[1:] if argv is None else argv)
    lang = os.environ.get("PHULY_TUI_LANG", "vi")
    if "--lang" in raw[:-1]:
        lang = raw[raw.index("--lang") + 1]
    set_language(lang)
    raw, deep_link = _split_deep_link(raw)
    args = _parse_command_line(raw)
    demo_server = archive_server = None
    try:
        if args.command == "config-path":  # works with a broken config: to find and fix it
            from .paths import config_file

            _say(sys.stdout, str(getattr(args, "config_file", None) or config_file()))
            return EXIT_OK
        config = _resolve_config(args)
        set_language(config.lang)
        if args.command is None:
            _require_unicode_terminal()
        demo_archive = bool(getattr(args, "demo_archive", None))
        if getattr(args, "demo", None) or demo_archive:
            from .demo import demo_data_dir, start_demo_archive, start_demo_server

            # --demo-archive: the demo portal is gone (410) and its own archive stands in
            demo_server = start_demo_server(gone=demo_archive)
            data_dir = (
                args.data_dir if getattr(args, "data_dir", None) else demo_data_dir(reset=True)
            )
            config = config.with_overrides(base_url=demo_server.url, data_dir=data_dir)
            if demo_archive:
                archive_server = start_demo_archive(demo_server)
                config = config.with_overrides(
                    archive="auto", archive_url=archive_server.url, archive_rate=60
                )
        if config.insecure:
            _say(sys.stderr, t("cli.insecure"))
        if args.command is None:
            return _open_app(config, url=deep_link, demo=demo_server is not None)
        from .library import Library

        # what the library has to say (an old store set aside, and where it went)
        # is one line on stderr the moment it happens
        library = Library(config, on_warning=lambda message: _say(sys.stderr, message))
        library.archive_listeners.append(_say_archive_wait)
        try:
            code = _run(library, COMMANDS[args.command](library, args))
        finally:
            library.close()
        sys.stdout.flush()  # a full disk must fail here, not at exit (code 120)
        return code
    except PhulyError as error:
        _say(sys.stderr, f"phuly-tui: {error.title}: {error.message}")
        return _exit_code(error)
    except KeyboardInterrupt:
        _say(sys.stderr, t("cli.interrupted"))
        return 130
    except BrokenPipeError:  # `phuly-tui list | head -1`: the reader has all it wanted
        discard_stdout()
        return EXIT_OK
    except OSError as error:  # a closed stdout, a full disk (the store's own are StoreError)
        discard_stdout()
        return _io_failed(error)
    except Exception as error:  # the last line of defence: never a traceback
        from .logs import crash_message, log_crash

        _say(sys.stderr, "phuly-tui: " + crash_message(error, log_crash(error)))
        return EXIT_ERROR
    finally:
        for server in (demo_server, archive_server):
            if server is not None:
                server.stop()
