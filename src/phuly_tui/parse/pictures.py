"""Pictures between an article's title and its body, each with its caption.

SharePoint's article layouts put the page image (the ``PublishingPageImage``
field, a ``…RichImageField``) and a caption field between the title and the
body, outside the rich-text field; other templates put a lead picture there
too.  A reader sees the picture where it stands, so it becomes an image block
ahead of the body, and its caption is found by meaning — the short text right
after the image (or around it, in the same paragraph) that is:

* marked as a caption: ``<figcaption>``, or a class/id word such as
  ``caption`` / ``chuthich`` on it or on a box around it that does not hold the
  picture too (SharePoint's ``…_ImageCaption__ControlWrapper_RichHtmlField``);
* wholly italic; or
* centred and not bold (a centred bold line there is the lead).

That text is then not a paragraph, nor the lead.  Never pictures of the
article: SharePoint's own icons (``/_layouts/``), pictures drawn at icon size,
pictures inside a link to a script or an e-mail (print, share) and pictures
inside blocks the caller marks as not the article's (related news,
attachments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final

from selectolax.lexbor import LexborNode

from ..model import Block, Image, Paragraph
from .article_parts import SUMMARY_WORDS, Around, within
from .blocks import byline_author, image_block
from .dates import DATE_PATTERN
from .dom import attr, hidden_by
from .looks import hint_words, is_centred, is_wholly_bold, is_wholly_italic
from .meaning import is_tool_text
from .provenance import Trace
from .tree import contains

__all__ = ["PictureFound", "front_blocks", "pictures_above", "pictures_between"]

#: class/id words (see :func:`.article_parts.hint_words`) that mean "caption"
CAPTION_WORDS: Final = frozenset(
    {"caption", "captions", "figcaption", "imagecaption", "imgcaption", "photocaption",
     "chuthich", "chuthichanh", "legend", "credit"}
)  # fmt: skip
_MAX_CAPTION: Final = 300
#: how many boxes around a caption may say "caption" for it
_MARK_LEVELS: Final = 3
#: a picture drawn at most this many pixels wide or high is an icon
_ICON_SIZE: Final = 48
_PIXELS: Final = re.compile(r"^\s*(\d+)\s*(?:px)?\s*$", re.IGNORECASE)
_STYLE_SIZE: Final = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*(\d+)\s*px", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PictureFound:
    """A picture between the title and the body: its image block (caption set),
    where it stands among :attr:`.Around.between`, and its caption's node and rule."""

    image: Image
    position: int
    caption: LexborNode | None = None
    caption_rule: str = ""


def pictures_between(around: Around, skip: set[int], page_url: str) -> list[PictureFound]:
    """The pictures after the title and before the body (see the module doc);
    ``skip``: ids of nodes that are not the article's, or already read."""
    between, images = around.between, around.images
    found: list[PictureFound] = []
    for number, (position, inside, node) in enumerate(images):
        attributes = node.attributes
        if hidden_by(attributes) or _is_icon(node, attributes):
            continue
        if within(node, skip, around.region):
            continue
        image = image_block(attributes, page_url)
        if image is None:
            continue
        following = images[number + 1] if number + 1 < len(images) else None
        if position >= len(between) or (following is not None and following[0] == position):
            found.append(PictureFound(image, position))  # another picture comes first
            continue
        holder, text = between[position]
        rule = None if holder.mem_id in skip else _caption_rule(holder, text, node, inside)
        if rule is None:
            found.append(PictureFound(image, position))
            continue
        found.append(PictureFound(replace(image, caption=text), position, holder, rule))
    return found


def pictures_above(
    root: LexborNode,
    title: LexborNode | None,
    body: LexborNode,
    page_url: str,
    skip: set[int],
    trace: Trace | None,
) -> list[Block]:
    """A site profile's article: the pictures between its title and its body, as
    blocks to put in front of the body's (:func:`front_blocks`); none without a title.

    Only a picture outside the body sends the walk between title and body: on most
    pages every picture is in the body, and this costs one ancestor test per picture.
    """
    if title is None or all(contains(body, img) for img in root.css("img")):
        return []
    around = Around(root, title, body)
    return front_blocks(around, [], pictures_between(around, skip, page_url), trace)


