"""The commands about one page: ``read`` (an article or a document), ``read
--explain``, ``export`` and ``captures``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import NotHTMLError, UsageError
from ...i18n import t
from ...streams import write_out
from ..exit_codes import EXIT_NOT_FOUND, EXIT_OK
from ..output import console, notice, print_json, warn, with_source

if TYPE_CHECKING:
    import argparse

    from ...library import Library

__all__ = ["cmd_captures", "cmd_export", "cmd_read"]


async def cmd_read(library: Library, args: argparse.Namespace) -> int:
    """An article (plain, styled, ``--markdown``, ``--json``) or, for an
    attachment's address, the document's text."""
    import asyncio

    from ...urls import is_file_url

    url = library.absolute(args.url)
    if is_file_url(url) and not args.explain:
        return await _read_document(library, url, args)
    if args.explain:
        return await _explain(library, url, args)
    try:
        loaded = await library.article(url)
    except NotHTMLError:
        return await _read_document(library, url, args)  # a file behind a page-like URL
    notice(loaded)
    article = loaded.value
    await asyncio.to_thread(library.record_reading, article.url)
    archived = loaded.archived.citation if loaded.archived else None
    if args.json:
        print_json(with_source(article.to_dict(), loaded))
    elif args.markdown:
        from ...render.article import article_markdown

        write_out(article_markdown(article, archived=archived))
    else:
        from ...render.article import article_rich

        out = console(args)
        for part in article_rich(article):
            # every part already fits the width (text wraps, tables are laid out to
            # it): Rich's cropping would measure each line again, seconds for a big table
            out.print(part, crop=False)
    return EXIT_OK


async def _read_document(library: Library, url: str, args: argparse.Namespace) -> int:
    """``read`` of an attachment: its text (plain, Markdown or JSON) and card."""
    from ...documents import document_notice

    loaded = await library.document(url)
    notice(loaded)
    document = loaded.value
    said = document_notice(document)
    if said:
        warn(said)  # scanned, truncated: said once, on stderr (exit 0)
    if args.json:
        print_json(document.to_dict())
    elif args.markdown:
        from ...render.document import document_markdown

        write_out(document_markdown(document))
    else:
        from ...render.document import document_rich

        out = console(args)
        for part in document_rich(document):
            out.print(part)
    return EXIT_OK


async def _explain(library: Library, url: str, args: argparse.Namespace) -> int:
    """``read --explain``: which site-profile rule or fallback gave each field."""
    article, provenance = await library.explain(url)
    if args.json:
        print_json({"article": article.to_dict(), "provenance": [p.to_dict() for p in provenance]})
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(article.title), show_lines=False)
    table.add_column("field")
    table.add_column("rule")
    table.add_column("excerpt", overflow="fold")
    for p in provenance:
        table.add_row(Text(p.field), Text(p.rule), Text(p.excerpt))
    console(args).print(table)
    return EXIT_OK


async def cmd_export(library: Library, args: argparse.Namespace) -> int:
    """Write the article for a report; an existing file is never replaced.

    Without ``-o`` (or with ``-o FOLDER``) the file is named from the title and
    gets ``-2``, ``-3`` … when the name is taken; ``-o FILE`` naming an
    existing file is refused (exit 2) unless ``--overwrite`` says so.  Both go
    through :func:`phuly_tui.export.write_export`, as the app's ``e``/``E`` do.
    """
    from ...export import export_article, write_export

    to_stdout = args.output == "-"
    target = Path(args.output) if args.output else Path.cwd()
    folder = not to_stdout and (target.is_dir() or str(args.output or "").endswith(("/", os.sep)))
    if not (to_stdout or folder or args.overwrite) and os.path.lexists(target):
        # refused before the portal is asked anything
        raise UsageError("cli.exists", path=str(target))
    loaded = await library.article(library.absolute(args.url))
    notice(loaded)
    archived = loaded.archived.citation if loaded.archived else None
    if to_stdout:
        write_out(
            export_article(loaded.value, args.format, base_url=library.base_url, archived=archived)
        )
        return EXIT_OK
    try:
        target = write_export(
            loaded.value,
            target,
            args.format,
            exact=not folder,
            overwrite=args.overwrite,
            base_url=library.base_url,
            archived=archived,
        )
    except (FileExistsError, IsADirectoryError):
        if folder:  # no free name left in the folder: an I/O error (exit 5)
            raise
        raise UsageError("cli.exists", path=str(target)) from None  # appeared meanwhile
    warn(t("cli.saved", path=str(target)))
    return EXIT_OK


async def cmd_captures(library: Library, args: argparse.Namespace) -> int:
    """The page's captures, newest first; exit 4 when it was never captured, or
    when offline and no list of them is stored (the archive was not asked)."""
    url = library.absolute(args.url)
    captures = await library.captures(url)
    archive_url = library.config.archive_url
    if args.json:
        print_json([c.to_dict(archive_url) for c in captures])
    else:
        from rich.text import Text

        out = console(args)
        for n, capture in enumerate(captures, 1):
            line = Text(f"{n:>3}. ")
            line.append(capture.local_time, "cyan")
            line.append(f"  {capture.replay_url(archive_url)}", style="dim")
            out.print(line)
    if not captures:
        from ...errors import NotArchivedError

        warn(NotArchivedError(url=url).message)
        return EXIT_NOT_FOUND
    return EXIT_OK
