"""Typed settings: defaults ← config file ← environment ← command-line flags.

Every setting has a config-file key, an environment variable and a flag (the
table in :data:`SETTINGS` is the single source for all three, for ``--help``
and for the README).  The config file is TOML in the user config folder
(``phuly-tui config-path`` prints it)::

    base_url = "https://phuly.hanam.gov.vn"
    lang = "vi"            # or "en"
    theme = "textual-dark"
    timeout = 15
    offline = false
    data_dir = "~/.local/share/phuly-tui"
    ca_bundle = "/etc/ssl/my-ca.pem"
    insecure = false
    proxy = "http://proxy.example:3128"

    [keymap]               # binding id = keys (Textual keymap)
    back = "backspace,left_square_bracket,u"
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Final

from .errors import ConfigError
from .i18n import add_messages
from .paths import config_file, default_data_dir
from .urls import CANONICAL_ORIGIN, is_http_url
from .values import Value

__all__ = ["SETTINGS", "Config", "Setting", "load_config"]

add_messages(
    {
        "config.bad_file": (
            "Không đọc được tệp cấu hình {path}: {reason}",
            "Cannot read the config file {path}: {reason}",
        ),
        "config.bad_value": (
            "Giá trị không hợp lệ cho {name} ({source}): {value!r}",
            "Invalid value for {name} ({source}): {value!r}",
        ),
    }
)


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Setting(Value):
    """One user setting: its config key, environment variable, flag and help."""

    name: str
    env: str
    flag: str
    help_vi: str
    help_en: str


SETTINGS: Final[tuple[Setting, ...]] = (
    Setting(
        "base_url", "PHULY_TUI_BASE_URL", "--base-url", "địa chỉ cổng thông tin", "portal base URL"
    ),
    Setting("lang", "PHULY_TUI_LANG", "--lang", "ngôn ngữ: vi hoặc en", "language: vi or en"),
    Setting("theme", "PHULY_TUI_THEME", "--theme", "giao diện màu Textual", "Textual colour theme"),
    Setting(
        "timeout",
        "PHULY_TUI_TIMEOUT",
        "--timeout",
        "thời gian chờ mạng (giây)",
        "network timeout (seconds)",
    ),
    Setting(
        "offline",
        "PHULY_TUI_OFFLINE",
        "--offline",
        "không dùng mạng, chỉ đọc bản lưu",
        "never touch the network",
    ),
    Setting(
        "data_dir",
        "PHULY_TUI_DATA_DIR",
        "--data-dir",
        "thư mục dữ liệu (kho SQLite)",
        "data folder (SQLite store)",
    ),
    Setting(
        "ca_bundle",
        "PHULY_TUI_CA_BUNDLE",
        "--ca-bundle",
        "tệp chứng chỉ CA riêng",
        "custom CA bundle file",
    ),
    Setting(
        "insecure",
        "PHULY_TUI_INSECURE",
        "--insecure",
        "BỎ kiểm tra chứng chỉ TLS (không an toàn)",
        "SKIP TLS verification (unsafe)",
    ),
    Setting(
        "proxy",
        "PHULY_TUI_PROXY",
        "--proxy",
        "proxy HTTP(S) (mặc định lấy từ biến môi trường)",
        "HTTP(S) proxy (default: from the environment)",
    ),
)


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
    #: Binding id → keys, applied with Textual's keymap.
    keymap: dict[str, str] = field(default_factory=dict)
    #: The config file that was read, if any.
    source: Path | None = None

    def with_overrides(self, **values: Any) -> Config:
        """Apply flag values; None means "not given"."""
        given = {k: v for k, v in values.items() if v is not None}
        return _validated(replace(self, **given), "flag")


_TRUE = {"1", "true", "yes", "on", "có"}
_FALSE = {"0", "false", "no", "off", "", "không"}


def _coerce(name: str, value: Any, source: str) -> Any:
    kinds = {f.name: f.type for f in fields(Config)}
    kind = str(kinds.get(name, "str"))
    try:
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(value)
        if kind == "float":
            number = float(value)
            if not 0 < number <= 600:
                raise ValueError(value)
            return number
        if kind == "Path":
            return Path(str(value)).expanduser()
        if kind == "dict[str, str]":
            if isinstance(value, str):  # env form: "id=keys;id=keys"
                pairs = (part.split("=", 1) for part in value.split(";") if "=" in part)
                return {k.strip(): v.strip() for k, v in pairs}
            if not isinstance(value, dict):
                raise ValueError(value)
            return {str(k): str(v) for k, v in value.items()}
        return None if value is None else str(value)
    except (TypeError, ValueError):
        raise ConfigError("config.bad_value", name=name, source=source, value=value) from None


def _validated(config: Config, source: str) -> Config:
    base = config.base_url.strip().rstrip("/")
    if not is_http_url(base):
        raise ConfigError("config.bad_value", name="base_url", source=source, value=base)
    lang = "en" if config.lang.lower().startswith("en") else "vi"
    if not 0 < config.timeout <= 600:  # also refuses NaN
        raise ConfigError("config.bad_value", name="timeout", source=source, value=config.timeout)
    return replace(config, base_url=base, lang=lang)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return {}  # the usual case: no file, and no TOML parser to import at start
    except OSError as exc:
        raise ConfigError("config.bad_file", path=str(path), reason=str(exc)) from None
    import tomllib

    try:
        with handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config.bad_file", path=str(path), reason=str(exc)) from None


def load_config(path: Path | None = None, environ: dict[str, str] | None = None) -> Config:
    """Defaults, then the config file, then the environment (flags come later)."""
    env = os.environ if environ is None else environ
    path = path or config_file()
    raw = _read_file(path)
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Config)} - {"source"}
    for key, value in raw.items():
        if key in known:
            values[key] = _coerce(key, value, str(path))
    for setting in SETTINGS:
        if setting.env in env:
            values[setting.name] = _coerce(setting.name, env[setting.env], setting.env)
    if "PHULY_TUI_KEYMAP" in env:
        keymap = _coerce("keymap", env["PHULY_TUI_KEYMAP"], "PHULY_TUI_KEYMAP")
        values["keymap"] = {**values.get("keymap", {}), **keymap}
    config = Config(**values, source=path if raw else None)
    return _validated(config, str(path))
