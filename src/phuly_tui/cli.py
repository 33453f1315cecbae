"""Command line entry point (placeholder until the CLI lands)."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    from phuly_tui import __version__

    print(f"phuly-tui {__version__}")
    return 0
