"""Binding descriptions in the user's language, for the standalone screens and the find bar.

``BINDINGS`` are class attributes, built at import time before the user's
language is known, so they hold i18n keys as descriptions; each instance
translates its own copy in ``__init__`` (Textual copies the class bindings per
node there, and ``Binding`` is frozen, so the map is rebuilt).
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from ..i18n import t

__all__ = ["translate_binding_descriptions"]


def translate_binding_descriptions(node: DOMNode) -> None:
    """Replace every description of ``node``'s bindings that is a message key by its text."""
    node._bindings = BindingsMap(
        [
            replace(binding, description=t(binding.description)) if binding.description else binding
            for _key, binding in node._bindings
        ]
    )
