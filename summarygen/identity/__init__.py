"""Identity protection: nothing that identifies a person is ever published.

- ``register``: the protected register an author keeps beside the record (never rendered,
  never copied, never printed; entries are named by category and a masked form).
- ``extract``: every piece of text in a written file (DOCX parts, PDF text, metadata,
  outlines and alt text, HTML text and attributes, the file name), with where it was.
- ``detect``: register matching and detectors that need no register, as Findings.
"""
