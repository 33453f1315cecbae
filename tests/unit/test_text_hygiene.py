"""Issue 9 item 15 through the parser and every output: JSON, Markdown, plain text.

The text a page carries is what the model, the store, the CLI and exports keep
(an emoji family stays one family); only the app's drawing splits it
(tests/ui/test_app_wide_text.py).
"""

from __future__ import annotations

import json
import unicodedata

from phuly_tui.model import ListBlock, Paragraph
from phuly_tui.parse import parse_article
from phuly_tui.render.article import article_markdown, article_plain
from tests.support.hostile import SEED_FILE, SEED_TITLE

URL = "http://127.0.0.1:8000/Pages/a.aspx"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
ANCHOR = "6 tháng đầu năm 2024, Ban chỉ đạo"


def page(*, title: str = SEED_TITLE, before_first: str = "", body_extra: str = "") -> bytes:
    html = SEED_FILE.read_text(encoding="utf-8").replace(SEED_TITLE, title)
    html = html.replace(ANCHOR, before_first + ANCHOR, 1)
    if body_extra:
        html = html.replace(ANCHOR, ANCHOR + "</p>" + body_extra + "<p>", 1)
    return html.encode("utf-8")


def test_emoji_family_survives_into_json_and_exports() -> None:
    article = parse_article(page(title=f"Gia đình {FAMILY} đoàn tụ"), URL)
    assert article.title == f"Gia đình {FAMILY} đoàn tụ"
    assert FAMILY in json.loads(json.dumps(article.to_dict()))["title"]
    assert FAMILY in article_markdown(article)
    assert FAMILY in article_plain(article)


def test_nul_between_words_becomes_a_space() -> None:
    for raw in (page(before_first="Phủ\x00Lý "), page(before_first="Phủ\x00Lý ").decode()):
        article = parse_article(raw, URL)
        first = next(b for b in article.blocks if isinstance(b, Paragraph))
        assert first.text.startswith("Phủ Lý " + ANCHOR), first.text


def test_nested_list_items_never_merge_words() -> None:
    lists = (
        "<ul><li><div>a<ul><li>lá</li></ul></div></li>"
        "<li><div>Thành phố</div><div>Phủ Lý</div></li>"
        "<li>Hà<br>Nam</li>"
        "<li><span>trước<ol><li>lồng</li></ol></span>sau</li></ul>"
    )
    article = parse_article(page(body_extra=lists), URL)
    items = next(b for b in article.blocks if isinstance(b, ListBlock)).items
    assert items == ("a", "lá", "Thành phố Phủ Lý", "Hà Nam", "trước sau", "lồng")


def test_combining_mark_stacks_are_capped() -> None:
    zalgo = "Z" + "\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308" * 4 + "algo"
    article = parse_article(page(title=f"Tin {zalgo} Việt Nam"), URL)
    decomposed = unicodedata.normalize("NFD", article.title)
    assert decomposed.startswith("Tin Z\u0301\u0302\u0303\u0304algo")
    assert article.title.endswith("Việt Nam")
