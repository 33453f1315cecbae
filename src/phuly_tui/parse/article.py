"""Article pages: the site-profile path first, the generic fallback otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import NotAnArticleError
from ..model import Article, Paragraph
from .article_parts import (
    Around,
    date_near_title,
    lead_between,
    leftovers_between,
    lines_after_body,
    title_atop_body,
    title_near_body,
    top_byline,
)
from .assembly import (
    author_from_node,
    block_excerpt,
    finish_blocks,
    labelled_attachments,
    labelled_related,
    note,
)
from .blocks import closing_byline, convert_body
from .breadcrumb import (
    active_menu_section,
    breadcrumb_section,
    breadcrumb_trails,
    section_from_trails,
)
from .dates import parse_vn_datetime
from .dom import attr, document, make_visible, text_of, visible_text
from .fallback import (
    find_body,
    find_date_line,
    find_title,
    heading_before,
    meta_title_hints,
    prune,
)
from .form import form_article
from .meaning import (
    ATTACHMENT_LABELS,
    OTHER_LABELS,
    RELATED_LABELS,
    attachment_links,
    find_labelled,
    is_tool_text,
    mentions_label,
)
from .meaning import related_links as read_related
from .pictures import front_blocks, pictures_above, pictures_between
from .profile import Profile, load_profiles
from .profiles_match import matching_profile
from .provenance import Trace
from .tree import ancestor, children_outside, common_ancestor, contains
from .window import article_window, closed_before_cut

__all__ = ["extract_article", "extract_article_from_bytes"]


def _profile_body(root: LexborNode, profile: Profile) -> LexborNode | None:
    """The profile's body field under ``root``; with several, the one holding most text
    outside the title and lead (a sapo may be a rich-text field too)."""
    selector = profile.get("article", "body")
    if selector is None:
        return None
    fields = root.css(selector)
    if len(fields) <= 1:
        return fields[0] if fields else None
    excluded = [
        node
        for name in ("title", "lead")
        for sel in (profile.get("article", name),)
        if sel
        for node in root.css(sel)
    ]
    candidates = [f for f in fields if not any(contains(x, f) for x in excluded)] or fields
    return max(candidates, key=lambda f: len(f.text() or ""))


class _NeedsWholePage(Exception):
    """A windowed parse lacks what only the whole page has (a fallback reads the page)."""


def _profile_article(
    doc: LexborHTMLParser,
    profile: Profile,
    url: str,
    trace: Trace | None,
    *,
    windowed: bool = False,
) -> Article | None:
    """The article by the profile's selectors, or None when its body is not under its root.

    ``windowed``: ``doc`` is only the page up to the article's end (:mod:`.window`);
    whatever would need the rest of the page raises :class:`_NeedsWholePage`.
    """

    def select(name: str, within: LexborNode | None) -> LexborNode | None:
        selector = profile.get("article", name)
        if selector is None or within is None:
            return None
        return within.css_first(selector)

    page = doc.body or doc.root
    root = select("root", page) or page
    if root is None:
        return None
    if windowed and root is page:
        raise _NeedsWholePage()
    body = _profile_body(root, profile)
    if body is None:
        return None
    make_visible(root)

    title_node = select("title", root)
    title = text_of(title_node)
    if title:
        note(trace, "title", profile.rule("article", "title"), title)
    elif windowed:
        raise _NeedsWholePage()
    else:
        title_node, title, rule = find_title(doc)
        note(trace, "title", rule, title)

    date_text = text_of(select("date", root))
    published = parse_vn_datetime(date_text)
    if published is not None:
        note(trace, "published", profile.rule("article", "date"), date_text)
    else:
        published, date_text = find_date_line(root, title_node, body)
        note(
            trace, "published", "fallback:date line after title" if published else "none", date_text
        )

    lead_node = select("lead", root)
    lead = text_of(lead_node) or None
    note(trace, "lead", profile.rule("article", "lead") if lead else "none", lead)

    result = convert_body(body, url, trace=trace)
    blocks, author = finish_blocks(result, lead, trace)
    skip = {lead_node.mem_id} if lead_node is not None else set()
    blocks = pictures_above(root, title_node, body, url, skip, trace) + blocks
    note(trace, "blocks", profile.rule("article", "body"), block_excerpt(blocks))
    if author is None:
        author = author_from_node(select("byline", root))
        if author is not None:
            note(trace, "author", profile.rule("article", "byline"), author)

    related_node = select("related", root)
    related = read_related(related_node, url) if related_node is not None else []
    if related:
        note(trace, "related", profile.rule("article", "related"), related[0].title)
    else:
        related = _by_label(
            children_outside(root, body), RELATED_LABELS, labelled_related, url, trace
        )

    attach_node = select("attachments", root)
    attachments = attachment_links(attach_node, url) if attach_node is not None else []
    if attachments:
        note(trace, "attachments", profile.rule("article", "attachments"), attachments[0].title)
    else:
        attachments = _by_label(
            children_outside(root, body), ATTACHMENT_LABELS, labelled_attachments, url, trace
        )

    section_selector = profile.get("article", "section")
    section_node = doc.css_first(section_selector) if section_selector else None
    section = visible_text(section_node) or None
    if windowed and (section_node is None or not closed_before_cut(doc, (root, section_node))):
        raise _NeedsWholePage()
    if section is not None:
        note(trace, "section", profile.rule("article", "section"), section)
    else:
        section = breadcrumb_section(doc, title)
        note(
            trace, "section", "meaning:breadcrumb after 'Trang chủ'" if section else "none", section
        )

    return Article(
        url=url,
        title=title,
        section=section,
        published=published,
        lead=lead,
        author=author,
        blocks=tuple(blocks),
        related=tuple(related),
        attachments=tuple(attachments),
    )


def _mentions(regions: list[LexborNode], labels: frozenset[str]) -> bool:
    """Cheap test: does any of ``labels`` occur in the text under ``regions``?"""
    raw = " ".join(region.text(deep=True, separator=" ", strip=False) for region in regions)
    return mentions_label(raw, labels)


_Item = TypeVar("_Item")


def _by_label(
    regions: list[LexborNode],
    labels: frozenset[str],
    finder: Callable[[LexborNode, str, Trace | None], tuple[list[_Item], list[int]]],
    url: str,
    trace: Trace | None,
) -> list[_Item]:
    """Items of the first region holding a block headed by one of ``labels``."""
    if not _mentions(regions, labels):
        return []
    for region in regions:
        items, _ = finder(region, url, trace)
        if items:
            return items
    return []


def _meta_published(doc: LexborHTMLParser) -> str | None:
    for selector, name in (
        ('meta[property="article:published_time"]', "content"),
        ('meta[name="pubdate"]', "content"),
        ("time[datetime]", "datetime"),
    ):
        node = doc.css_first(selector)
        if node is not None:
            value = parse_vn_datetime(attr(node, name))
            if value:
                return value
    return None


def _fallback_article(doc: LexborHTMLParser, url: str, trace: Trace | None) -> Article:
    """The article by the generic extractor (see :mod:`.fallback` and :mod:`.article_parts`)."""
    trails = breadcrumb_trails(doc)  # before pruning: breadcrumbs and menus may sit in <nav>
    active_section = active_menu_section(doc) if not trails else None
    prune(doc)
    meta_titles = meta_title_hints(doc)
    title_node, title, title_rule = find_title(doc, meta_titles)
    candidate = find_body(doc, title_node)
    if candidate is not None and title_node is None:
        near = title_near_body(candidate.node, meta_titles) or title_atop_body(candidate.node)
        if near is not None:
            title_node, title, title_rule = near.node, near.text, near.rule
    if candidate is not None and not title:
        title_node = heading_before(candidate.node)
        title, title_rule = visible_text(title_node), "fallback:heading before body"
    if candidate is None or candidate.text_length < 40 or not title:
        raise NotAnArticleError()
    body = candidate.node
    note(trace, "title", title_rule, title)

    flattened = title_node is not None and contains(body, title_node)
    region = body
    if title_node is not None:
        region = common_ancestor(title_node, body) or body
    elif body.parent is not None:
        region = body.parent

    related, related_ids = labelled_related(region, url, trace)
    if not related:
        page = doc.body or doc.root
        if page is not None:
            related, related_ids = labelled_related(page, url, trace)
    attachments, attach_ids = labelled_attachments(region, url, trace)
    if not attachments:  # an attachments box may sit beside the article's own container
        attachments, attach_ids = labelled_attachments(ancestor(region, 2), url, trace)
    skip: list[int] = related_ids + attach_ids
    for block in find_labelled(region, OTHER_LABELS):
        skip += [block.heading.mem_id, block.container.mem_id]
    not_article = set(skip)
    around = Around(region, title_node, body)

    used: set[int] = set()
    date_node: LexborNode | None = None
    if flattened:
        published, date_text = find_date_line(region, title_node, None)
        rule = "fallback:date line after title"
    else:
        found_date = date_near_title(around, not_article)
        published, date_text = (found_date.value, found_date.text) if found_date else (None, "")
        rule = found_date.rule if found_date else ""
        if found_date is not None:
            date_node = found_date.node
            used.add(found_date.node.mem_id)
    if published is None:
        published = _meta_published(doc)
        rule, date_text = "fallback:meta published time", published or ""
    note(trace, "published", rule if published else "none", date_text)
    if flattened:
        for node in body.css("*")[:2000]:
            text = visible_text(node) if node.css_first("p,div") is None else ""
            if text and text == date_text:
                skip.append(node.mem_id)
                break
    elif date_node is not None and contains(body, date_node):
        skip.append(date_node.mem_id)

    pictures = [] if flattened else pictures_between(around, not_article | used, url)
    used.update(p.caption.mem_id for p in pictures if p.caption is not None)
    author: str | None = None
    top = None if flattened else top_byline(around, used)
    if top is not None:
        author = top.text
        used.add(top.node.mem_id)
        note(trace, "author", top.rule, top.text)

    lead_found = None if flattened else lead_between(around, used)
    lead = lead_found.text if lead_found is not None else None
    if lead_found is not None:
        used.add(lead_found.node.mem_id)
        skip.append(lead_found.node.mem_id)
        note(trace, "lead", lead_found.rule, lead)

    for node in body.css("a, span, div, p, li")[:4000]:
        raw = node.text() or ""
        if len(raw) <= 40 and is_tool_text(raw):
            skip.append(node.mem_id)
    if title_node is not None:
        skip.append(title_node.mem_id)

    result = convert_body(body, url, skip=frozenset(skip), trace=trace)
    if lead is None and result.blocks and isinstance(result.blocks[0], Paragraph):
        info = result.info.get(0)
        first = result.blocks[0].text
        if info is not None and info.bold and len(first) >= 40 and len(first.split()) >= 8:
            lead = first
            note(trace, "lead", "fallback:first bold paragraph of body", lead)
    if lead is None:
        note(trace, "lead", "none", None)
    blocks, closing = finish_blocks(result, lead, trace)
    kept = [] if flattened else leftovers_between(around, used)
    blocks = front_blocks(around, kept, pictures, trace) + blocks
    note(trace, "blocks", "fallback:density", block_excerpt(blocks))
    if not blocks:
        raise NotAnArticleError()
    author = author or closing
    if author is None and not flattened:
        for _node, text in lines_after_body(around, not_article | used):
            found = closing_byline(text)
            if found is not None:
                author = found[0]
                note(trace, "author", f"{found[1]} after body", text)
                break

    section = section_from_trails(trails, title)
    section_rule = "meaning:breadcrumb after 'Trang chủ'"
    if section is None and active_section is not None:
        section, section_rule = active_section, "meaning:active menu item"
    note(trace, "section", section_rule if section else "none", section)
    return Article(
        url=url,
        title=title,
        section=section,
        published=published,
        lead=lead,
        author=author,
        blocks=tuple(blocks),
        related=tuple(related),
        attachments=tuple(attachments),
    )


def extract_article(doc: LexborHTMLParser, url: str, trace: Trace | None = None) -> Article:
    """The article on ``doc``; NotAnArticleError for error pages, listings, or nothing found."""
    profile = matching_profile(doc, "article")
    article = _profile_article(doc, profile, url, trace) if profile is not None else None
    if article is None:
        if matching_profile(doc, "error") is not None or matching_profile(doc, "listing"):
            raise NotAnArticleError()
        article = form_article(doc, url, trace) or _fallback_article(doc, url, trace)
    _account_for_all_fields(trace)
    return article


def extract_article_from_bytes(data: bytes, url: str, trace: Trace | None = None) -> Article:
    """:func:`extract_article` of the page ``data`` (prepared UTF-8 bytes).

    Tries the page cut after the article first (:mod:`.window`: same result, a
    third less to parse) and parses the whole page whenever that is not enough.
    """
    article = _windowed_article(data, url, trace)
    if article is not None:
        return article
    return extract_article(document(data), url, trace)


def _windowed_article(data: bytes, url: str, trace: Trace | None) -> Article | None:
    profile = next((p for p in load_profiles() if p.match.get("article")), None)
    window = article_window(data, profile) if profile is not None else None
    if profile is None or window is None:
        return None
    doc = document(window)
    # the first profile with article selectors matches here, so on the whole page too
    if matching_profile(doc, "article") is not profile:
        return None
    attempt = Trace() if trace is not None else None
    try:
        article = _profile_article(doc, profile, url, attempt, windowed=True)
    except _NeedsWholePage:
        return None
    if article is None:
        return None
    if trace is not None and attempt is not None:
        trace.records.extend(attempt.records)
        _account_for_all_fields(trace)
    return article


def _account_for_all_fields(trace: Trace | None) -> None:
    """Give every field ``explain_article`` shows a record (rule "none" when empty)."""
    if trace is not None:
        explained = {record.field for record in trace.records}
        for name in _EXPLAINED_FIELDS:
            if name not in explained:
                trace.add(name, "none", "")


#: every field ``explain_article`` accounts for (with rule "none" when empty)
_EXPLAINED_FIELDS = (
    "title", "section", "published", "lead", "author", "blocks", "related", "attachments",
)  # fmt: skip
