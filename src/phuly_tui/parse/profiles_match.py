"""Which packaged site profile, if any, applies to a page of a given kind."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from .profile import Profile, load_profiles

__all__ = ["matching_profile"]


def matching_profile(doc: LexborHTMLParser, kind: str) -> Profile | None:
    """First profile whose ``match`` selectors for ``kind`` all find something."""
    for profile in load_profiles():
        selectors = profile.match.get(kind, ())
        if selectors and all(doc.css_first(s) is not None for s in selectors):
            return profile
    return None
