"""A shared base for frozen dataclasses: equality, hash and repr by field values.

``dataclass`` compiles ``__eq__``, ``__hash__`` and ``__repr__`` anew for every
class (with ``exec``); for the model and the other records the app creates at
start that came to ~6 ms of a start measured against a bare Textual app.  A
class declared ``@dataclass(frozen=True, slots=True, eq=False, repr=False)``
and derived from :class:`Value` gets the same results from one generic copy:
equal when the class is the same and every field is equal, a hash of the
fields, and ``Name(field=value, ...)``.  Only for frozen classes: a mutable
object must not hash by its values.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

__all__ = ["Value"]

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


class Value:
    """Equality, hash and repr by field values (see the module doc)."""

    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _field_names(type(self)))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Value)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in _field_names(type(self)))
        return f"{type(self).__qualname__}({values})"
