"""Where phuly-tui keeps its files, in one place.

platformdirs gives the conventional folders on Linux (XDG), macOS and Windows;
``PHULY_TUI_DATA_DIR`` / ``--data-dir`` and ``PHULY_TUI_CONFIG`` / ``--config``
override them.  Nothing here creates a folder: callers create what they write.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "phuly-tui"


def config_file() -> Path:
    """The TOML config file (it need not exist)."""
    override = os.environ.get("PHULY_TUI_CONFIG", "").strip()
    if override:  # empty or blank counts as unset, as for every setting
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_data_dir() -> Path:
    """The folder of the SQLite store (``PHULY_TUI_DATA_DIR`` wins)."""
    override = os.environ.get("PHULY_TUI_DATA_DIR", "").strip()
    if override:  # empty or blank counts as unset, as for every setting
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    """Tracebacks go here, never to the terminal."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "phuly-tui.log"


def downloads_dir() -> Path:
    """Where attachments are saved when no viewer opens them."""
    import platformdirs

    return Path(platformdirs.user_downloads_dir()) / APP_NAME
