"""Settings: defaults ← config file ← environment ← flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from phuly_tui.config import Config, load_config
from phuly_tui.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml", environ={})
    assert config.base_url == "https://phuly.hanam.gov.vn"
    assert config.lang == "vi"
    assert config.offline is False
    assert config.source is None


@pytest.mark.parametrize("text", ["", "  \n\t\n", "\ufeff", "# chưa đặt gì\n"])
def test_an_empty_file_gives_the_defaults(tmp_path: Path, text: str) -> None:
    """Empty, blank, a BOM only, comments only: the defaults (no file named as
    their source: it set nothing)."""
    path = write(tmp_path, text)
    config = load_config(path, environ={}, must_exist=True)
    assert config.base_url == "https://phuly.hanam.gov.vn"
    assert config.timeout == Config().timeout
    assert config.source is None


def test_file_then_env_then_flags(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'base_url = "http://mirror.local/"\nlang = "en"\ntimeout = 5\n[keymap]\nback = "b"\n',
    )
    config = load_config(path, environ={"PHULY_TUI_TIMEOUT": "7", "PHULY_TUI_OFFLINE": "1"})
    assert config.base_url == "http://mirror.local"
    assert config.lang == "en"
    assert config.timeout == 7.0
    assert config.offline is True
    assert config.keymap == {"back": "b"}
    assert config.source == path
    flagged = config.with_overrides(timeout=3.0, lang=None, base_url="http://127.0.0.1:8000")
    assert flagged.timeout == 3.0
    assert flagged.lang == "en"
    assert flagged.base_url == "http://127.0.0.1:8000"


def test_keymap_from_environment(tmp_path: Path) -> None:
    config = load_config(
        tmp_path / "none.toml", environ={"PHULY_TUI_KEYMAP": "back=b,backspace;quit=ctrl+q"}
    )
    assert config.keymap == {"back": "b,backspace", "quit": "ctrl+q"}


@pytest.mark.parametrize(
    ("text", "environ"),
    [
        ("timeout = 'slow'", {}),
        ("base_url = 'ftp://x'", {}),
        ("this is not toml", {}),
        ("", {"PHULY_TUI_TIMEOUT": "-1"}),
        ("", {"PHULY_TUI_OFFLINE": "maybe"}),
    ],
)
def test_bad_values_are_clear_errors(tmp_path: Path, text: str, environ: dict[str, str]) -> None:
    with pytest.raises(ConfigError) as exc:
        load_config(write(tmp_path, text), environ=environ)
    assert exc.value.title == "Lỗi cấu hình"


def test_data_dir_from_env(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml", environ={"PHULY_TUI_DATA_DIR": str(tmp_path)})
    assert config.data_dir == tmp_path
    assert Config().data_dir.name  # platformdirs default exists as a path


@pytest.mark.parametrize("value", [0.0, -1.0, float("nan"), 1e9])
def test_flag_timeout_is_validated(tmp_path: Path, value: float) -> None:
    config = load_config(tmp_path / "none.toml", environ={})
    with pytest.raises(ConfigError):
        config.with_overrides(timeout=value)


def test_the_theme_list_is_textuals() -> None:
    """The core cannot import Textual; its copy of the theme names must not drift."""
    from textual.theme import BUILTIN_THEMES

    from phuly_tui.config import THEMES

    assert sorted(THEMES) == sorted(BUILTIN_THEMES)


def test_the_default_keys_have_no_clash() -> None:
    """The key table itself passes the check users' keymaps go through."""
    from phuly_tui.ui.keys import KEYS, check_keymap

    check_keymap({spec.id: spec.keys for spec in KEYS})


@pytest.mark.parametrize(
    ("environ", "field", "expected"),
    [
        ({"PHULY_TUI_TIMEOUT": ""}, "timeout", 15.0),
        ({"PHULY_TUI_TIMEOUT": "  "}, "timeout", 15.0),
        ({"PHULY_TUI_LANG": ""}, "lang", "vi"),
        ({"PHULY_TUI_LANG": "EN"}, "lang", "en"),
        ({"PHULY_TUI_OFFLINE": ""}, "offline", False),
        ({"PHULY_TUI_KEYMAP": ""}, "keymap", {}),
        ({"PHULY_TUI_CONFIG": ""}, "source", None),
    ],
)
def test_an_empty_environment_variable_means_unset(
    tmp_path: Path, environ: dict[str, str], field: str, expected: object
) -> None:
    config = load_config(tmp_path / "none.toml", environ=environ)
    assert getattr(config, field) == expected


def test_flag_values_go_through_the_same_parser(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml", environ={})
    flagged = config.with_overrides(timeout="7", data_dir="~/x", offline=True, lang="en")
    assert flagged.timeout == 7.0
    assert flagged.data_dir == Path("~/x").expanduser()
    assert flagged.lang == "en"
    with pytest.raises(ConfigError, match="--data-dir"):
        config.with_overrides(data_dir=7)


def test_a_blank_data_dir_variable_means_the_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PHULY_TUI_DATA_DIR", "   ")
    config = load_config(tmp_path / "none.toml")
    assert config.data_dir.name == "phuly-tui"
    assert config.data_dir.is_absolute()


# -- attachment_max_mb (README "Configuration": default 25, PHULY_TUI_ATTACHMENT_MAX_MB) ----


def test_attachment_max_mb_defaults_to_25_megabytes(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml", environ={})
    assert config.attachment_max_mb == 25
    assert config.attachment_max_bytes == 25 * 1024 * 1024


def test_attachment_max_mb_comes_from_the_file_then_the_environment_then_the_flag(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "attachment_max_mb = 10\n")
    assert load_config(path, environ={}).attachment_max_mb == 10
    config = load_config(path, environ={"PHULY_TUI_ATTACHMENT_MAX_MB": "2.5"})
    assert config.attachment_max_mb == 2.5
    assert config.attachment_max_bytes == int(2.5 * 1024 * 1024)
    assert config.with_overrides(attachment_max_mb="40").attachment_max_mb == 40
    empty = load_config(tmp_path / "none.toml", environ={"PHULY_TUI_ATTACHMENT_MAX_MB": ""})
    assert empty.attachment_max_mb == 25  # an empty variable is unset


@pytest.mark.parametrize("value", ["0", "-1", "abc", "4096", "nan", "inf"])
def test_a_bad_attachment_max_mb_in_the_environment_names_the_variable(
    tmp_path: Path, value: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_config(tmp_path / "none.toml", environ={"PHULY_TUI_ATTACHMENT_MAX_MB": value})
    assert "PHULY_TUI_ATTACHMENT_MAX_MB" in refused.value.message
    assert "attachment_max_mb" in refused.value.message


def test_the_attachment_cap_default_is_one_number_everywhere() -> None:
    """The setting's default, the reader's own default, ``--help`` and the README
    say the same number (each had it written out on its own)."""
    from phuly_tui.config import SETTINGS
    from phuly_tui.documents import DEFAULT_ATTACHMENT_MAX_MB

    default = Config().attachment_max_mb
    assert default == DEFAULT_ATTACHMENT_MAX_MB
    setting = next(s for s in SETTINGS if s.name == "attachment_max_mb")
    assert f"{default:g}" in setting.help_vi
    assert f"{default:g}" in setting.help_en
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `attachment_max_mb`"))
    assert f"| `{default:g}` (" in row
