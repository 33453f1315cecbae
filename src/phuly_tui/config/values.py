"""One parser per kind of setting, used for the file, the environment and the flags alike.

A value that cannot be used is a :class:`~phuly_tui.errors.ConfigError` naming
the setting, its source and what is allowed (exit 2); an address is never
repeated with its password.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

from ..errors import ConfigError
from ..i18n import Phrase
from ..urls import redacted, web_url
from .settings import (
    ARCHIVE_MODES,
    BY_NAME,
    KEYMAP_ENV,
    MAX_ARCHIVE_RATE,
    MAX_ATTACHMENT_MB,
    THEMES,
    Kind,
)

__all__ = ["keymap_entries", "parse_setting"]

_TRUE: Final = {"1", "true", "yes", "on", "có"}
_FALSE: Final = {"0", "false", "no", "off", "không"}


def _text(value: object) -> str:
    """A string value (a TOML number or boolean is not one): stripped, not empty."""
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(value)
    return value.strip()


def _url(value: object) -> str:
    """The base URL in the URL policy's one spelling; refused with user info or a
    backslash like any address (:func:`phuly_tui.urls.check_web_url`)."""
    url = web_url(_text(value))
    if url is None:
        raise ValueError(value)
    return url.rstrip("/")


def _lang(value: object) -> str:
    lang = _text(value).lower()
    if lang not in ("vi", "en"):
        raise ValueError(value)
    return lang


def _theme(value: object) -> str:
    theme = _text(value)
    if theme not in THEMES:
        raise ValueError(value)
    return theme


def _number(value: object, low: float, high: float) -> float:
    """``value`` as a number in ``(low, high]``: a TOML number or text (the
    environment, a flag) — never a boolean, never NaN."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    number = float(value)  # ValueError for text that is not a number
    if math.isnan(number) or not low < number <= high:
        raise ValueError(value)
    return number


def _seconds(value: object) -> float:
    return _number(value, 0, 600)


def _megabytes(value: object) -> float:
    return _number(value, 0, MAX_ATTACHMENT_MB)


def _switch(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, str | int) else ""
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(value)


def _folder(value: object) -> Path:
    return Path(_text(value)).expanduser()


def _proxy(value: object) -> str:
    proxy = _text(value)
    if "://" not in proxy:
        raise ValueError(value)
    return proxy


def _archive_mode(value: object) -> str:
    mode = _text(value).lower()
    if mode not in ARCHIVE_MODES:
        raise ValueError(value)
    return mode


def _rate(value: object) -> int:
    number = _number(value, 0, MAX_ARCHIVE_RATE)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


_PARSERS: Final[dict[Kind, Callable[[object], object]]] = {
    "url": _url,
    "lang": _lang,
    "theme": _theme,
    "seconds": _seconds,
    "megabytes": _megabytes,
    "switch": _switch,
    "folder": _folder,
    "file": _text,
    "proxy": _proxy,
    "archive": _archive_mode,
    "rate": _rate,
}


def _shown(value: object) -> str:
    """The refused value as the user wrote it (a string in quotes, a number bare),
    with the credentials of an address replaced by ``***``."""
    if isinstance(value, str | Path):
        return repr(redacted(str(value)))  # a password in an address is never repeated
    return repr(value)


def _allowed(kind: str) -> Phrase:
    # in the language of the moment it is shown (the run's may be known only later)
    return Phrase(f"config.allowed.{kind}", themes=", ".join(THEMES), max_rate=MAX_ARCHIVE_RATE)


def parse_setting(name: str, value: object, source: str) -> Any:
    """The typed value of setting ``name``, from a config file, the environment or a flag.

    The one validator of settings: raises :class:`ConfigError` naming the
    setting, where the value came from (``source``) and what is allowed.
    """
    kind = BY_NAME[name].kind
    try:
        return _PARSERS[kind](value)
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(
            "config.bad_value",
            name=name,
            source=source,
            value=_shown(value),
            allowed=_allowed(kind),
        ) from None


def _bad_keymap(source: str, value: object) -> ConfigError:
    return ConfigError(
        "config.bad_value",
        name="keymap",
        source=source,
        value=_shown(value),
        allowed=_allowed("keymap"),
    )


def keymap_entries(value: object, source: str) -> dict[str, str]:
    """``[keymap]`` (a TOML table) or ``PHULY_TUI_KEYMAP`` (``id=keys;id=keys``).

    Only the form is checked here — an id and non-empty keys for each entry;
    whether the ids exist and whether two actions share a key is checked
    against the app's key table (:func:`phuly_tui.ui.keys.check_keymap`).
    """
    if isinstance(value, str) and source == KEYMAP_ENV:
        pairs: list[tuple[object, object]] = []
        for part in value.split(";"):
            if not part.strip():
                continue
            name, equals, bound = part.partition("=")
            if not equals:
                raise _bad_keymap(source, part.strip())
            pairs.append((name, bound))
    elif isinstance(value, Mapping):
        pairs = list(value.items())
    else:
        raise _bad_keymap(source, value)
    keymap: dict[str, str] = {}
    for ident, keys in pairs:
        if not isinstance(ident, str) or not ident.strip():
            raise _bad_keymap(source, f"{ident}={keys}")
        if not isinstance(keys, str) or not all(k.strip() for k in keys.split(",")):
            raise ConfigError(
                "config.bad_value",
                name=f"keymap.{ident.strip()}",
                source=source,
                value=_shown(keys),
                allowed=_allowed("keymap"),
            )
        keymap[ident.strip()] = ",".join(k.strip() for k in keys.split(","))
    return keymap
