"""The listing commands: ``sections``, ``list`` (and ``list --new``), ``docs``,
``search``, ``bookmarks``.

Each prints JSON with ``--json``, otherwise numbered items (``output.item_line``)
with the address underneath; an empty result is one line on stderr (exit 0).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from ...errors import UsageError
from ...i18n import t
from ...urls import is_url_input
from ..exit_codes import EXIT_OK
from ..output import (
    console,
    done_without_list,
    item_line,
    notice,
    print_json,
    url_line,
    with_source,
)

if TYPE_CHECKING:
    import argparse

    from ...library import Library

__all__ = ["cmd_bookmarks", "cmd_docs", "cmd_list", "cmd_search", "cmd_sections"]


async def cmd_sections(library: Library, args: argparse.Namespace) -> int:
    """The home page's sections; ``--json`` prints the whole home page (sections, featured)."""
    loaded = await library.home()
    notice(loaded)
    if args.json:
        print_json(with_source(loaded.value.to_dict(), loaded))
        return EXIT_OK
    from rich.text import Text

    out = console(args)
    for n, section in enumerate(loaded.value.sections, 1):
        line = Text(f"{n}. ")
        line.append(section.name, style="bold")
        line.append(f"  {section.url}", style="dim")
        out.print(line)
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
    notice(loaded)
    listing = loaded.value
    if args.json:
        print_json(with_source(listing.to_dict(), loaded))
        return EXIT_OK
    from rich.text import Text

    out = console(args)
    read = library.read_urls(item.url for item in listing.items)
    head = Text(listing.section, style="bold")
    pager = (
        t("cli.page_of", page=listing.page, last=listing.last_page)
        if listing.last_page
        else t("cli.page", page=listing.page)
    )
    head.append(f" — {pager}", style="dim")
    out.print(head)
    for n, item in enumerate(listing.items, 1):
        line = item_line(n, item.published)
        line.append(item.title, style="dim" if item.url in read else "bold")
        out.print(line)
        out.print(url_line(item.url))
    if listing.next:
        out.print(Text(t("cli.next_page", url=listing.next), style="dim"))
    return EXIT_OK


async def _list_new(library: Library, args: argparse.Namespace) -> int:
    """``list --new``: "Tin mới", the unread articles of every stored section, newest
    first (at most 200), from the store only; the listing JSON shape, each item
    with its ``section``.  No SECTION and no ``--page``: bad usage."""
    if args.section or args.page is not None:
        raise UsageError("cli.list_new_alone")
    found = await asyncio.to_thread(library.unread_articles)
    listing = {
        "kind": "listing",
        "url": None,
        "section": t("new_articles.name"),
        "page": 1,
        "items": [item.to_dict() | {"section": section} for item, section in found],
        "next": None,
        "prev": None,
        "last_page": 1,
    }
    if done_without_list(args, lambda: listing, found, "cli.no_new"):
        return EXIT_OK
    from rich.text import Text

    out = console(args)
    out.print(Text(t("new_articles.name"), style="bold"))
    for n, (item, section) in enumerate(found, 1):
        line = item_line(n, item.published)
        line.append(item.title, style="bold")
        if section:
            line.append(f"  [{section}]", style="dim")
        out.print(line)
        out.print(url_line(item.url))
    return EXIT_OK


async def cmd_docs(library: Library, args: argparse.Namespace) -> int:
    """Every known document, newest first; ``--type`` filters by code or name."""
    documents = await asyncio.to_thread(library.known_documents, args.doc_type)
    if done_without_list(
        args, lambda: [d.to_dict() for d in documents], documents, "cli.no_documents"
    ):
        return EXIT_OK
    out = console(args)
    for n, d in enumerate(documents, 1):
        line = item_line(n, d.issued)
        if d.number:
            line.append(d.number, style="bold")
            line.append("  ")
        line.append(d.subject or d.title, style="dim" if d.url is None else "")
        if d.doc_type:
            line.append(f"  [{d.doc_type}]", style="dim")
        out.print(line)
        out.print(url_line(d.url or t("cli.only_cited")))
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
    if done_without_list(args, lambda: [r.to_dict() for r in results], results, "cli.no_results"):
        return EXIT_OK
    from rich.text import Text

    from ...render.hits import hit_origin

    out = console(args)
    for n, r in enumerate(results, 1):
        line = item_line(n, r.published)
        line.append(r.title, style="bold")
        line.append(f"  [{hit_origin(r)}]", style="dim")
        out.print(line)
        snippet = Text("    " + r.snippet)
        for start, end in r.highlights:
            snippet.stylize("reverse", start + 4, end + 4)
        out.print(snippet)
        out.print(url_line(r.url))
        if r.kind == "document" and r.attached_to:
            out.print(url_line(t("cli.attached_to", url=r.attached_to)))
    return EXIT_OK


async def cmd_bookmarks(library: Library, args: argparse.Namespace) -> int:
    """The bookmarked articles, newest bookmark first."""
    marks = await asyncio.to_thread(library.bookmarks)

    def as_json() -> list[dict[str, str | None]]:
        return [
            {"title": m.title, "url": m.url, "published": m.published, "section": m.section}
            for m in marks
        ]

    if done_without_list(args, as_json, marks, "cli.no_bookmarks"):
        return EXIT_OK
    out = console(args)
    for n, m in enumerate(marks, 1):
        line = item_line(n, m.published)
        line.append(m.title, style="bold")
        out.print(line)
        out.print(url_line(m.url))
    return EXIT_OK
