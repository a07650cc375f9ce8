"""Text for the terminal: what comes from a record, a file or a path is shown, never obeyed."""

from __future__ import annotations

import re

from rich.text import Text

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal obeys rather than shows: C0 and C1 controls (ESC starts colour,
cursor, title and hyperlink sequences) and bidirectional overrides, which reorder a line."""


def terminal_text(value: object, style: str = "") -> Text:
    """Anything from a record, a file or a path, as a terminal shows it: the characters it is.

    Never read as rich markup (``[bold]`` stays ``[bold]``), and a control character is
    shown as its escape (``\\x1b``), never obeyed. Tabs and line breaks are kept."""

    def shown(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return Text(_UNPRINTABLE.sub(shown, str(value)), style=style)


def terminal_line(*parts: object | tuple[object, str]) -> Text:
    """One line for the terminal, from parts that are text or (text, style): every part is
    shown as written (see :func:`terminal_text`)."""
    line = Text()
    for part in parts:
        if isinstance(part, tuple):
            line.append_text(terminal_text(part[0], part[1]))
        else:
            line.append_text(terminal_text(part))
    return line
