"""The settings table: every setting's config key, environment variable, flag, help and kind.

:data:`SETTINGS` is the single source for the config file, the environment,
``--help`` and the README; the messages of every setting problem are declared
here too, with the limits they quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from ..i18n import add_messages
from ..values import Value

__all__ = [
    "ARCHIVE_MODES",
    "BY_NAME",
    "DEFAULT_ARCHIVE_RATE",
    "DEFAULT_ARCHIVE_URL",
    "DEFAULT_ATTACHMENT_MAX_MB",
    "KEYMAP_ENV",
    "MAX_ARCHIVE_RATE",
    "MAX_ATTACHMENT_MB",
    "SETTINGS",
    "THEMES",
    "Kind",
    "Setting",
]

#: ``auto``: live first, the archive when the portal fails; ``always``; ``never``
ARCHIVE_MODES: Final = ("auto", "always", "never")
DEFAULT_ARCHIVE_URL: Final = "https://web.archive.org"
#: The Wayback Machine blocks an IP for an hour (doubling each time) that keeps
#: asking after its ~60 requests a minute; maintained clients keep to 24.
DEFAULT_ARCHIVE_RATE: Final = 15
#: attachments read, saved or synced at most this big (MB): the one default, which the
#: config, the document reader and the help texts say
DEFAULT_ATTACHMENT_MAX_MB: Final = 25
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
        f"giới hạn dung lượng tệp đính kèm (MB, mặc định {DEFAULT_ATTACHMENT_MAX_MB})",
        f"attachment size cap (MB, default {DEFAULT_ATTACHMENT_MAX_MB})",
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
#: each setting by its name
BY_NAME: Final = {setting.name: setting for setting in SETTINGS}
