"""A SharePoint list item's display form, read as an article.

An item of a news list opened at its own address (``/Lists/TinTuc/DispForm.aspx?ID=12``)
is no publishing page: SharePoint shows the item as a table of its fields, one row
each — the field's name, then its value (``table.ms-formtable``, ``td.ms-formlabel``
holding ``<h3 class="ms-standardheader">`` and ``td.ms-formbody``) — under the master
page's chrome, whose heading names the list ("Tin tức"), not the item.

The table is found by meaning: rows of two cells whose first cell is short and
names a known field (the site profile's ``[form.fields]``: Tiêu đề/Title, Ngày
đăng/Created, Tóm tắt, Nội dung/Body, Tệp đính kèm/Attachments…, compared folded) —
or, in SharePoint's own cells, whose value cell's comment gives a known internal
name (``FieldInternalName="Title"``, ``[form.internal_names]``: it holds when a list
renames a field's label, "Số ký hiệu" for its Title).
SharePoint's own label cells (the profile's ``[form] label``) are looked at first:
there two known fields, the title or the body among them, make a form.  Any other
table must name three, the title among them, in at least half of its rows — a
table of the article's own ("Nội dung | Thời gian") is not a form.

Each field is read from its value cell: the title from its field (never the
page's heading); the date from the publication date's field, else the creation
date's, else the last change's, else the toolbar's creation line ("Được tạo lúc
… bởi …"); the lead from the summary; the body from the
rich-text field's cell (the lead repeated there and a closing byline left out);
the author from its field (a person field's presence icons are no text), else
the body's byline, else the source; the section from its field, else the
breadcrumb; related news and attachments from their fields' links, else from
blocks headed so elsewhere on the page.  A form rendered in the browser (empty
value cells, or no table at all) is read from the item's JSON the page carries
(:mod:`.form_data`).  Labels are never text of the article,
and fields it does not know (a yes/no "show on the home page") are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Article, Block, Image
from ..text import clean_text
from .assembly import (
    author_from_node,
    block_excerpt,
    finish_blocks,
    labelled_attachments,
    labelled_related,
    note,
)
from .blocks import convert_body, image_block, table_rows
from .breadcrumb import active_menu_section, breadcrumb_trails, section_from_trails
from .dates import parse_vn_datetime
from .dom import make_visible, text_of, visible_text
from .fallback import find_title
from .form_data import form_data_table
from .meaning import attachment_links, label_key
from .meaning import related_links as read_related
from .profile import load_profiles
from .provenance import Trace

__all__ = ["FormFound", "find_form", "form_article"]

#: a label is a name: longer text in a first cell is content
_MAX_LABEL: Final = 60
#: at most this many tables are looked at (bounds hostile pages)
_MAX_TABLES: Final = 400
_INTERNAL_NAME: Final = re.compile(r'FieldInternalName="([^"]+)"')
#: the fields a form must name one of
_CORE_FIELDS: Final = frozenset({"title", "body"})


@dataclass(frozen=True, slots=True)
class FormFound:
    """A form's table and its known fields: field → (label as written, value cell)."""

    table: LexborNode
    fields: dict[str, tuple[str, LexborNode]]
    #: what ``--explain`` calls it: ``form data`` when read from ``WPQ…FormCtx``
    source: str = "form field"


@lru_cache(maxsize=2)
def _fields_by(key: str) -> dict[str, str]:
    """What names a field → the field, over every profile (the first one wins):
    ``"label"``, the folded labels of ``[form.fields]``; ``"internal"``, the internal
    names of ``[form.internal_names]`` as written."""
    fields: dict[str, str] = {}
    for profile in load_profiles():
        table = profile.fields if key == "label" else profile.internal_names
        for name, values in table.get("form", {}).items():
            for value in values:
                fields.setdefault(label_key(value) if key == "label" else value, name)
    return fields


def _internal_name(cell: LexborNode) -> str | None:
    """The field's internal name in SharePoint's comment at the top of its value cell
    (``<!-- FieldName="…" FieldInternalName="Title" FieldType="SPFieldText" -->``)."""
    for child in cell.iter(include_text=True):
        if child.tag == "-comment":
            match = _INTERNAL_NAME.search(child.html or "")
            return match[1] if match is not None else None
        if child.tag != "-text":
            return None
    return None


def _own_label_selectors() -> list[str]:
    return [s for p in load_profiles() if (s := p.get("form", "label")) is not None]


def find_form(page: LexborNode) -> FormFound | None:
    """The page's item form (see the module doc), or None."""
    labels = _fields_by("label")
    if not labels:
        return None
    tried: set[int] = set()
    for selector in _own_label_selectors():
        for cell in page.css(selector)[:_MAX_TABLES]:
            table = cell.parent
            while table is not None and table.tag != "table":
                table = table.parent
            if table is None or table.mem_id in tried:
                continue
            tried.add(table.mem_id)
            form = _read_form(table, labels, own_markup=True)
            if form is not None:
                return form
    for table in page.css("table")[:_MAX_TABLES]:
        if table.mem_id not in tried:
            form = _read_form(table, labels, own_markup=False)
            if form is not None:
                return form
    return None


