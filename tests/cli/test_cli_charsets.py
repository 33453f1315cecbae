"""Issue 9 item 13 through the CLI: the HTTP charset is honoured, UTF-7 and unknown labels are not."""

from __future__ import annotations

import json

import pytest

from phuly_tui.cli import main
from tests.support.charset_pages import SEED_TITLE, charset_cases
from tests.support.portal_server import PortalServer

CASES = {case.name: case for case in charset_cases()}


@pytest.mark.parametrize("name", list(CASES))
def test_read_honours_the_http_charset_or_falls_back(
    name: str, fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[name]
    fresh_portal.routes["/Pages/charset.aspx"] = case.route
    code = main(["--base-url", fresh_portal.url, "read", "/Pages/charset.aspx", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    article = json.loads(out)
    assert article["title"] == SEED_TITLE
    first = article["blocks"][0]["text"]
    assert "6 tháng đầu năm 2024" in first
    assert case.expect_text in first
