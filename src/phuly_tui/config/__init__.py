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

The package: :mod:`.settings` is the table of settings (their keys, variables,
flags and kinds), :mod:`.values` the one parser per kind, :mod:`.loading` the
:class:`Config` and the order defaults ← file ← environment ← flags.
"""

from __future__ import annotations

from .loading import Config, chosen_language, load_config
from .settings import (
    ARCHIVE_MODES,
    DEFAULT_ARCHIVE_RATE,
    DEFAULT_ARCHIVE_URL,
    DEFAULT_ATTACHMENT_MAX_MB,
    KEYMAP_ENV,
    MAX_ARCHIVE_RATE,
    SETTINGS,
    THEMES,
    Setting,
)
from .values import parse_setting

__all__ = [
    "ARCHIVE_MODES",
    "DEFAULT_ARCHIVE_RATE",
    "DEFAULT_ARCHIVE_URL",
    "DEFAULT_ATTACHMENT_MAX_MB",
    "KEYMAP_ENV",
    "MAX_ARCHIVE_RATE",
    "SETTINGS",
    "THEMES",
    "Config",
    "Setting",
    "chosen_language",
    "load_config",
    "parse_setting",
]
