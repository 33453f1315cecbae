"""Site profiles: the selectors of a portal template, kept as data.

A profile is a TOML file in :mod:`phuly_tui.parse.profiles`.  Code interprets
it; adding a template variant means adding a file, not code.  Profiles are
loaded once, at first use, and cached for the life of the process.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["Profile", "load_profiles"]


@dataclass(frozen=True, slots=True)
class Profile:
    """One site template: per page kind, a ``match`` list and named selectors."""

    name: str
    description: str = ""
    #: kind ("article", "listing", "home", "error") → selector name → CSS selector
    selectors: dict[str, dict[str, str]] = field(default_factory=dict)
    #: kind → selectors that must all find something for the profile to apply
    match: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: kind → field → the labels a page writes for it (a ``[kind.fields]`` table of
    #: lists), e.g. ``form`` → ``title`` → ("Tiêu đề", "Title")
    fields: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: kind → field → the names the platform gives it whatever its label says (a
    #: ``[kind.internal_names]`` table), e.g. ``form`` → ``body`` → ("Body",)
    internal_names: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def get(self, kind: str, name: str) -> str | None:
        """The selector ``name`` of page kind ``kind``, or None when not defined."""
        return self.selectors.get(kind, {}).get(name)

    @classmethod
    def from_toml(cls, text: str, name: str = "profile") -> Profile:
        """A profile from TOML text (the format of the packaged files)."""
        return _profile_from_toml(tomllib.loads(text), name)

    def rule(self, kind: str, name: str) -> str:
        """Rule id for provenance, e.g. ``profile:sharepoint2013:title``."""
        del kind
        return f"profile:{self.name}:{name}"


def _profile_from_toml(data: dict[str, Any], fallback_name: str) -> Profile:
    meta = data.get("profile", {})
    selectors: dict[str, dict[str, str]] = {}
    match: dict[str, tuple[str, ...]] = {}
    fields: dict[str, dict[str, tuple[str, ...]]] = {}
    internal_names: dict[str, dict[str, tuple[str, ...]]] = {}
    for kind, table in data.items():
        if kind == "profile" or not isinstance(table, dict):
            continue
        selectors[kind] = {k: v for k, v in table.items() if isinstance(v, str)}
        raw_match = table.get("match", [])
        match[kind] = tuple(str(m) for m in raw_match) if isinstance(raw_match, list) else ()
        fields[kind] = _lists(table.get("fields"))
        internal_names[kind] = _lists(table.get("internal_names"))
    return Profile(
        name=str(meta.get("name", fallback_name)),
        description=str(meta.get("description", "")),
        selectors=selectors,
        match=match,
        fields=fields,
        internal_names=internal_names,
    )


def _lists(table: object) -> dict[str, tuple[str, ...]]:
    """A TOML table of lists of strings (anything else in it left out)."""
    if not isinstance(table, dict):
        return {}
    return {k: tuple(str(v) for v in vs) for k, vs in table.items() if isinstance(vs, list)}


@lru_cache(maxsize=1)
def load_profiles() -> tuple[Profile, ...]:
    """Every packaged profile, in file-name order.

    Read from the package's folder on disk (an installed wheel is unpacked):
    :mod:`importlib.resources` would import :mod:`zipfile` and its readers for
    it, ~0.35 MiB of the app's memory from the background refresh right after
    the start.
    """
    folder = Path(__file__).with_name("profiles")
    profiles = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            text = entry.read_text(encoding="utf-8")
            profiles.append(Profile.from_toml(text, entry.name.removesuffix(".toml")))
    return tuple(profiles)
