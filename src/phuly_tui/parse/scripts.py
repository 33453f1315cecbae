"""JSON a page's scripts assign to a variable (SharePoint's ``var WPQ2ListData = {…}``
and ``var WPQ2FormCtx = {…}``): the one reader of it, bounded for hostile pages."""

from __future__ import annotations

import json
import re
from typing import Any, Final

from selectolax.lexbor import LexborHTMLParser

__all__ = ["assigned_object", "scripts_naming"]

#: a script longer than this is not searched (bounds hostile pages)
_MAX_SCRIPT: Final = 2_000_000


def scripts_naming(doc: LexborHTMLParser, word: str) -> list[str]:
    """The text of each script of ``doc`` that holds ``word`` (a cheap filter before
    any pattern), of at most :data:`_MAX_SCRIPT` characters."""
    texts = []
    for script in doc.css("script"):
        text = script.text(deep=True, separator="", strip=False)
        if word in text and len(text) <= _MAX_SCRIPT:
            texts.append(text)
    return texts


def assigned_object(text: str, assignment: re.Pattern[str]) -> dict[str, Any] | None:
    """The JSON object written right after the first match of ``assignment`` in
    ``text``; None when there is none, it is not JSON or not an object, or it is
    nested past the decoder's depth (a RecursionError, not a crash)."""
    match = assignment.search(text)
    if match is None:
        return None
    try:
        value, _end = json.JSONDecoder().raw_decode(text, match.end())
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None
