"""Look at a pack at a glance: the first page of every PDF, and one contact sheet of them all.

For people, not for CI: run it after changing a template, and look before you commit::

    .venv/bin/python tools/gallery.py                    # builds samples/child-m.yaml first
    .venv/bin/python tools/gallery.py pack/child-m -o /tmp/gallery

It writes ``<document>.png`` (the first page at 60 dpi, by ``pdftoppm``) for each PDF of the
pack and ``contact-sheet.png`` (every first page side by side, each labelled with the
document's name) to the output folder (a new temporary folder unless ``-o`` names one), and
prints their paths.

Needs ``pdftoppm`` (apt ``poppler-utils``) and Pillow, a development tool here rather than a
dependency of summarygen: ``.venv/bin/pip install pillow``.
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageFont

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE = ROOT / "samples" / "child-m.yaml"
LABEL_FONT = ROOT / "templates" / "fonts" / "AtkinsonHyperlegible-Bold.ttf"

RESOLUTION = 60
COLUMNS = 4
GAP = 24
LABEL_SIZE = 18
LABEL_HEIGHT = 40
BACKGROUND = (214, 218, 222)
LABEL_COLOUR = (26, 26, 26)


@dataclass(frozen=True)
class FirstPage:
    label: str
    png: Path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "pack",
        nargs="?",
        type=Path,
        help=f"a pack folder holding PDFs (default: build {DEFAULT_SAMPLE.relative_to(ROOT)})",
    )
    parser.add_argument("-o", "--out", type=Path, help="output folder (default: a new temp one)")
    arguments = parser.parse_args(argv)

    try:
        import PIL  # noqa: F401
    except ImportError:
        print("gallery.py needs Pillow: .venv/bin/pip install pillow", file=sys.stderr)
        return 1
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("gallery.py needs pdftoppm: apt-get install -y poppler-utils", file=sys.stderr)
        return 1

    out: Path = arguments.out or Path(tempfile.mkdtemp(prefix="summarygen-gallery-"))
    out.mkdir(parents=True, exist_ok=True)
    pack: Path = arguments.pack or build_sample(out / "pack")
    pdfs = sorted(pack.glob("*.pdf"))
    if not pdfs:
        print(f"no PDF in {pack}", file=sys.stderr)
        return 1

    pages = [render_first_page(pdftoppm, pdf, out) for pdf in pdfs]
    for page in pages:
        print(page.png)
    print(write_contact_sheet(pages, out / "contact-sheet.png"))
    return 0


def build_sample(out: Path) -> Path:
    """Build the PDFs of the default sample record; return the pack folder."""
    from summarygen import build_pack, load_record

    print(f"building {DEFAULT_SAMPLE.relative_to(ROOT)} ...", file=sys.stderr)
    return build_pack(load_record(DEFAULT_SAMPLE), out, formats=["pdf"]).folder


def document_label(pdf: Path) -> str:
    """What the document is called on its cover ("Easy read summary"), from its file name."""
    from summarygen import DOCUMENT_TYPES

    for document, kind in DOCUMENT_TYPES.items():
        if pdf.stem.endswith(f"-{document}"):
            return kind.label
    return pdf.stem


def render_first_page(pdftoppm: str, pdf: Path, out: Path) -> FirstPage:
    target = out / pdf.stem  # pdftoppm adds ".png"
    command = [pdftoppm, "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1", "-singlefile"]
    rendered = subprocess.run(
        [*command, str(pdf), str(target)], capture_output=True, text=True, check=False
    )
    if rendered.returncode != 0:
        raise SystemExit(f"pdftoppm could not render {pdf}: {rendered.stderr.strip()}")
    return FirstPage(document_label(pdf), target.with_suffix(".png"))


def write_contact_sheet(pages: Sequence[FirstPage], target: Path) -> Path:
    """Every first page on one grey sheet, in a grid, each with its label underneath."""
    from PIL import Image, ImageDraw

    pictures = [Image.open(page.png).convert("RGB") for page in pages]
    cell_width = max(picture.width for picture in pictures)
    cell_height = max(picture.height for picture in pictures) + LABEL_HEIGHT
    columns = min(COLUMNS, len(pictures))
    rows = math.ceil(len(pictures) / columns)
    sheet = Image.new(
        "RGB",
        (GAP + columns * (cell_width + GAP), GAP + rows * (cell_height + GAP)),
        BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    font = label_font()
    for index, (page, picture) in enumerate(zip(pages, pictures, strict=True)):
        left = GAP + (index % columns) * (cell_width + GAP)
        top = GAP + (index // columns) * (cell_height + GAP)
        sheet.paste(picture, (left + (cell_width - picture.width) // 2, top))
        draw.text(
            (left + cell_width // 2, top + cell_height - LABEL_HEIGHT // 2),
            page.label,
            fill=LABEL_COLOUR,
            font=font,
            anchor="mm",
        )
        picture.close()
    sheet.save(target)
    return target


def label_font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The documents' own font if Pillow can read TrueType, else Pillow's default."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(LABEL_FONT), LABEL_SIZE)
    except OSError:
        return ImageFont.load_default()


if __name__ == "__main__":
    sys.exit(main())
