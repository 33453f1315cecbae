"""Every gold file of the portal copy, reproduced through the public parsing API.

The page bytes are read as fetched (``urls.tsv`` maps the gold's URL to a file);
same-site URLs are reduced to path + query before comparing; keys the gold does
not have (paragraph ``links``, heading ``level``) are ignored, every key it has
must match exactly.  Two base URLs: a local mirror and the canonical origin.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.parse import parse_article, parse_home, parse_listing, parse_page
from phuly_tui.urls import reduce_urls
from tests.conftest import GOLD_DIR, gold_files
from tests.support.portal_server import FIXTURE_DIR

BASES = ("http://127.0.0.1:8000", "https://phuly.hanam.gov.vn")
PARSERS: dict[str, Callable[[bytes, str], Any]] = {
    "article": parse_article,
    "listing": parse_listing,
    "home": parse_home,
}


def _files_by_target() -> dict[str, Path]:
    files: dict[str, Path] = {}
    for line in (FIXTURE_DIR / "urls.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            target, name, _ctype, _status = line.split("\t")
            files.setdefault(target, FIXTURE_DIR / "site" / name)
    return files


FILES = _files_by_target()


def only_gold_keys(gold: Any, got: Any) -> Any:
    """``got`` restricted to the keys ``gold`` has (lists compared item by item)."""
    if isinstance(gold, dict) and isinstance(got, dict):
        return {key: only_gold_keys(gold[key], got.get(key, "<missing>")) for key in gold}
    if isinstance(gold, list) and isinstance(got, list):
        return [only_gold_keys(g, x) for g, x in zip(gold, got, strict=False)] + got[len(gold) :]
    return got


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_the_copy_has_gold_for_every_kind() -> None:
    kinds = {load(path)["kind"] for path in gold_files()}
    assert kinds == {"article", "listing", "home"}
    assert len(gold_files()) >= 50
    assert GOLD_DIR.is_dir()


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem[:60])
def test_gold_reproduced(gold_path: Path, base: str) -> None:
    gold = load(gold_path)
    data = FILES[gold["url"]].read_bytes()
    url = base + gold["url"]
    result = PARSERS[gold["kind"]](data, url)
    got = reduce_urls(result.to_dict(), base)
    assert only_gold_keys(gold, got) == gold
    # the model itself holds absolute URLs
    assert result.url == url


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem[:60])
def test_parse_page_detects_the_kind(gold_path: Path) -> None:
    gold = load(gold_path)
    page = parse_page(FILES[gold["url"]].read_bytes(), BASES[0] + gold["url"])
    assert page.to_dict()["kind"] == gold["kind"]


def test_str_input_gives_the_same_result() -> None:
    gold = next(load(p) for p in gold_files() if load(p)["kind"] == "article")
    raw = FILES[gold["url"]].read_bytes()
    url = BASES[0] + gold["url"]
    assert parse_article(raw.decode("utf-8"), url) == parse_article(raw, url)
