"""How the writers mark the text that is published but not measured, so that a reader of the
written file leaves it out too (``summarygen check FILE`` gives the build's verdict).

The build measures a Document's blocks only; the cover (the document's label, the review's
title, the children's pseudonyms, the partnership and date), the fiction notice of a sample,
the picture credit and the running header and footer are the same in every document and are
not the author's prose for this reader. Each format marks them in its own terms, so that any
reader can tell:

- DOCX: the paragraph styles in :data:`DOCX_STYLES` (running headers and footers are in the
  header and footer parts, which are never read as body text);
- HTML: the attribute :data:`HTML_ATTRIBUTE` on the element (``<div class="cover"
  data-boilerplate>``); the page's ``<header>`` and ``<footer>`` carry it too;
- PDF: structure elements (of their standard types, so a screen reader reads them as before)
  that carry the user property :data:`PDF_PROPERTY` set to true (an attribute object
  ``<< /O /UserProperties /P [<< /N (boilerplate) /V true >>] >>``, ISO 32000-1 14.8.5.3);
  Typst writes the running header and footer as artifacts.
"""

from __future__ import annotations

FICTION_NOTICE = "Fiction: a made-up sample, not a real case"
"""The notice a made-up sample carries on its cover (the PDF template prints it too)."""

DOCX_STYLES = frozenset(
    {"Cover Label", "Cover Title", "Cover Subjects", "Cover Meta", "Fiction Notice", "Credits"}
)
"""Paragraph styles (by name) of text that is not measured."""

DOCX_COVER_TITLE = "Cover Title"
DOCX_COVER_SUBJECTS = "Cover Subjects"
DOCX_BASED_ON = {DOCX_COVER_TITLE: "Title", DOCX_COVER_SUBJECTS: "Subtitle"}
"""Styles the writer adds, based on these, where a reference document lacks them."""

HTML_ATTRIBUTE = "data-boilerplate"

PDF_PROPERTY = "boilerplate"
"""The name of the structure element user property that marks text that is not measured."""
