""" "Tin mới": the first entry of the sections pane (issue 11, item 11).

It lists the unread articles of every section the store knows, newest first
(undated last, at most :data:`LIMIT`), each with its section's name — what an
official has not read yet, whatever section it was published in.  It comes
from the store only (what the start-up refresh and ``sync`` brought in), so it
opens at once and offline; the portal is not asked.

To the main screen it is a section like the others: :func:`new_articles_section`
is a :class:`~phuly_tui.model.Section` whose address (:data:`NEW_ARTICLES_URL`)
is no web address, and :func:`is_new_articles` tells it apart where the screen
would otherwise ask the portal for its listing.  Its one page is a
:class:`~phuly_tui.model.Listing` without a next page, so the list's keys,
``n``/``p`` and the read marks work as in any section; an article read leaves
the list on the next visit (the list is read again each time it is opened).

Plain Python (no Textual): tested on its own and read in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..i18n import add_messages, t
from ..model import Listing, Section
from ..values import Value

if TYPE_CHECKING:
    from ..library import Library

__all__ = [
    "LIMIT",
    "NEW_ARTICLES_URL",
    "NewArticles",
    "is_new_articles",
    "new_articles_section",
    "read_new_articles",
]

#: the pseudo-address of "Tin mới" (a scheme no page has: never fetched)
NEW_ARTICLES_URL = "phuly-tui:tin-moi"
#: the most articles "Tin mới" lists (the newest ones)
LIMIT = 200

add_messages(
    {
        "ui.new.empty": (
            "Không có tin chưa đọc trong kho. Đồng bộ (Ctrl+P → Đồng bộ) để tải tin mới.",
            "No unread articles are stored. Sync (Ctrl+P → Sync) to fetch new ones.",
        ),
    }
)


def new_articles_section() -> Section:
    """ "Tin mới" as a section (its name in the interface's language)."""
    return Section(name=t("new_articles.name"), url=NEW_ARTICLES_URL)


def is_new_articles(section: Section | None) -> bool:
    """True for the "Tin mới" entry (whose listing comes from the store)."""
    return section is not None and section.url == NEW_ARTICLES_URL


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class NewArticles(Value):
    """What "Tin mới" shows: one page of items and the section of each."""

    listing: Listing
    #: article URL → the name of the section it was listed in
    sections: dict[str, str] = field(default_factory=dict)


def read_new_articles(library: Library, *, limit: int = LIMIT) -> NewArticles:
    """The unread articles of every stored section (blocking: call it in a thread)."""
    found = library.unread_articles(limit=limit)
    listing = Listing(
        url=NEW_ARTICLES_URL,
        section=t("new_articles.name"),
        items=tuple(item for item, _ in found),
        last_page=1,
    )
    return NewArticles(listing, {item.url: name for item, name in found if name})
