"""The resolved :class:`Config` of a run: defaults, then the config file, the environment, flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from ..errors import ConfigError
from ..i18n import t
from ..paths import config_file, default_data_dir
from ..urls import CANONICAL_ORIGIN
from ..values import Value
from .settings import (
    BY_NAME,
    DEFAULT_ARCHIVE_RATE,
    DEFAULT_ARCHIVE_URL,
    DEFAULT_ATTACHMENT_MAX_MB,
    KEYMAP_ENV,
    SETTINGS,
)
from .values import keymap_entries, parse_setting

__all__ = ["Config", "chosen_language", "load_config"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Config(Value):
    """Resolved settings for one run."""

    #: Portal to read; the canonical portal unless pointed at a mirror or the demo.
    base_url: str = CANONICAL_ORIGIN
    #: Interface language: "vi" (default) or "en".
    lang: str = "vi"
    #: Textual theme name.
    theme: str = "textual-dark"
    #: Seconds to wait for the network (connect, each read).
    timeout: float = 15.0
    #: Never touch the network; serve everything from the store.
    offline: bool = False
    #: Folder of the SQLite store.
    data_dir: Path = field(default_factory=default_data_dir)
    #: Custom CA bundle for TLS verification.
    ca_bundle: str | None = None
    #: Skip TLS verification (shown visibly in the app and CLI when on).
    insecure: bool = False
    #: Explicit proxy; None means the standard environment variables.
    proxy: str | None = None
    #: Attachments (PDF, DOCX) are read, saved or synced only up to this size, in MB:
    #: a document is much larger than a page, so it has its own cap (pages: 8 MiB).
    attachment_max_mb: float = DEFAULT_ATTACHMENT_MAX_MB
    #: When to read the Internet Archive's copy: "auto" (the portal failed), "always", "never".
    archive: str = "auto"
    #: The Wayback Machine (or a stand-in: the demo's, a test's).
    archive_url: str = DEFAULT_ARCHIVE_URL
    #: Archive requests a minute, shared by the whole process (1…60).
    archive_rate: int = DEFAULT_ARCHIVE_RATE
    #: Binding id → keys, applied with Textual's keymap.
    keymap: dict[str, str] = field(default_factory=dict)
    #: The config file that was read, if any.
    source: Path | None = None
    #: Where each ``keymap`` entry came from (for messages naming the source).
    keymap_sources: dict[str, str] = field(default_factory=dict)
    #: Keys of the config file that no setting has (warned about; the run goes on).
    unknown_keys: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line per unknown key, in the current language (set once ``lang`` is known)."""
        known = ", ".join(_FILE_KEYS)
        return tuple(
            t("config.unknown_key", key=key, path=self.source, known=known)
            for key in self.unknown_keys
        )

    def with_overrides(self, **values: Any) -> Config:
        """Apply flag values (strings or typed values); None means "not given".

        Each value goes through the same parser as the config file and the
        environment (:func:`parse_setting`), named by its flag in messages.
        """
        given = {
            name: parse_setting(name, value, BY_NAME[name].flag)
            for name, value in values.items()
            if value is not None
        }
        return replace(self, **given)

    @property
    def attachment_max_bytes(self) -> int:
        """The attachment cap in bytes."""
        return int(self.attachment_max_mb * 1024 * 1024)


def _read_file(path: Path, *, must_exist: bool, source: str) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if must_exist:
            raise ConfigError("config.missing_file", path=str(path), source=source) from None
        return {}  # the usual case: no file, and no TOML parser to import at start
    except OSError as exc:
        raise ConfigError("config.bad_file", path=str(path), reason=exc.strerror or exc) from None
    if not data.strip():
        return {}  # an empty file (kept as a placeholder): no TOML parser to import either
    import tomllib

    try:
        # utf-8-sig: a file saved by Notepad starts with a BOM, which TOML does not allow
        return tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config.bad_file", path=str(path), reason=str(exc)) from None


_CONFIG_ENV: Final = "PHULY_TUI_CONFIG"
_FILE_KEYS: Final = (*(s.name for s in SETTINGS), "keymap")


def _config_source(
    path: Path | None, env: Mapping[str, str], *, must_exist: bool
) -> tuple[Path, bool, str]:
    """The config file to read, whether it must exist, and what named it."""
    if path is None and env.get(_CONFIG_ENV, "").strip():
        return Path(env[_CONFIG_ENV]).expanduser(), True, _CONFIG_ENV
    return path or config_file(), must_exist, "--config"


def chosen_language(
    flag: str | None, path: Path | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """The language of a run as far as it is known before the settings are
    checked: ``--lang`` (``flag``), else ``PHULY_TUI_LANG``, else the config
    file's ``lang`` (``path``, else the file :func:`load_config` would read),
    else Vietnamese — :func:`load_config`'s order.

    The command line speaks before the settings are checked (``--help``, a
    mistake in the flags, a bad value in the file): with ``lang = "en"`` in
    the file these were Vietnamese.  Never raises: a file that cannot be read
    or a value that is no language leaves the choice to the next source, and
    :func:`load_config` reports the problem, in the language chosen here.
    """
    if flag:
        return flag
    env = os.environ if environ is None else environ
    given = env.get(BY_NAME["lang"].env, "").strip()
    if given:
        return given
    file, _must_exist, source = _config_source(path, env, must_exist=False)
    try:
        value = _read_file(file, must_exist=False, source=source).get("lang")
        return str(parse_setting("lang", value, str(file))) if value is not None else "vi"
    except ConfigError:
        return "vi"


def load_config(
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    must_exist: bool = False,
) -> Config:
    """Defaults, then the config file, then the environment (flags come later).

    ``path`` is the file to read (``--config``); without it ``PHULY_TUI_CONFIG``
    names one, else the user config folder's ``config.toml``.  A file named by
    ``--config`` (``must_exist``) or ``PHULY_TUI_CONFIG`` must exist; the
    default one need not.  An environment variable set to the empty string
    counts as unset.  Unknown keys in the file become :attr:`Config.warnings`.
    """
    env = os.environ if environ is None else environ
    path, must_exist, source = _config_source(path, env, must_exist=must_exist)
    raw = _read_file(path, must_exist=must_exist, source=source)
    values: dict[str, Any] = {}
    keymap_sources: dict[str, str] = {}
    unknown: list[str] = []
    for key, value in raw.items():
        if key == "keymap":
            values["keymap"] = keymap_entries(value, f"{path} [keymap]")
            keymap_sources.update(dict.fromkeys(values["keymap"], f"{path} [keymap]"))
        elif key in BY_NAME:
            values[key] = parse_setting(key, value, str(path))
        else:
            unknown.append(key)
    for setting in SETTINGS:
        if env.get(setting.env, "").strip():
            values[setting.name] = parse_setting(setting.name, env[setting.env], setting.env)
    if env.get(KEYMAP_ENV, "").strip():
        keymap = keymap_entries(env[KEYMAP_ENV], KEYMAP_ENV)
        values["keymap"] = {**values.get("keymap", {}), **keymap}
        keymap_sources.update(dict.fromkeys(keymap, KEYMAP_ENV))
    return Config(
        **values,
        source=path if raw else None,
        keymap_sources=keymap_sources,
        unknown_keys=tuple(unknown),
    )
