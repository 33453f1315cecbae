"""Where each field of a parsed page came from (``phuly-tui read URL --explain``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Provenance", "Trace"]

_EXCERPT_LENGTH = 80
_BLOCK_FIELD = re.compile(r"blocks\[(\d+)\](.*)")


@dataclass(frozen=True, slots=True)
class Provenance:
    """One field of the result and the rule that produced it.

    ``rule`` is ``"profile:<profile>:<selector name>"`` when a site-profile
    selector found it, ``"fallback:<method>"`` for the generic extractor (e.g.
    ``"fallback:density"``), ``"meaning:<what>"`` when found by what the page
    says (e.g. ``"meaning:heading 'Tin liên quan'"``, ``"meaning:form field 'Tiêu đề'"``,
    ``"meaning:picture between title and body"``) and ``"none"`` when
    nothing was found.  ``excerpt`` is a short piece of the source text.
    """

    field: str
    rule: str
    excerpt: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "rule": self.rule, "excerpt": self.excerpt}


@dataclass(slots=True)
class Trace:
    """Collects :class:`Provenance` records while a page is parsed."""

    records: list[Provenance] = field(default_factory=list)

    def shift_blocks(self, offset: int) -> None:
        """Renumber ``blocks[i]…`` fields after blocks were removed in front."""
        shifted = []
        for record in self.records:
            match = _BLOCK_FIELD.match(record.field)
            if match is not None:
                field_name = f"blocks[{int(match[1]) + offset}]{match[2]}"
                record = Provenance(field_name, record.rule, record.excerpt)
            shifted.append(record)
        self.records = shifted

    def add(self, field_name: str, rule: str, excerpt: str | None = "") -> None:
        text = excerpt or ""
        if len(text) > _EXCERPT_LENGTH:
            text = text[: _EXCERPT_LENGTH - 1] + "…"
        self.records.append(Provenance(field_name, rule, text))
