"""``python -m phuly_tui`` runs the same entry point as the ``phuly-tui`` command."""

from phuly_tui.cli import run

run()
