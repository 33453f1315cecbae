"""What is on a Textual test screen, as plain text lines (for asserting literal text)."""

from __future__ import annotations

from typing import Any

from textual.app import App


def screen_lines(app: App[Any]) -> list[str]:
    """Every row of the active screen as it would be painted, modal layers included."""
    strips = app.screen._compositor.render_strips()
    return [strip.text for strip in strips]


def screen_text(app: App[Any]) -> str:
    """The active screen as one string, rows joined by newlines."""
    return "\n".join(screen_lines(app))
