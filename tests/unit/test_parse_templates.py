"""Article templates of other portal platforms, read by the generic extractor.

Each page of ``tests/fixtures/templates/`` is hand-made after what a platform
publishes about its markup (SharePoint 2010 tables, DotNetNuke, Liferay,
a Bootstrap CMS); beside it, its gold JSON written by hand from the page.  The
gold's ``container`` key names the article's container (a CSS selector) for
the recall test (``test_parse_recall.py``); every other key must match exactly.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.parse import explain_article, parse_article, parse_page
from phuly_tui.urls import reduce_urls
from tests.support.gold import assert_matches_gold

BASE = "http://127.0.0.1:8000"
TEMPLATES = Path(__file__).resolve().parent.parent / "fixtures" / "templates"


def template_golds() -> list[Path]:
    return sorted(TEMPLATES.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def page_of(path: Path) -> bytes:
    return path.with_suffix(".html").read_bytes()


def test_every_platform_has_pages() -> None:
    names = Counter(path.stem.split("_")[0] for path in template_golds())
    assert {name: names[name] for name in ("sp2010", "dnn", "liferay", "bootstrap")} == {
        "sp2010": 2,
        "dnn": 2,
        "liferay": 2,
        "bootstrap": 2,
    }


@pytest.mark.parametrize("gold_path", template_golds(), ids=lambda p: p.stem)
def test_template_matches_its_gold(gold_path: Path) -> None:
    gold = load(gold_path)
    gold.pop("container")
    article = parse_article(page_of(gold_path), BASE + gold["url"])
    assert_matches_gold(reduce_urls(article.to_dict(), BASE), gold)


@pytest.mark.parametrize("gold_path", template_golds(), ids=lambda p: p.stem)
def test_read_for_what_it_is_the_template_is_the_same_article(gold_path: Path) -> None:
    """``parse_page`` (the app's first reading of an address no page named) tells
    the kind on a pruned tree; the article itself comes out as ``parse_article``
    gives it — the breadcrumb and the menu's marked item (the section) included."""
    gold = load(gold_path)
    gold.pop("container")
    page = parse_page(page_of(gold_path), BASE + gold["url"])
    assert page == parse_article(page_of(gold_path), BASE + gold["url"])
    assert_matches_gold(reduce_urls(page.to_dict(), BASE), gold)


@pytest.mark.parametrize("gold_path", template_golds(), ids=lambda p: p.stem)
def test_template_goes_through_the_fallback(gold_path: Path) -> None:
    """No profile matches these pages: every field is the generic extractor's."""
    gold = load(gold_path)
    _article, provenance = explain_article(page_of(gold_path), BASE + gold["url"])
    assert not any(record.rule.startswith("profile:") for record in provenance)


def rules_of(name: str) -> dict[str, str]:
    gold = load(TEMPLATES / f"{name}.json")
    _article, provenance = explain_article(page_of(TEMPLATES / f"{name}.json"), BASE + gold["url"])
    return {record.field: record.rule for record in provenance}


def test_explain_names_the_rules_of_a_table_layout() -> None:
    rules = rules_of("sp2010_a")
    assert rules["title"] == "fallback:title-like line before body"
    assert rules["published"] == "fallback:date line after title"
    assert rules["lead"] == "fallback:bold block before body"
    assert rules["author"] == "meaning:byline label after body"
    assert rules["section"] == "meaning:breadcrumb after 'Trang chủ'"


def test_explain_names_the_rules_of_the_other_table_layout() -> None:
    rules = rules_of("sp2010_b")
    assert rules["published"] == "fallback:date line before title"
    assert rules["lead"] == "fallback:first bold paragraph of body"
    assert rules["author"] == "meaning:byline label before body"
    assert rules["section"] == "meaning:active menu item"


def test_explain_names_the_rules_of_dotnetnuke_pages() -> None:
    rules = rules_of("dnn_a")
    assert rules["published"] == "fallback:date line after title"
    assert rules["lead"] == "fallback:lead marked 'summary'"
    assert rules["author"] == "meaning:right-aligned signature"
    assert rules["section"] == "meaning:breadcrumb after 'Trang chủ'"
    rules = rules_of("dnn_b")
    assert rules["published"] == "fallback:date line before title"
    assert rules["lead"] == "fallback:lead marked 'tomtat'"
    assert rules["author"] == "meaning:byline label before body"


def test_explain_names_the_rules_of_liferay_pages() -> None:
    rules = rules_of("liferay_a")
    assert rules["lead"] == "fallback:lead marked 'mota'"
    assert rules["author"] == "meaning:byline 'Theo …'"
    rules = rules_of("liferay_b")
    assert rules["title"] == "fallback:title-like line before body"
    assert rules["lead"] == "fallback:first bold paragraph of body"
    assert rules["section"] == "meaning:active menu item"


def test_explain_names_the_rules_of_bootstrap_pages() -> None:
    rules = rules_of("bootstrap_a")
    assert rules["lead"] == "fallback:lead marked 'sapo'"
    assert rules["author"] == "meaning:byline '(tổng hợp)'"
    rules = rules_of("bootstrap_b")
    assert rules["published"] == "fallback:date line before title"
    assert rules["lead"] == "fallback:lead marked 'lead'"
    assert rules["author"] == "meaning:byline 'Theo …' before body"


@pytest.mark.parametrize(
    ("date_line", "related_date", "published", "related_published"),
    [
        ("2024/11/19 08:30", "(2024/11/05)", "2024-11-19T08:30", "2024-11-05"),
        ("2024.11.19 | 8h", "(2024.11.05)", "2024-11-19T08:00", "2024-11-05"),
        ("19 tháng 11, 2024 lúc 8h sáng", "(5 tháng 11, 2024)", "2024-11-19T08:00", "2024-11-05"),
        (
            "Tháng Mười Một 19, 2024 8:30 CH",
            "(Tháng Mười Một 5, 2024)",
            "2024-11-19T20:30",
            "2024-11-05",
        ),
        ("Tuesday, November 19, 2024 8:30 AM", "(Nov 5, 2024)", "2024-11-19T08:30", "2024-11-05"),
        ("19 November 2024 20h", "(5 November 2024)", "2024-11-19T20:00", "2024-11-05"),
    ],
)
def test_a_table_layout_in_another_locale_keeps_its_dates(
    date_line: str, related_date: str, published: str, related_published: str
) -> None:
    """The SharePoint 2010 page with its date line and its related news' dates written
    as another template or a site left in English writes them: the date line is still
    found by meaning after the title, and still the date of the article."""
    html = page_of(TEMPLATES / "sp2010_a.json").decode("utf-8")
    html = html.replace("19/11/2024 08:30 <span", f"{date_line} <span", 1)
    html = html.replace("(05/11/2024)", related_date, 1)
    article = parse_article(html, BASE + "/tintuc/Pages/ChiTietTin.aspx?ItemID=512")
    assert article.published == published
    assert [r.published for r in article.related] == [related_published, "2024-10-22"]
    assert article.related[0].title == (
        "Xã An Nội đón nhận Bằng công nhận đạt chuẩn nông thôn mới nâng cao"
    )
