"""Comparing an extraction with a gold file: every gold key exactly, extra keys ignored."""

from __future__ import annotations

from typing import Any


def project_onto(produced: Any, gold: Any) -> Any:
    """``produced`` restricted to the keys the gold has (recursively)."""
    if isinstance(gold, dict) and isinstance(produced, dict):
        return {k: project_onto(produced.get(k, "<missing>"), v) for k, v in gold.items()}
    if isinstance(gold, list) and isinstance(produced, list):
        if len(gold) != len(produced):
            return produced
        return [project_onto(p, g) for p, g in zip(produced, gold, strict=True)]
    return produced


def assert_matches_gold(produced: Any, gold: Any) -> None:
    assert project_onto(produced, gold) == gold
