"""Image placeholders (:mod:`phuly_tui.render.placeholders`): a file name decoded
from an alt text or an address is outside text, cleaned like any other."""

from __future__ import annotations

import pytest

from phuly_tui.model import Image
from phuly_tui.render.placeholders import image_label, tidy_file_name


def test_a_file_name_alt_is_decoded_and_tidied() -> None:
    assert tidy_file_name("IMG_20240911%20(2).JPG") == "IMG_20240911 (2).JPG"
    assert tidy_file_name(" /Images/Anh%20le%20hoi.jpg ") == "Anh le hoi.jpg"


@pytest.mark.parametrize(
    "encoded",
    ["x%1B%5B31mred.jpg", "x%1B%5D52%3Bc%3BZXZpbA%3D%3D%07red.jpg", "x%E2%80%AEgpj.exe.jpg"],
    ids=["csi", "osc52", "bidi"],
)
def test_a_hostile_file_name_never_carries_a_control_into_the_label(encoded: str) -> None:
    for image in (Image(src="/Images/a.jpg", alt=encoded), Image(src=f"/Images/{encoded}")):
        label = image_label(image, 1, 1)
        assert label.from_file_name
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in label.text), label
        assert "\u202e" not in label.text
