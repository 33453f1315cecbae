"""The stored JSON, written in pieces so a big page never stalls the app.

``json.dumps`` is one C call: for a 20,000-row table (1.8 MB of JSON) it holds
Python's GIL for 40–110 ms, and the app's event loop, which answers keys,
waits that long although the store writes in a worker thread.
:func:`encode_payload` writes exactly what
``json.dumps(data, ensure_ascii=False, separators=(",", ":"))`` writes, but as
many short ``json.dumps`` calls — a big list in slices of
:data:`SLICE_ITEMS` items — joined at the end, so the interpreter can switch
threads between any two of them.  Small payloads (the portal's articles) take
the one-call path: walking them costs more than it saves.
"""

from __future__ import annotations

import json
from typing import Any, Final

__all__ = ["SLICE_ITEMS", "encode_payload"]

#: a list longer than this is encoded in slices of this many items
SLICE_ITEMS: Final = 64
#: containers with at most this many items are encoded in one call
_SMALL: Final = 64
_SCALARS: Final = (str, int, float, bool, type(None))


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _flat(value: object) -> bool:
    """A scalar, or a small container of scalars: one short ``json.dumps`` call."""
    if isinstance(value, _SCALARS):
        return True
    if isinstance(value, list | tuple):
        return len(value) <= _SMALL and all(isinstance(v, _SCALARS) for v in value)
    if isinstance(value, dict):
        return len(value) <= _SMALL and all(isinstance(v, _SCALARS) for v in value.values())
    return False


def _pieces(value: object, out: list[str]) -> None:
    """Append ``value``'s JSON to ``out`` in short pieces."""
    if _flat(value):
        out.append(_dumps(value))
    elif isinstance(value, dict) and all(isinstance(k, str) for k in value):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            out.append(("," if index else "") + _dumps(key) + ":")
            _pieces(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for start in range(0, len(value), SLICE_ITEMS):
            chunk = value[start : start + SLICE_ITEMS]
            if start:
                out.append(",")
            if all(_flat(item) for item in chunk):
                out.append(_dumps(list(chunk))[1:-1])  # one call for the slice
            else:
                for index, item in enumerate(chunk):
                    if index:
                        out.append(",")
                    _pieces(item, out)
        out.append("]")
    else:  # anything json.dumps itself would reject or convert: let it decide
        out.append(_dumps(value))


def encode_payload(data: dict[str, Any], *, small: int = 8192) -> str:
    """``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``, in pieces.

    ``small``: a payload guessed to hold fewer items than this (blocks, table
    cells; :func:`_size`) is encoded in one call — a few milliseconds at most.
    """
    if _size(data) < small:
        return _dumps(data)
    out: list[str] = []
    _pieces(data, out)
    return "".join(out)


def _size(data: dict[str, Any]) -> int:
    """A cheap upper guess of the payload's item count: the lengths of the
    top-level lists and of the lists one level inside them (blocks → rows)."""
    total = 0
    for value in data.values():
        if isinstance(value, list | tuple):
            total += len(value)
            for item in value:
                if isinstance(item, dict):
                    for inner in item.values():
                        if isinstance(inner, list | tuple):
                            total += len(inner) * 8
    return total
