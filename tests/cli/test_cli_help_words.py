"""``--help`` read as a user reads it, every command, both languages, 80 columns.

The placeholders (argparse's metavars: ``--base-url URL``, ``--page N``,
``search QUERY``) were English in the Vietnamese help, the positionals were
their code names (``url``, ``query``, ``section``), and ten options had no
help text at all (``--page``, ``--limit``, ``--pages``, ``--older-than`` …).
Each help runs the installed command at ``COLUMNS=80``.
"""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from phuly_tui.cli.arguments import SUBCOMMANDS
from tests.support.cli import run_installed

#: the placeholders each language writes (English: argparse's convention)
VIETNAMESE = {"ĐỊA-CHỈ", "TỆP", "THƯ-MỤC", "GIÂY", "GIAO-DIỆN", "SỐ", "SỐ-NGÀY", "LỆNH"}
VIETNAMESE |= {"CHUYÊN-MỤC", "NGÀY", "LOẠI", "TỪ-KHÓA"}
ENGLISH = {"URL", "FILE", "DIR", "SECONDS", "THEME", "N", "DAYS", "COMMAND", "SECTION"}
ENGLISH |= {"DATE", "TYPE", "QUERY"}
#: a word (letters, perhaps joined by "-"; not an environment variable's name)
WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")
#: a positional shown by its code name, in the usage or as an argument's line
CODE_NAME = re.compile(r"(?<![\w-])(url|query|section)(?![\w'-])")
#: the words that may stand in upper case and are no placeholder (S: "HTTP(S)")
NOT_PLACEHOLDERS = {"JSON", "TOML", "CA", "TLS", "HTTP", "S", "BỎ", "SKIP", "MB", "KH"}
HELP_COLUMN = 24  # argparse's max_help_position


def _help(lang: str, command: str | None) -> str:
    argv = ["--lang", lang, *([command] if command else []), "--help"]
    proc = run_installed(*argv, env={"COLUMNS": "80"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _own_part(text: str) -> str:
    """The help without the settings every command repeats (checked once, at the top)."""
    return re.split(r"\n(thiết lập \(dùng chung\)|settings \(global\)):\n", text)[0]


def _placeholders(text: str) -> set[str]:
    """The words written in upper case: placeholders, and a few known others."""
    return {word for word in WORD.findall(text) if word.isupper()} - NOT_PLACEHOLDERS


COMMANDS = [None, *SUBCOMMANDS]


@pytest.mark.parametrize("command", COMMANDS, ids=[c or "phuly-tui" for c in COMMANDS])
def test_help_placeholders_and_layout(command: str | None) -> None:
    vietnamese, english = _help("vi", command), _help("en", command)
    for text, own, other in ((vietnamese, VIETNAMESE, ENGLISH), (english, ENGLISH, VIETNAMESE)):
        part = text if command is None else _own_part(text)
        said = _placeholders(part)
        assert said <= own, f"not a placeholder of this language: {said - own}\n{part}"
        assert not said & other
        usage = part.split("\n\n")[0]
        assert not CODE_NAME.search(usage), usage
        assert not re.search(r"^  (url|query|section) ", part, re.MULTILINE), part
        for line in text.splitlines():
            assert cell_len(line) <= 80, line
            # an option's help starts in the help column (on its line or the next)
            found = re.match(r"  (-\S.*?|[^\s-]\S*)  +(\S)", line)
            if found and not line.startswith(("  -h, --help", "usage", "cách dùng")):
                assert cell_len(line[: found.start(2)]) == HELP_COLUMN, line
    if command is None:
        assert {"ĐỊA-CHỈ", "LỆNH", "TỆP"} <= _placeholders(vietnamese)
        assert "phuly-tui ĐỊA-CHỈ mở thẳng một bài" in " ".join(vietnamese.split())


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_option_of_a_command_says_what_it_does(command: str) -> None:
    for lang in ("vi", "en"):
        part = _own_part(_help(lang, command)).split("\n\n", 1)[1]
        lines = part.splitlines()
        for number, line in enumerate(lines):
            alone = re.fullmatch(r"  (\S+(?: \S+)*)", line)  # an argument with nothing beside it
            if alone and alone.group(1) not in {"LỆNH", "COMMAND"}:
                following = lines[number + 1] if number + 1 < len(lines) else ""
                assert following.startswith(" " * HELP_COLUMN), f"{command}: {line!r} says nothing"