def _read_form(table: LexborNode, labels: dict[str, str], *, own_markup: bool) -> FormFound | None:
    rows = table_rows(table)
    fields: dict[str, tuple[str, LexborNode]] = {}
    labelled = 0
    for cells in rows:
        if len(cells) != 2:
            continue
        raw = cells[0].text(deep=True, separator=" ", strip=True)
        if not raw or len(raw) > _MAX_LABEL:
            continue
        internal = _internal_name(cells[1]) if own_markup else None
        name = _fields_by("internal").get(internal or "") or labels.get(label_key(raw))
        if name is None:
            continue
        labelled += 1
        fields.setdefault(name, (clean_text(raw), cells[1]))
    if own_markup:
        enough = len(fields) >= 2 and bool(_CORE_FIELDS & fields.keys())
    else:
        enough = len(fields) >= 3 and "title" in fields and 2 * labelled >= len(rows)
    return FormFound(table, fields) if enough else None


def form_article(doc: LexborHTMLParser, url: str, trace: Trace | None) -> Article | None:
    """The article a list item's form shows (see the module doc), or None when the
    page holds no form."""
    page = doc.body or doc.root
    form = _filled(doc, find_form(page) if page is not None else None)
    if page is None or form is None:
        return None
    trails = breadcrumb_trails(doc)
    make_visible(form.table)
    fields = form.fields

    def rule(name: str) -> str:
        return f"meaning:{form.source} '{fields[name][0]}'"

    def value(name: str) -> str:
        return text_of(fields[name][1]) if name in fields else ""

    title = value("title")
    if title:
        note(trace, "title", rule("title"), title)
    else:
        _node, title, title_rule = find_title(doc)
        note(trace, "title", title_rule, title)

    published = None
    for name in ("published", "created", "modified"):
        published = parse_vn_datetime(value(name)) if name in fields else None
        if published is not None:
            note(trace, "published", rule(name), value(name))
            break
    else:
        published = _created_info(doc, trace)

    lead = value("lead") or None
    note(trace, "lead", rule("lead") if lead else "none", lead)

    blocks: list[Block] = []
    closing = None
    if "body" in fields:
        result = convert_body(fields["body"][1], url, trace=trace)
        blocks, closing = finish_blocks(result, lead, trace)
        note(trace, "blocks", rule("body"), block_excerpt(blocks))
    picture = _picture(fields, url, blocks)
    if picture is not None:
        if trace is not None:
            trace.shift_blocks(1)
        note(trace, "blocks[0]", rule("image"), picture.src)
        blocks.insert(0, picture)

    author = author_from_node(fields["author"][1]) if "author" in fields else None
    if author is not None:
        note(trace, "author", rule("author"), author)
    elif closing is None and "source" in fields:
        author = author_from_node(fields["source"][1])
        note(trace, "author", rule("source"), author)
    author = author or closing

    section = value("section") or None
    if section is not None:
        note(trace, "section", rule("section"), section)
    else:
        section, how = section_from_trails(trails, title), "meaning:breadcrumb after 'Trang chủ'"
        if section is None:
            section, how = active_menu_section(doc), "meaning:active menu item"
        note(trace, "section", how if section else "none", section)

    related = read_related(fields["related"][1], url) if "related" in fields else []
    if related:
        note(trace, "related", rule("related"), related[0].title)
    else:
        related, _ids = labelled_related(page, url, trace)
    attachments = attachment_links(fields["attachments"][1], url) if "attachments" in fields else []
    if attachments:
        note(trace, "attachments", rule("attachments"), attachments[0].title)
    else:
        attachments, _ids = labelled_attachments(page, url, trace)
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


def _filled(doc: LexborHTMLParser, form: FormFound | None) -> FormFound | None:
    """``form``, or the form of the item's JSON when the page has none or its title
    and body cells are empty (the browser fills them: :mod:`.form_data`)."""
    if form is not None and any(
        visible_text(form.fields[n][1]) for n in _CORE_FIELDS & form.fields.keys()
    ):
        return form
    table = form_data_table(doc)
    data = _read_form(table, _fields_by("label"), own_markup=True) if table is not None else None
    return FormFound(data.table, data.fields, "form data") if data is not None else form


def _created_info(doc: LexborHTMLParser, trace: Trace | None) -> str | None:
    """The date of the form toolbar's creation line (the profile's ``created_info``)."""
    for profile in load_profiles():
        selector = profile.get("form", "created_info")
        node = doc.css_first(selector) if selector is not None else None
        text = visible_text(node)
        published = parse_vn_datetime(text) if text else None
        if published is not None:
            note(trace, "published", profile.rule("form", "created_info"), text)
            return published
    note(trace, "published", "none", "")
    return None


def _picture(
    fields: dict[str, tuple[str, LexborNode]], url: str, blocks: list[Block]
) -> Image | None:
    """The image field's picture with the caption field's text, unless the body
    shows the same picture already."""
    if "image" not in fields:
        return None
    img = fields["image"][1].css_first("img")
    picture = image_block(img.attributes, url) if img is not None else None
    if picture is None or any(isinstance(b, Image) and b.src == picture.src for b in blocks):
        return None
    caption = text_of(fields["caption"][1]) if "caption" in fields else ""
    return replace(picture, caption=caption) if caption else picture
