"""What is on a Textual test screen, as plain text lines (for asserting literal text)."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widget import Widget


def screen_lines(app: App[Any]) -> list[str]:
    """Every row of the active screen as it would be painted, modal layers included."""
    strips = app.screen._compositor.render_strips()
    return [strip.text for strip in strips]


def screen_text(app: App[Any]) -> str:
    """The active screen as one string, rows joined by newlines."""
    return "\n".join(screen_lines(app))


def highlighted_text(app: App[Any], widget: Widget) -> str:
    """The text of ``widget``'s rows painted with another background than its
    other rows — the highlighted row(s) of a list, as the user sees them."""
    region = widget.content_region
    strips = app.screen._compositor.render_strips()
    rows: list[tuple[str, object]] = []
    for y in range(region.y, region.bottom):
        strip = strips[y].crop(region.x, region.right)
        backgrounds = [s.style.bgcolor for s in strip if s.style is not None and s.text.strip()]
        rows.append((strip.text.strip(), backgrounds[0] if backgrounds else None))
    painted = [bg for _text, bg in rows if bg is not None]
    usual = max(set(painted), key=painted.count, default=None)
    return " ".join(text for text, bg in rows if bg is not None and bg != usual)
