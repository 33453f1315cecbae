"""Real model objects for the store tests: the gold files with absolute URLs.

The gold files give every page of the portal copy as ``to_dict()`` JSON with
server-relative URLs; the model (and so the store) holds absolute URLs, so the
URLs are resolved against :data:`BASE`.  ``article()`` builds small articles for
tests that need precise text.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from phuly_tui.model import Article, Heading, Home, Image, ListBlock, Listing, Paragraph, Table
from phuly_tui.store import Store
from phuly_tui.urls import URL_KEYS, resolve
from tests.conftest import GOLD_DIR

BASE = "http://127.0.0.1:8765"
Model = Article | Listing | Home


def absolute(data: Any) -> Any:
    """A gold structure with every URL resolved against :data:`BASE`."""
    if isinstance(data, dict):
        return {
            key: resolve(value, BASE + "/")
            if key in URL_KEYS and isinstance(value, str)
            else absolute(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [absolute(item) for item in data]
    return data


def gold_models() -> list[Model]:
    """Every gold page (42 articles, 10 listings, the home page) as a model object."""
    models: list[Model] = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        data = absolute(json.loads(path.read_text(encoding="utf-8")))
        kind = data["kind"]
        if kind == "article":
            models.append(Article.from_dict(data))
        elif kind == "listing":
            models.append(Listing.from_dict(data))
        else:
            models.append(Home.from_dict(data))
    return models


def kind_of(model: Model) -> str:
    return {Article: "article", Listing: "listing", Home: "home"}[type(model)]


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()


def put(
    store: Store,
    model: Model,
    *,
    fetched_at: float | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> bool:
    """``store.put_page`` the way the library does it, hash over the model's JSON."""
    data = model.to_dict()
    return store.put_page(
        model.url,
        kind_of(model),
        data,
        etag=etag,
        last_modified=last_modified,
        fetched_at=time.time() if fetched_at is None else fetched_at,
        content_hash=digest(data),
    )


def article(
    slug: str,
    title: str,
    *paragraphs: str,
    lead: str | None = None,
    section: str | None = "Tin tức - Sự kiện",
    published: str | None = "2024-10-10",
) -> Article:
    return Article(
        url=f"{BASE}/Pages/{slug}.aspx",
        title=title,
        section=section,
        published=published,
        lead=lead,
        blocks=tuple(Paragraph(text) for text in paragraphs),
    )


def rich_article() -> Article:
    """An article using every kind of searchable block."""
    return Article(
        url=f"{BASE}/Pages/rich.aspx",
        title="Bài có đủ loại khối",
        section="Kinh tế",
        published="2024-05-01T08:30",
        lead="Phần sapo nói về ngân sách",
        author="Minh Anh",
        blocks=(
            Paragraph("Đoạn văn thứ nhất"),
            Heading("Tiêu đề phụ hạn hán", 3),
            ListBlock(("mục một", "mục hai khoai lang"), ordered=True),
            Table((("Cột", "Số liệu"), ("Lúa chiêm", "65 tạ"))),
            Image(f"{BASE}/PublishingImages/a.jpg", alt="a.jpg", caption="Ảnh cánh đồng sen"),
        ),
    )
