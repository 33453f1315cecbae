"""One-line stand-ins for what a terminal cannot show: images, video, files.

SharePoint fills an image's alt text with its file name by default
(``484_8613.00_00_35_03.Still058.jpg``).  Such an alt is kept in the model
but never shown as a caption: :func:`image_label` falls back to a tidy form of
it and marks it as a file name, so the reader can dim it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from ..i18n import add_messages, t
from ..model import Image, Video
from ..urls import decoded_file_name

__all__ = ["ImageLabel", "image_label", "is_file_name", "tidy_file_name", "video_label"]

add_messages(
    {
        "placeholder.image": ("Ảnh", "Image"),
        "placeholder.video": ("Video", "Video"),
    }
)

_FILE_NAME: Final = re.compile(
    r"^[\w.\-~%()+ ]+\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|heic|jfif)$", re.IGNORECASE
)


def is_file_name(alt: str) -> bool:
    """True when an alt text is only a file name (SharePoint's default alt)."""
    return bool(_FILE_NAME.match(alt.strip()))


def tidy_file_name(name: str) -> str:
    """``IMG_20240911%20(2).JPG`` → ``IMG_20240911 (2).JPG`` (decoded, path dropped,
    cleaned like page text: ``%1B`` decodes to an escape — :func:`decoded_file_name`)."""
    return decoded_file_name(name.strip())


@dataclass(frozen=True, slots=True)
class ImageLabel:
    """What to print for an image: the words, and whether they are only a file name."""

    text: str
    from_file_name: bool


def image_label(image: Image, index: int, total: int) -> ImageLabel:
    """``[Ảnh 2/6: caption]``; without a caption the alt text, tidied.

    ``index`` is 1-based.  With neither caption nor alt: ``[Ảnh 2/6]``.
    """
    prefix = f"{t('placeholder.image')} {index}/{total}"
    if image.caption:
        return ImageLabel(f"[{prefix}: {image.caption}]", False)
    alt = image.alt.strip()
    if not alt:
        alt = tidy_file_name(image.src.split("?", 1)[0])
        return ImageLabel(f"[{prefix}: {alt}]" if alt else f"[{prefix}]", True)
    if is_file_name(alt):
        return ImageLabel(f"[{prefix}: {tidy_file_name(alt)}]", True)
    return ImageLabel(f"[{prefix}: {alt}]", False)


def video_label(video: Video, index: int, total: int) -> str:
    """``[Video 1/1: caption]`` or ``[Video 1/1: URL]``."""
    prefix = f"{t('placeholder.video')} {index}/{total}"
    return f"[{prefix}: {video.caption or video.src}]"
