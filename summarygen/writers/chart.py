"""A Chart drawn as a PNG picture, for the DOCX writer (Word has no chart python-docx writes).

The PDF draws its chart in Typst and the HTML page in SVG; this is the same drawing: one row
per bar, its label on the left, the bar in its status colour (a light fill with a dark edge,
as the status chips are) and its number after it. The picture carries the chart's alt text,
and the numbers are also published as a table beside it.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from .._resources import templates_dir
from ..document import Chart

STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "not-started": ("#e7e7e7", "#5c5c5c"),
    "red": ("#f9d9d6", "#b3261e"),
    "amber": ("#fde6bd", "#9a5b00"),
    "green": ("#d6efdc", "#1e7434"),
    "complete": ("#d9e6f6", "#1f4e8c"),
}
"""(fill, edge) of each status: the colours ``templates/document.typ`` gives status chips."""

NO_STATUS = ("#d0def0", "#16325c")
TEXT = "#1a1a1a"

SCALE = 2
"""Pixels per point of the drawing: twice, so the picture stays sharp when zoomed or printed."""
ROW, GAP, LABEL, BAR, NUMBER, FONT_SIZE = 22, 8, 170, 260, 40, 13
"""Sizes in points: a row's height, the space between rows, the label column, the longest
bar, the room for its number, and the text size."""


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes, ``(LABEL + BAR + NUMBER)`` points wide."""
    font = ImageFont.truetype(
        str(templates_dir() / "fonts" / "AtkinsonHyperlegible-Regular.ttf"), FONT_SIZE * SCALE
    )
    width = (LABEL + BAR + NUMBER + 2 * GAP) * SCALE
    height = (len(chart.bars) * (ROW + GAP) + GAP) * SCALE
    image = Image.new("RGB", (width, max(height, 1)), "white")
    draw = ImageDraw.Draw(image)
    most = max([bar.value for bar in chart.bars] + [1])
    for index, bar in enumerate(chart.bars):
        top = (GAP + index * (ROW + GAP)) * SCALE
        middle = top + ROW * SCALE // 2
        draw.text((GAP * SCALE, middle), bar.label, fill=TEXT, font=font, anchor="lm")
        fill, edge = STATUS_COLOURS.get(bar.status or "", NO_STATUS)
        left = (GAP + LABEL) * SCALE
        length = round(BAR * SCALE * bar.value / most)
        if length:
            draw.rectangle(
                (left, top + 3 * SCALE, left + length, top + (ROW - 3) * SCALE),
                fill=fill,
                outline=edge,
                width=SCALE,
            )
        draw.text(
            (left + length + 6 * SCALE, middle), str(bar.value), fill=TEXT, font=font, anchor="lm"
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def chart_width_points() -> int:
    """How wide the picture is meant to be shown, in points (1/72 inch)."""
    return LABEL + BAR + NUMBER + 2 * GAP
