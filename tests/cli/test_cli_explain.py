"""``phuly-tui read URL --explain``: which rule produced each field."""

from __future__ import annotations

import json
import re

import pytest

from phuly_tui.cli import main
from tests.support import faults
from tests.support.cli import run_cli
from tests.support.hostile import SEED_FILE, SEED_PATH
from tests.support.portal_server import PortalServer


def explain(capsys: pytest.CaptureFixture[str], base: str, path: str) -> dict[str, object]:
    code, out, err = run_cli(capsys, "--base-url", base, "read", path, "--explain", "--json")
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


def rules(data: dict[str, object]) -> dict[str, str]:
    return {p["field"]: p["rule"] for p in data["provenance"]}  # type: ignore[attr-defined]


def test_profile_rules_on_a_portal_page(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    data = explain(capsys, fresh_portal.url, SEED_PATH)
    by_field = rules(data)
    assert by_field["title"].startswith("profile:sharepoint2013")
    assert by_field["published"].startswith("profile:sharepoint2013")
    assert by_field["related"]


def test_fallback_named_when_classes_change(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    html = SEED_FILE.read_text(encoding="utf-8")
    renamed = re.sub(
        r'class="([^"]*)"', lambda m: f'class="x{abs(hash(m.group(1))) % 10**6}"', html
    )
    fresh_portal.routes["/Pages/renamed.aspx"] = faults.html_page(renamed.encode("utf-8"))
    data = explain(capsys, fresh_portal.url, "/Pages/renamed.aspx")
    article = data["article"]
    assert article["title"].startswith("Ban chỉ đạo 35 TP Phủ Lý")  # type: ignore[index]
    assert article["published"] == "2024-06-14"  # type: ignore[index]
    assert not rules(data)["title"].startswith("profile:")


def test_explain_plain_table(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--base-url", fresh_portal.url, "read", SEED_PATH, "--explain", "--plain"]) == 0
    out = capsys.readouterr().out
    assert "profile:sharepoint2013" in out
    assert "published" in out
