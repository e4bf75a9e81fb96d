"""Images and documents for the demo content, drawn in code with Pillow (no downloads). Idempotent by title."""

import hashlib
import io
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
]
PALETTE = ["#C8102E", "#1F4E9E", "#2E7D32", "#EF6C00", "#6A1B9A", "#00838F", "#AD1457", "#5D4037"]


@cache
def _font(size: int):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return None  # no CJK font: the cards are drawn without text


def _draw_card(text: str, subtitle: str, colour: str, size: tuple[int, int]) -> bytes:
    """A coloured card with soft circles and, when ``text`` is given, a centred Chinese title."""
    width, height = size
    card = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(card)
    # A few soft circles so that the cards are not flat and the focal point (the title) is visible.
    for n, (cx, cy, r) in enumerate([(0.85, 0.2, 0.35), (0.1, 0.9, 0.3), (0.6, 1.0, 0.25)]):
        shade = 255 if n % 2 == 0 else 0
        overlay = PILImage.new("RGBA", size, (0, 0, 0, 0))
        ImageDraw.Draw(overlay).ellipse(
            [(cx - r) * width, (cy - r) * width, (cx + r) * width, (cy + r) * width], fill=(shade, shade, shade, 38)
        )
        card.paste(overlay, (0, 0), overlay)
    title_size = min(width // 14, int(width * 0.8 / max(len(text), 1)))  # long titles shrink to fit the card
    title_font, subtitle_font = _font(max(title_size, 18)), _font(max(width // 30, 12))
    if title_font is not None and text:
        draw.text((width / 2, height / 2), text, font=title_font, fill="white", anchor="mm")
        if subtitle:
            draw.text((width / 2, height / 2 + width // 10), subtitle, font=subtitle_font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    card.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_image(title: str, *, text: str | None = None, subtitle: str = "", colour: str = "", size=(1200, 750)):
    """The library image called ``title``, drawn on first use: a coloured card showing ``text`` (default: the title)."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    colour = colour or PALETTE[sum(map(ord, title)) % len(PALETTE)]
    content = ContentFile(
        _draw_card(title if text is None else text, subtitle, colour, size),
        name=f"demo-{hashlib.sha256(title.encode()).hexdigest()[:10]}.png",
    )
    image = image_model(title=title, file=content, description=text or title)
    image.focal_point_x, image.focal_point_y = size[0] // 2, size[1] // 2
    # The focal area is the card title: c100 crops zoom in on it without cutting it off.
    image.focal_point_width, image.focal_point_height = size[0] * 9 // 10, size[1] // 2
    image.save()
    return image


def demo_qr_code(title: str, url: str):
    """A QR code image (the WeChat account's, in the demo pointing at ``url``)."""
    import qrcode

    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    qrcode.make(url, box_size=8, border=2).save(buffer, format="PNG")
    image = image_model(title=title, file=ContentFile(buffer.getvalue(), name="demo-wechat-qr.png"), description=title)
    image.save()
    return image


def demo_pdf(title: str, lines: list[str]):
    """A one-page PDF document (e.g. the federation's charter), drawn with Pillow."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing:
        return existing
    page = PILImage.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    heading, body = _font(48), _font(30)
    draw.text((620, 140), title, font=heading, fill="black", anchor="mm")
    for n, line in enumerate(lines):
        draw.text((120, 260 + n * 56), line, font=body, fill="black")
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=150)
    document = document_model(title=title, file=ContentFile(buffer.getvalue(), name="demo-charter.pdf"))
    document.save()
    return document
