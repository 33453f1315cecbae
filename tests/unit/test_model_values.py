"""The shared value methods (``phuly_tui.values.Value``) of the model and other records:
equality, hashing and repr by field values."""

from __future__ import annotations

import dataclasses

import pytest

from phuly_tui.model import Article, Heading, InlineLink, ListingItem, Paragraph


def test_equal_fields_of_the_same_class_are_equal_and_hash_alike() -> None:
    a = Paragraph(text="Phủ Lý", links=(InlineLink(text="x", url="https://a/b"),))
    b = Paragraph(text="Phủ Lý", links=(InlineLink(text="x", url="https://a/b"),))
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert a != Paragraph(text="Phủ Lý")
    assert a != dataclasses.replace(a, text="Phủ  Lý")


def test_another_class_with_the_same_values_is_not_equal() -> None:
    assert Paragraph(text="Tin") != Heading(text="Tin")
    assert Heading(text="Tin") != ("Tin", 2, "heading")
    assert (Paragraph(text="Tin") == object()) is False


def test_repr_names_the_class_and_every_field_in_order() -> None:
    item = ListingItem(title="Đảng", url="https://p/x.aspx", published="2024-06-14")
    assert repr(item) == (
        "ListingItem(title='Đảng', url='https://p/x.aspx', published='2024-06-14', "
        "summary=None, thumbnail=None)"
    )
    assert repr(Heading(text="A")).startswith("Heading(text='A', ")


def test_still_frozen_and_slotted() -> None:
    item = ListingItem(title="a", url="u")
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.title = "b"  # type: ignore[misc]
    assert not hasattr(item, "__dict__")
    article = Article(title="t", url="u")
    assert dataclasses.replace(article, title="s").title == "s"
    assert Article.from_dict(article.to_dict()) == article


def test_other_frozen_records_compare_by_value_too() -> None:
    from phuly_tui.config import Config
    from phuly_tui.ui.keys import KEYS

    assert Config(base_url="http://127.0.0.1:9") == Config(base_url="http://127.0.0.1:9")
    assert Config(base_url="http://127.0.0.1:9") != Config(base_url="http://127.0.0.1:8")
    assert len(set(KEYS)) == len(KEYS)
    assert repr(KEYS[0]).startswith("KeySpec(id='quit', ")


def test_is_article_tells_an_article_from_the_listing_side() -> None:
    from phuly_tui.model import Home, Listing, is_article

    article = Article(url="https://p/a.aspx", title="Tin")
    assert is_article(article)
    assert not is_article(Listing(url="https://p/l.aspx", section="Tin"))
    assert not is_article(Home(url="https://p/"))
    assert not is_article(None)
    assert not is_article(Paragraph(text="Tin"))


def test_the_frozen_dataclasses_a_start_builds_take_their_methods_from_value() -> None:
    """``@dataclass`` compiles each ``__eq__``, ``__hash__`` and ``__repr__`` it
    writes (~0.05 ms apiece): every frozen dataclass of the modules the app
    imports before its first frame (the store's included) gets them from
    :class:`~phuly_tui.values.Value` instead."""
    import subprocess
    import sys

    code = (
        "import dataclasses, inspect, sys\n"
        "import phuly_tui.ui.app, phuly_tui.store\n"
        "from phuly_tui.values import Value\n"
        "own = [c for m in list(sys.modules.values()) if m.__name__.startswith('phuly_tui')\n"
        "       for c in vars(m).values()\n"
        "       if inspect.isclass(c) and c.__module__ == m.__name__ and dataclasses.is_dataclass(c)]\n"
        "frozen = [c for c in own if c.__dataclass_params__.frozen]\n"
        "print(len(frozen) > 10, sorted(c.__qualname__ for c in frozen\n"
        "      if not issubclass(c, Value) or c.__dataclass_params__.eq))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "True []"
