"""``list --new``: "Tin mới", the unread articles of every stored section (issue 11, item 11)."""

from __future__ import annotations

import json

import pytest

from phuly_tui.cli import EXIT_OK, EXIT_USAGE
from tests.support.cli import run_cli
from tests.support.portal_server import PortalServer


def test_unread_articles_of_every_section_newest_first(
    portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--base-url", portal.url)
    code, _, err = run_cli(
        capsys, *base, "sync", "--sections", "kinh-te", "chinh-tri", "--pages", "1"
    )
    assert code == EXIT_OK, err
    code, out, err = run_cli(capsys, *base, "list", "--new", "--json")
    assert code == EXIT_OK, err
    listing = json.loads(out)
    assert listing["kind"] == "listing"
    items = listing["items"]
    assert len(items) == 10
    assert {item["section"] for item in items} == {"Kinh tế", "Chính trị"}
    days = [item["published"] for item in items]
    assert days == sorted(days, reverse=True)
    assert items[0]["title"] == "Thành phố Phủ Lý có thêm 5 sản phẩm đạt chuẩn OCOP"
    # reading one takes it off the list
    code, _, err = run_cli(capsys, *base, "read", items[0]["url"], "--json")
    assert code == EXIT_OK, err
    code, out, _ = run_cli(capsys, *base, "list", "--new", "--json")
    assert [item["url"] for item in json.loads(out)["items"]] == [i["url"] for i in items[1:]]
    # the plain form names the section of each article
    code, out, _ = run_cli(capsys, *base, "list", "--new", "--plain")
    assert code == EXIT_OK
    assert "Tin mới" in out
    assert "[Chính trị]" in out


def test_nothing_stored_yet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "list", "--new", "--json")
    assert (code, json.loads(out)["items"]) == (EXIT_OK, [])
    code, out, err = run_cli(capsys, "list", "--new")
    assert (code, out) == (EXIT_OK, "")
    assert "phuly-tui sync" in err


@pytest.mark.parametrize("extra", [("kinh-te",), ("--page", "2")])
def test_new_takes_no_section_and_no_page(
    extra: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "list", "--new", *extra)
    assert code == EXIT_USAGE
    assert out == ""
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("lang", "name"), [("vi", "Tin mới"), ("en", "New")])
def test_the_cli_and_the_app_name_it_alike(
    lang: str, name: str, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """One catalogue entry names "Tin mới" for both: ``list --new`` said
    "Tin mới (new)" in English where the app's sections pane says "New"."""
    from phuly_tui.i18n import set_language
    from phuly_tui.ui.new_articles import new_articles_section

    base = ("--base-url", portal.url, "--lang", lang)
    code, _, err = run_cli(capsys, *base, "sync", "--sections", "kinh-te", "--pages", "1")
    assert code == EXIT_OK, err
    code, out, err = run_cli(capsys, *base, "list", "--new", "--json")
    assert code == EXIT_OK, err
    assert json.loads(out)["section"] == name
    code, out, err = run_cli(capsys, *base, "list", "--new", "--plain")
    assert code == EXIT_OK, err
    assert out.splitlines()[0] == name
    set_language(lang)
    assert new_articles_section().name == name
