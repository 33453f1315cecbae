"""Site profiles are data: the packaged one loads, and another template needs
only another TOML file (tried in order, first match wins)."""

from __future__ import annotations

import pytest

from phuly_tui.parse import explain_article, parse_article, profiles_match
from phuly_tui.parse.profile import Profile, load_profiles

BASE = "http://127.0.0.1:8000"

OTHER_TEMPLATE = """
[profile]
name = "cms-x"

[article]
match = ["article.post", "div.post-body"]
root = "article.post"
title = "h2.post-title"
date = "time.post-date"
lead = "p.post-intro"
body = "div.post-body"
byline = "span.post-author"
section = "nav.crumbs .here"
"""

PAGE = """<html><body><nav class="crumbs"><a href="/">Trang chủ</a> / <b class="here">Kinh tế</b></nav>
<article class="post"><h2 class="post-title">Bài theo mẫu khác</h2>
<time class="post-date">Ngày 3 tháng 1 năm 2025, 7 giờ 15</time>
<p class="post-intro">Mở đầu.</p><div class="post-body"><p>Thân bài của bài viết theo một mẫu trang khác, đủ dài để đọc.</p></div>
<span class="post-author">Nguồn: Báo Hà Nam</span></article></body></html>"""


def test_packaged_profile_loads_once() -> None:
    profiles = load_profiles()
    assert [p.name for p in profiles] == ["sharepoint2013"]
    assert load_profiles() is profiles  # cached
    portal = profiles[0]
    assert portal.get("article", "body") == "div.ms-rtestate-field"
    assert portal.match["article"] == ("div.news-detail", "div.ms-rtestate-field")
    assert portal.rule("article", "title") == "profile:sharepoint2013:title"


def test_another_template_is_another_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    custom = Profile.from_toml(OTHER_TEMPLATE, "cms-x")
    monkeypatch.setattr(profiles_match, "load_profiles", lambda: (*load_profiles(), custom))
    article, provenance = explain_article(PAGE, BASE + "/bai.html")
    assert (article.title, article.published, article.lead, article.author, article.section) == (
        "Bài theo mẫu khác",
        "2025-01-03T07:15",
        "Mở đầu.",
        "Báo Hà Nam",
        "Kinh tế",
    )
    assert [b.to_dict()["text"] for b in article.blocks] == [
        "Thân bài của bài viết theo một mẫu trang khác, đủ dài để đọc."
    ]
    assert {p.field: p.rule for p in provenance}["title"] == "profile:cms-x:title"


def test_without_the_profile_the_same_page_still_parses() -> None:
    article = parse_article(PAGE, BASE + "/bai.html")
    assert article.title == "Bài theo mẫu khác"
    assert article.published == "2025-01-03T07:15"
