"""Find the starter's placeholders still in a record (``rules/placeholders.yaml``).

A placeholder is known by its exact text (whitespace runs count as one space): see the rules
file for why. Each one found is a :class:`~summarygen.errors.Problem` located at the field
that holds it, so it is reported like any other problem in a record.
"""

from __future__ import annotations

from functools import cache

from .._resources import read_rules_yaml
from ..errors import Problem
from .yaml_source import Source, strings_in


@cache
def placeholder_texts() -> frozenset[str]:
    """The starter's placeholder texts, whitespace normalised."""
    data = read_rules_yaml("placeholders.yaml")
    return frozenset(" ".join(str(text).split()) for text in data["placeholders"])


def find_placeholders(source: Source, file: str) -> list[Problem]:
    """Every field of ``source`` (a record read from ``file``) that still holds a placeholder,
    in the order of the file, each as ``file:line:column: field: still holds ...``."""
    from .loading import dotted

    known = placeholder_texts()
    problems = []
    for path, text in strings_in(source.data, ()):
        normalised = " ".join(text.split())
        if normalised in known:
            position = source.position(path)
            problems.append(
                Problem(
                    file,
                    position.line if position else None,
                    position.column if position else None,
                    dotted(path),
                    f'still holds the starter\'s placeholder "{normalised}"',
                )
            )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems

