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
    attachment_max_mb = 25 # attachments (PDF, DOCX) read, saved or synced at most this big
    archive = "auto"       # or "always", "never": when to read the Internet Archive
    archive_url = "https://web.archive.org"
    archive_rate = 15      # archive requests a minute (at most 60)

    [keymap]               # binding id = keys (Textual keymap)
    back = "backspace,left_square_bracket,u"

Each setting has a kind (:data:`SETTINGS`) and each kind one parser, used for
the file, the environment and the flags alike (:func:`parse_setting`): a value
that cannot be used is a :class:`~phuly_tui.errors.ConfigError` naming the
setting, its source and what is allowed (exit 2).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, Literal

from .errors import ConfigError
from .i18n import add_messages, t
from .paths import config_file, default_data_dir
from .urls import CANONICAL_ORIGIN, redacted, web_url
from .values import Value

__all__ = [
    "ARCHIVE_MODES",
    "DEFAULT_ARCHIVE_RATE",
    "DEFAULT_ARCHIVE_URL",
    "KEYMAP_ENV",
    "MAX_ARCHIVE_RATE",
    "SETTINGS",
    "THEMES",
    "Config",
    "Setting",
    "load_config",
    "parse_setting",
]

#: ``auto``: live first, the archive when the portal fails; ``always``; ``never``
ARCHIVE_MODES: Final = ("auto", "always", "never")
DEFAULT_ARCHIVE_URL: Final = "https://web.archive.org"
#: The Wayback Machine blocks an IP for an hour (doubling each time) that keeps
#: asking after its ~60 requests a minute; maintained clients keep to 24.
DEFAULT_ARCHIVE_RATE: Final = 15
MAX_ARCHIVE_RATE: Final = 60

add_messages(
    {
        "config.bad_file": (
            "Không đọc được tệp cấu hình {path}: {reason}",
            "Cannot read the config file {path}: {reason}",
        ),
        "config.missing_file": (
            "Không có tệp cấu hình {path} (đặt bởi {source}); tạo tệp đó hoặc bỏ {source}",
            "The config file {path} (named by {source}) does not exist; create it or drop {source}",
        ),
        "config.bad_value": (
            "Giá trị không hợp lệ cho {name} ({source}): {value}; cho phép: {allowed}",
            "Invalid value for {name} ({source}): {value}; allowed: {allowed}",
        ),
        "config.unknown_key": (
            "Bỏ qua khóa cấu hình không biết “{key}” trong {path} (các khóa: {known})",
            "Ignoring the unknown config key “{key}” in {path} (known keys: {known})",
        ),
        "config.allowed.url": (
            "một địa chỉ http:// hoặc https://",
            "an http:// or https:// address",
        ),
        "config.allowed.lang": ("vi hoặc en", "vi or en"),
        "config.allowed.theme": ("một trong {themes}", "one of {themes}"),
        "config.allowed.seconds": (
            "số giây lớn hơn 0, tối đa 600",
            "a number of seconds above 0, at most 600",
        ),
        "config.allowed.switch": (
            "true hoặc false (1/0, yes/no, on/off)",
            "true or false (1/0, yes/no, on/off)",
        ),
        "config.allowed.megabytes": (
            "số MB lớn hơn 0, tối đa 2048",
            "a number of MB above 0, at most 2048",
        ),
        "config.allowed.folder": ("đường dẫn một thư mục (chuỗi)", "a folder path (a string)"),
        "config.allowed.file": ("đường dẫn một tệp (chuỗi)", "a file path (a string)"),
        "config.allowed.proxy": (
            "địa chỉ proxy, ví dụ http://proxy:3128",
            "a proxy address such as http://proxy:3128",
        ),
        "config.allowed.archive": ("auto, always hoặc never", "auto, always or never"),
        "config.allowed.rate": (
            "số nguyên từ 1 đến {max_rate} (yêu cầu mỗi phút)",
            "a whole number from 1 to {max_rate} (requests a minute)",
        ),
        "config.allowed.keymap": (
            'bảng mã phím = "phím,phím" (trong tệp: [keymap]; biến môi trường: '
            '"mã=phím,phím;mã=phím")',
            'a table of binding id = "key,key" (in the file: [keymap]; in the environment: '
            '"id=key,key;id=key")',
        ),
    }
)

#: how a setting's value is read; each kind has one parser and one "allowed" text
Kind = Literal[
    "url",
    "lang",
    "theme",
    "seconds",
    "megabytes",
    "switch",
    "folder",
    "file",
    "proxy",
    "archive",
    "rate",
]

#: Textual's built-in themes (``textual.theme.BUILTIN_THEMES``; the core cannot
#: import Textual — a test keeps this list equal to Textual's)
THEMES: Final = (
    "textual-dark", "textual-light", "nord", "gruvbox", "catppuccin-mocha",
    "catppuccin-latte", "catppuccin-frappe", "catppuccin-macchiato", "dracula",
    "tokyo-night", "monokai", "flexoki", "solarized-light", "solarized-dark",
    "rose-pine", "rose-pine-moon", "rose-pine-dawn", "atom-one-dark", "atom-one-light",
    "ansi-dark", "ansi-light",
)  # fmt: skip
#: the environment variable holding ``[keymap]`` as ``id=keys;id=keys``
KEYMAP_ENV: Final = "PHULY_TUI_KEYMAP"


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Setting(Value):
    """One user setting: its config key, environment variable, flag, help and kind."""

    name: str
    env: str
    flag: str
    help_vi: str
    help_en: str
    kind: Kind


SETTINGS: Final[tuple[Setting, ...]] = (
    Setting(
        "base_url",
        "PHULY_TUI_BASE_URL",
        "--base-url",
        "địa chỉ cổng thông tin",
        "portal base URL",
        "url",
    ),
    Setting(
        "lang", "PHULY_TUI_LANG", "--lang", "ngôn ngữ: vi hoặc en", "language: vi or en", "lang"
    ),
    Setting(
        "theme",
        "PHULY_TUI_THEME",
        "--theme",
        "giao diện màu Textual",
        "Textual colour theme",
        "theme",
    ),
    Setting(
        "timeout",
        "PHULY_TUI_TIMEOUT",
        "--timeout",
        "thời gian chờ mạng (giây)",
        "network timeout (seconds)",
        "seconds",
    ),
    Setting(
        "offline",
        "PHULY_TUI_OFFLINE",
        "--offline",
        "không dùng mạng, chỉ đọc bản lưu",
        "never touch the network",
        "switch",
    ),
    Setting(
        "data_dir",
        "PHULY_TUI_DATA_DIR",
        "--data-dir",
        "thư mục dữ liệu (kho SQLite)",
        "data folder (SQLite store)",
        "folder",
    ),
    Setting(
        "ca_bundle",
        "PHULY_TUI_CA_BUNDLE",
        "--ca-bundle",
        "tệp chứng chỉ CA riêng",
        "custom CA bundle file",
        "file",
    ),
    Setting(
        "insecure",
        "PHULY_TUI_INSECURE",
        "--insecure",
        "BỎ kiểm tra chứng chỉ TLS (không an toàn)",
        "SKIP TLS verification (unsafe)",
        "switch",
    ),
    Setting(
        "proxy",
        "PHULY_TUI_PROXY",
        "--proxy",
        "proxy HTTP(S) (mặc định lấy từ biến môi trường)",
        "HTTP(S) proxy (default: from the environment)",
        "proxy",
    ),
    Setting(
        "attachment_max_mb",
        "PHULY_TUI_ATTACHMENT_MAX_MB",
        "--attachment-max-mb",
        "giới hạn dung lượng tệp đính kèm (MB, mặc định 25)",
        "attachment size cap (MB, default 25)",
        "megabytes",
    ),
    Setting(
        "archive",
        "PHULY_TUI_ARCHIVE",
        "--archive",
        "đọc bản lưu trữ Internet Archive: auto, always hoặc never",
        "read the Internet Archive's copies: auto, always or never",
        "archive",
    ),
    Setting(
        "archive_url",
        "PHULY_TUI_ARCHIVE_URL",
        "--archive-url",
        "địa chỉ kho lưu trữ (Wayback Machine)",
        "archive (Wayback Machine) address",
        "url",
    ),
    Setting(
        "archive_rate",
        "PHULY_TUI_ARCHIVE_RATE",
        "--archive-rate",
        f"số yêu cầu tới kho lưu trữ mỗi phút (tối đa {MAX_ARCHIVE_RATE})",
        f"archive requests a minute (at most {MAX_ARCHIVE_RATE})",
        "rate",
    ),
)
#: the widest attachment cap accepted, in MB
MAX_ATTACHMENT_MB: Final = 2048.0
_BY_NAME: Final = {setting.name: setting for setting in SETTINGS}


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
    attachment_max_mb: float = 25.0
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
            name: parse_setting(name, value, _BY_NAME[name].flag)
            for name, value in values.items()
            if value is not None
        }
        return replace(self, **given)

    @property
    def attachment_max_bytes(self) -> int:
        """The attachment cap in bytes."""
        return int(self.attachment_max_mb * 1024 * 1024)


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


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    number = float(value)  # ValueError for text that is not a number
    if math.isnan(number) or not 0 < number <= 600:
        raise ValueError(value)
    return number


