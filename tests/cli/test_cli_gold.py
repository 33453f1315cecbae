"""``phuly-tui read/list/sections --json`` reproduce every gold file over HTTP.

The CLI runs in-process (same code path as the console script, much faster);
``test_console_script`` runs the installed command itself once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from phuly_tui.cli import main
from phuly_tui.urls import reduce_urls
from tests.conftest import gold_files, load_gold
from tests.support.cli import run_cli
from tests.support.gold import assert_matches_gold
from tests.support.portal_server import PortalServer


def cli_args_for(gold: dict[str, object], base: str) -> list[str]:
    kind = gold["kind"]
    url = f"{base}{gold['url']}"
    if kind == "article":
        return ["read", url, "--json"]
    if kind == "listing":
        return ["list", url, "--json"]
    return ["sections", "--json"]


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem[:60])
def test_cli_json_reproduces_gold(
    gold_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = load_gold(gold_path)
    code, out, err = run_cli(capsys, "--base-url", portal.url, *cli_args_for(gold, portal.url))
    assert code == 0, err
    produced = reduce_urls(json.loads(out), portal.url)
    assert_matches_gold(produced, gold)


def test_console_script(portal: PortalServer, tmp_path: Path) -> None:
    """The installed ``phuly-tui`` command itself, as a user runs it."""
    exe = Path(sys.executable).with_name("phuly-tui")
    proc = subprocess.run(
        [
            str(exe),
            "--base-url",
            portal.url,
            "--data-dir",
            str(tmp_path / "d"),
            "sections",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    home = json.loads(proc.stdout)
    assert next(s["name"] for s in home["sections"]) == "Tin tức - Sự kiện"
    assert proc.stderr == ""


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("phuly-tui 0.")
