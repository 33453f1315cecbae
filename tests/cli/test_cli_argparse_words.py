"""argparse's own words in the interface's language (``cli/argparse_words.py``).

The Vietnamese CLI printed ``unrecognized arguments``, ``invalid choice``,
``the following arguments are required`` … and ``--help`` began with
``usage:`` / ``positional arguments`` / ``options``: argparse's English,
untouched.  Each mistake is made here on the real command line, in both
languages (English is argparse's own line, word for word).  The last tests
compare the translated templates with the running Python's argparse, so that
a Python whose argparse words a message differently fails here, loudly,
instead of quietly printing English again.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
from collections.abc import Callable

import pytest

from phuly_tui.cli import EXIT_USAGE
from phuly_tui.cli.argparse_words import HEADINGS, TEMPLATES, argparse_message
from phuly_tui.i18n import set_language
from tests.support.cli import run_cli

#: (command line, the Vietnamese line, the English line) — the whole stderr line
MISTAKES = [
    (
        ("list", "--bogus"),
        "phuly-tui: không hiểu tham số: --bogus (xem phuly-tui --help)",
        "phuly-tui: unrecognized arguments: --bogus (see phuly-tui --help)",
    ),
    (
        ("export", "/Pages/x.aspx", "--format", "pdf"),
        "phuly-tui export: --format: không có lựa chọn 'pdf' (chọn một trong: 'md', 'txt')"
        " (xem phuly-tui export --help)",
        "phuly-tui export: argument --format: invalid choice: 'pdf' (choose from 'md', 'txt')"
        " (see phuly-tui export --help)",
    ),
    (
        ("read",),
        "phuly-tui read: thiếu tham số bắt buộc: ĐỊA-CHỈ (xem phuly-tui read --help)",
        "phuly-tui read: the following arguments are required: URL (see phuly-tui read --help)",
    ),
    (
        ("export", "/Pages/x.aspx", "-o"),
        "phuly-tui export: -o/--output: cần một giá trị (xem phuly-tui export --help)",
        "phuly-tui export: argument -o/--output: expected one argument"
        " (see phuly-tui export --help)",
    ),
    (
        ("sync", "--sections"),
        "phuly-tui sync: --sections: cần ít nhất một giá trị (xem phuly-tui sync --help)",
        "phuly-tui sync: argument --sections: expected at least one argument"
        " (see phuly-tui sync --help)",
    ),
    (
        ("read", "/Pages/x.aspx", "--json", "--markdown"),
        "phuly-tui read: --markdown: không dùng cùng được với --json (xem phuly-tui read --help)",
        "phuly-tui read: argument --markdown: not allowed with argument --json"
        " (see phuly-tui read --help)",
    ),
    (  # options are written whole: an abbreviation is no option (test_cli_language)
        ("list", "--pag", "2"),
        "phuly-tui: không hiểu tham số: --pag (xem phuly-tui --help)",
        "phuly-tui: unrecognized arguments: --pag (see phuly-tui --help)",
    ),
    (
        ("list", "--json=yes"),
        "phuly-tui list: --json: không nhận giá trị 'yes' (xem phuly-tui list --help)",
        "phuly-tui list: argument --json: ignored explicit argument 'yes'"
        " (see phuly-tui list --help)",
    ),
]


@pytest.mark.parametrize(("argv", "vietnamese", "english"), MISTAKES)
def test_a_command_line_mistake_is_said_in_the_interface_language(
    argv: tuple[str, ...], vietnamese: str, english: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert (code, out, err) == (EXIT_USAGE, "", vietnamese + "\n")
    code, out, err = run_cli(capsys, "--lang", "en", *argv)
    assert (code, out, err) == (EXIT_USAGE, "", english + "\n")


def test_an_unknown_command_names_the_commands_in_vietnamese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = run_cli(capsys, "frobnicate")
    assert code == EXIT_USAGE
    assert err.startswith("phuly-tui: LỆNH: không có lựa chọn 'frobnicate' (chọn một trong: ")
    assert "'sections'" in err
    assert "invalid choice" not in err
    code, _out, err = run_cli(capsys, "--lang", "en", "frobnicate")
    assert err.startswith("phuly-tui: argument COMMAND: invalid choice: 'frobnicate'")


@pytest.mark.parametrize("argv", [("--help",), ("read", "--help"), ("sync", "--help")])
def test_help_headings_are_in_the_interface_language(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run_cli(capsys, *argv)
    assert code == 0
    assert out.startswith("cách dùng: phuly-tui")
    headings = {line for line in out.splitlines() if line.endswith(":") and line[0] != " "}
    assert headings <= {"tham số:", "tùy chọn:", "thiết lập:", "thiết lập (dùng chung):"}
    assert "tùy chọn:" in headings
    for english in ("usage:", "positional arguments", "options:", "settings", "show this help"):
        assert english not in out
    # the usage's continuation lines line up under the first option, after the longer word
    usage = out.split("\n\n")[0].splitlines()
    assert usage[1].index("[") == usage[0].index("[")
    code, out, _err = run_cli(capsys, "--lang", "en", *argv)
    assert out.startswith("usage: phuly-tui")
    assert "\noptions:\n" in out
    assert "tùy chọn" not in out


def test_help_texts_of_arguments_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    """Four help texts were written in Vietnamese in the parser itself."""
    for command in ("list", "read", "export", "captures"):
        _code, out, _err = run_cli(capsys, "--lang", "en", command, "--help")
        assert not re.search(r"địa chỉ|tệp hoặc|chuyên mục", out), out


# -- the templates against the running Python's argparse ----------------------------


class _Said(Exception):
    """What an argparse parser would have printed as its error."""


class _TellingParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Said(message)


def _said(build: Callable[[argparse.ArgumentParser], object], *argv: str) -> str:
    """The English line plain argparse (no translation) says for ``argv``."""
    parser = _TellingParser(prog="p", add_help=False)
    build(parser)
    with pytest.raises(_Said) as said:
        parser.parse_args(list(argv))
    return str(said.value)


def _exclusive(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--a", action="store_true")
    group.add_argument("--b", action="store_true")


#: one way to make plain argparse say each template (it is the running Python's wording)
TRIGGERS: dict[str, tuple[Callable[[argparse.ArgumentParser], object], tuple[str, ...]]] = {
    "argparse.unrecognized": (lambda p: None, ("--x",)),
    "argparse.invalid_choice": (lambda p: p.add_argument("--f", choices=("a", "b")), ("--f=c",)),
    "argparse.required": (lambda p: p.add_argument("url"), ()),
    "argparse.one_required": (_exclusive, ()),
    "argparse.expected_one": (lambda p: p.add_argument("--o"), ("--o",)),
    "argparse.expected_at_least_one": (lambda p: p.add_argument("--o", nargs="+"), ("--o",)),
    "argparse.expected_n": (lambda p: p.add_argument("--o", nargs=1), ("--o",)),
    "argparse.expected_n_plural": (lambda p: p.add_argument("--o", nargs=2), ("--o",)),
    "argparse.invalid_value": (lambda p: p.add_argument("--n", type=int), ("--n", "x")),
    "argparse.not_allowed_with": (_exclusive, ("--a", "--b")),
    "argparse.ambiguous": (
        lambda p: (p.add_argument("--page"), p.add_argument("--plain")),
        ("--p", "1"),
    ),
    "argparse.ignored_explicit": (
        lambda p: p.add_argument("--j", action="store_true"),
        ("--j=1",),
    ),
}


def test_every_template_has_a_trigger() -> None:
    keys = set(TEMPLATES.values()) - {"argparse.argument"}  # said around the others
    assert keys == set(TRIGGERS)


@pytest.mark.parametrize("key", sorted(TRIGGERS))
def test_each_argparse_message_of_this_python_is_translated(key: str) -> None:
    build, argv = TRIGGERS[key]
    english = _said(build, *argv)
    set_language("en")
    assert argparse_message(english) == english  # English: argparse's line, word for word
    set_language("vi")
    vietnamese = argparse_message(english)
    assert vietnamese != english, f"argparse now says {english!r}: update TEMPLATES"
    assert not re.search(r"\b(argument|expected|invalid|allowed|option|ignored)\b", vietnamese)


def _argparse_msgids() -> set[str]:
    """The messages the running Python's argparse marks for translation (its
    ``_("…")`` and ``ngettext("…", "…", n)`` calls, read from its source)."""
    tree = ast.parse(inspect.getsource(argparse))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "ngettext"}
        ):
            texts = node.args[:1] if node.func.id == "_" else node.args[:2]
            found |= {
                a.value for a in texts if isinstance(a, ast.Constant) and isinstance(a.value, str)
            }
    return found


#: argparse's messages that never reach this CLI's user, and why: mistakes in how a
#: parser is built (raised while building it, which the tests do), features the CLI
#: does not use (FileType, deprecation, defaults in help, a version action), and the
#: error/warning frames this CLI prints its own way
NOT_SHOWN = {
    "'required' is an invalid argument for positionals",
    "%r is not callable",
    ".__call__() not defined",
    'argument "-" with mode %r',
    "can't open '%(filename)s': %(error)s",
    "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "conflicting subparser alias: %s",
    "conflicting subparser: %s",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "mutually exclusive arguments must be optional",
    "unexpected option string: %s",
    "expected at most one argument",  # nargs="?" takes any value: unreachable
    "unknown parser %(parser_name)r (choices: %(choices)s)",
    "show this help message and exit",  # the CLI's own help text (help.help)
    "%(prog)s: error: %(message)s\n",  # the CLI's own one line (_OneLineParser.error)
    # Python 3.12+ (named here so that those Pythons pass too)
    "argument '%(argument_name)s' is deprecated",
    "command '%(parser_name)s' is deprecated",
    "option '%(option)s' is deprecated",
    "show program's version number and exit",
    " (default: %(default)s)",
    "%(heading)s:",  # the heading itself is translated; the colon stays
    "subcommands",  # the title of subcommands given none (3.13); the CLI's have none
    "%(prog)s: warning: %(message)s\n",
}


def test_the_templates_are_this_pythons_argparse_wording() -> None:
    msgids = _argparse_msgids()
    assert "unrecognized arguments: %s" in msgids  # the scan reads the source
    changed = [template for template in [*TEMPLATES, *HEADINGS] if template not in msgids]
    assert changed == [], "argparse no longer says these: update cli/argparse_words.py"


def test_every_argparse_message_is_translated_or_known_not_to_be_shown() -> None:
    unknown = _argparse_msgids() - set(TEMPLATES) - set(HEADINGS) - NOT_SHOWN
    assert unknown == set(), "a message argparse may print is not translated"