def _megabytes(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    number = float(value)
    if math.isnan(number) or not 0 < number <= MAX_ATTACHMENT_MB:
        raise ValueError(value)
    return number


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
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    number = float(value)  # ValueError for text that is not a number
    if not number.is_integer() or not 1 <= number <= MAX_ARCHIVE_RATE:
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


def _allowed(kind: str) -> str:
    return t(f"config.allowed.{kind}", themes=", ".join(THEMES), max_rate=MAX_ARCHIVE_RATE)


def parse_setting(name: str, value: object, source: str) -> Any:
    """The typed value of setting ``name``, from a config file, the environment or a flag.

    The one validator of settings: raises :class:`ConfigError` naming the
    setting, where the value came from (``source``) and what is allowed.
    """
    kind = _BY_NAME[name].kind
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


def _keymap_entries(value: object, source: str) -> dict[str, str]:
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


def _read_file(path: Path, *, must_exist: bool, source: str) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if must_exist:
            raise ConfigError("config.missing_file", path=str(path), source=source) from None
        return {}  # the usual case: no file, and no TOML parser to import at start
    except OSError as exc:
        raise ConfigError("config.bad_file", path=str(path), reason=exc.strerror or exc) from None
    import tomllib

    try:
        # utf-8-sig: a file saved by Notepad starts with a BOM, which TOML does not allow
        return tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config.bad_file", path=str(path), reason=str(exc)) from None


_CONFIG_ENV: Final = "PHULY_TUI_CONFIG"
_FILE_KEYS: Final = (*(s.name for s in SETTINGS), "keymap")


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
    source = "--config"
    if path is None and env.get(_CONFIG_ENV, "").strip():
        path, must_exist, source = Path(env[_CONFIG_ENV]).expanduser(), True, _CONFIG_ENV
    path = path or config_file()
    raw = _read_file(path, must_exist=must_exist, source=source)
    values: dict[str, Any] = {}
    keymap_sources: dict[str, str] = {}
    unknown: list[str] = []
    for key, value in raw.items():
        if key == "keymap":
            values["keymap"] = _keymap_entries(value, f"{path} [keymap]")
            keymap_sources.update(dict.fromkeys(values["keymap"], f"{path} [keymap]"))
        elif key in _BY_NAME:
            values[key] = parse_setting(key, value, str(path))
        else:
            unknown.append(key)
    for setting in SETTINGS:
        if env.get(setting.env, "").strip():
            values[setting.name] = parse_setting(setting.name, env[setting.env], setting.env)
    if env.get(KEYMAP_ENV, "").strip():
        keymap = _keymap_entries(env[KEYMAP_ENV], KEYMAP_ENV)
        values["keymap"] = {**values.get("keymap", {}), **keymap}
        keymap_sources.update(dict.fromkeys(keymap, KEYMAP_ENV))
    return Config(
        **values,
        source=path if raw else None,
        keymap_sources=keymap_sources,
        unknown_keys=tuple(unknown),
    )
