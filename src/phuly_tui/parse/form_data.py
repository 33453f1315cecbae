"""A list item's form as SharePoint's client-side rendering ships it: ``WPQ2FormCtx``.

SharePoint 2013 may render a list form in the browser: the page then carries the
item as JSON in a script — ``var WPQ2FormCtx = {"ListData": {…}, "ListSchema":
{…}}``, ``ListData`` keyed by internal name, ``ListSchema`` giving each field's
display name (``Title``) and type — and the form's value cells hold nothing a
reader without scripts sees.  :func:`form_data_table` turns that JSON into the
table SharePoint renders on the server (a label cell, a value cell opening with
the ``FieldInternalName`` comment), so :mod:`.form` reads it as any other form:
text escaped, rich text as the HTML it is, people by their shown names,
multiple choices joined, lookups as links to the items' display forms.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any, Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dom import document
from .scripts import assigned_object, scripts_naming

__all__ = ["form_data_table"]

_CONTEXT: Final = re.compile(r"\bvar\s+WPQ\d+FormCtx\s*=\s*")
_LOOKUP_TYPES: Final = frozenset({"Lookup", "LookupMulti"})


def form_data_table(doc: LexborHTMLParser) -> LexborNode | None:
    """The item of the page's ``WPQ…FormCtx`` as a form table, or None without one."""
    context = _form_context(doc)
    if context is None:
        return None
    data, schema = context.get("ListData"), context.get("ListSchema")
    if not isinstance(data, dict) or not isinstance(schema, dict):
        return None
    rows = []
    for internal, value in data.items():
        entry = schema.get(internal)
        if not isinstance(entry, dict):
            continue
        cell = _cell_html(value, entry)
        if not cell:
            continue
        label = escape(str(entry.get("Title") or internal))
        rows.append(
            f'<tr><td class="ms-formlabel">{label}</td><td class="ms-formbody"><!-- '
            f'FieldName="{label}" FieldInternalName="{escape(str(internal))}" -->{cell}</td></tr>'
        )
    if not rows:
        return None
    return document(f"<table>{''.join(rows)}</table>".encode()).css_first("table")


def _form_context(doc: LexborHTMLParser) -> dict[str, Any] | None:
    for text in scripts_naming(doc, "FormCtx"):
        value = assigned_object(text, _CONTEXT)
        if value is not None:
            return value
    return None


def _cell_html(value: object, entry: dict[str, Any]) -> str:
    """The HTML a value cell shows for ``value`` of a field described by ``entry``."""
    kind = str(entry.get("FieldType") or entry.get("Type") or "")
    if isinstance(value, list):
        names = [
            str(person.get("DisplayText") or person.get("Title") or "")
            for person in value
            if isinstance(person, dict)
        ]
        return escape("; ".join(n for n in names if n))
    if not isinstance(value, str) or not value.strip():
        return ""
    if kind == "Note" and (entry.get("RichText") is True or value.lstrip().startswith("<")):
        return value  # rich text: HTML of the same page, read like its other HTML
    if kind in _LOOKUP_TYPES:
        return _lookup_links(value, entry)
    if ";#" in value:  # a multiple choice ";#a;#b;#"
        return escape("; ".join(part for part in value.split(";#") if part))
    return escape(value)


def _lookup_links(value: str, entry: dict[str, Any]) -> str:
    """``"8;#Title;#10;#Other"`` → links to the looked-up items' display forms."""
    parts = value.split(";#")
    base, list_id = entry.get("BaseDisplayFormUrl"), entry.get("LookupListId")
    links = []
    for number, title in zip(parts[::2], parts[1::2], strict=False):
        if not number.strip().isdigit() or not title:
            continue
        if isinstance(base, str) and isinstance(list_id, str):
            url = f"{base}&ListId=%7B{list_id.strip('{}')}%7D&ID={number.strip()}"
            links.append(f'<a href="{escape(url)}">{escape(title)}</a>')
        else:
            links.append(escape(title))
    return "; ".join(links)
