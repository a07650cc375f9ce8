"""Identity protection: nothing that identifies a person is ever published.

- ``register``: the protected register an author keeps beside the record (never rendered,
  never copied, never printed; entries are named by category and a masked form).
- ``extract``: every piece of text in a written file (DOCX parts, PDF text, metadata,
  outlines and alt text, HTML text and attributes, the file name), with where it was,
  including what does not show (tracked deletions, comments, files inside the file);
  ``extract_pdf`` reads a PDF; ``parts`` and ``xmltext`` hold what both share.
- ``detect``: the facade: every identifier in the parts, as Findings, and masking. Behind it:
  ``fold`` (text normalised once), ``phrases`` (texts as patterns), ``rules`` (identity.yaml,
  validated and compiled), ``written_dates``, ``matching`` (register entries and allowed texts
  compiled) and ``detectors`` (one per kind, and the scan of a part).

Imports go one way: fold → phrases → rules → written_dates → register → matching → detectors
→ detect; the Finding type comes from :mod:`summarygen.findings`, not from ``checks``.
"""