def front_blocks(
    around: Around,
    kept: list[tuple[LexborNode, str]],
    pictures: list[PictureFound],
    trace: Trace | None,
) -> list[Block]:
    """The blocks that stand between the title and the body, in reading order: the
    texts no rule took (``kept``, from :attr:`.Around.between`) and the pictures.

    The trace's body records are moved behind them, and each gets its own.
    """
    if not kept and not pictures:
        return []
    order = {node.mem_id: index for index, (node, _text) in enumerate(around.between)}
    placed: list[tuple[int, int, Block, str, str]] = [
        (order[node.mem_id], 1, Paragraph(text), "fallback:text between title and body kept", "")
        for node, text in kept
    ]
    placed += [
        (p.position, 0, p.image, "meaning:picture between title and body", p.caption_rule)
        for p in pictures
    ]
    placed.sort(key=lambda entry: entry[:2])
    if trace is not None:
        trace.shift_blocks(len(placed))
        for index, (_position, _kind, block, rule, caption_rule) in enumerate(placed):
            image = block if isinstance(block, Image) else None
            trace.add(f"blocks[{index}]", rule, image.src if image else _text_of_block(block))
            if image is not None and caption_rule:
                trace.add(f"blocks[{index}].caption", caption_rule, image.caption)
    return [block for _position, _kind, block, _rule, _caption_rule in placed]


def _text_of_block(block: Block) -> str:
    return block.text if isinstance(block, Paragraph) else ""


def _is_icon(node: LexborNode, attributes: dict[str, str | None]) -> bool:
    """SharePoint's own images, a picture drawn at icon size, or one inside a
    script or e-mail link (print, share): never a picture of the article."""
    src = (attributes.get("src") or "").lower()
    if "/_layouts/" in src:
        return True
    for name in ("width", "height"):
        match = _PIXELS.match(attributes.get(name) or "")
        if match is not None and int(match[1]) <= _ICON_SIZE:
            return True
    style = attributes.get("style")
    if style and any(int(size) <= _ICON_SIZE for size in _STYLE_SIZE.findall(style)):
        return True
    link = node.parent
    for _ in range(3):
        if link is None or link.tag == "a":
            break
        link = link.parent
    if link is None or link.tag != "a":
        return False
    href = (attr(link, "href") or "").strip().lower()
    label = attr(link, "title") or attributes.get("alt") or ""
    return href.startswith(("javascript:", "mailto:")) or is_tool_text(label)


def _caption_rule(holder: LexborNode, text: str, image: LexborNode, inside: bool) -> str | None:
    """The rule by which ``holder`` (the text right after ``image``, or around it when
    ``inside``) is the picture's caption, or None when it is not one."""
    if len(text) > _MAX_CAPTION or is_tool_text(text) or byline_author(text) is not None:
        return None
    if len(text) <= 100 and DATE_PATTERN.search(text) is not None:
        return None  # the date line under a picture
    boxes = _boxes(holder, image, inside)
    if any(hint_words(box) & SUMMARY_WORDS for box in boxes):
        return None  # the lead, however it looks
    if holder.tag == "figcaption":
        return "meaning:figcaption"
    for box in boxes:
        words = sorted(hint_words(box) & CAPTION_WORDS)
        if words:
            return f"meaning:line marked '{words[0]}' after picture"
    if is_wholly_italic(holder):
        return "meaning:italic line after picture"
    if any(is_centred(box) for box in boxes) and not is_wholly_bold(holder):
        return "meaning:centred line after picture"
    return None


def _boxes(holder: LexborNode, image: LexborNode, inside: bool) -> list[LexborNode]:
    """``holder`` and the boxes around it that say something of it alone: up to
    :data:`_MARK_LEVELS` ancestors that do not hold the picture too."""
    boxes = [holder]
    if inside:
        return boxes
    current = holder.parent
    for _ in range(_MARK_LEVELS):
        if current is None or current.tag in ("body", "html", "form"):
            break
        if contains(current, image):
            break
        boxes.append(current)
        current = current.parent
    return boxes
