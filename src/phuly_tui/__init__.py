"""phuly-tui: a terminal news reader for the Phủ Lý city portal.

The public, stable API for scripts is the model (:mod:`phuly_tui.model`) and the
parsers (:mod:`phuly_tui.parse`): ``parse_home``, ``parse_listing`` and
``parse_article`` turn a page's bytes or text into plain dataclasses.  Nothing
imported from here pulls in Textual.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
