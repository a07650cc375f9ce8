"""libyaml's scanner and PyYAML's Python one read a record the same way, with the same bounds.

Records are read with libyaml where PyYAML has it (its wheels do) and with the Python reader
elsewhere; both must give the same data and positions, and refuse the same hostile input at
the same line.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from summarygen.record.yaml_source import LIBYAML, SourceSyntaxError, parse

from ..conftest import MINIMAL, SAMPLES

pytestmark = pytest.mark.skipif(not LIBYAML, reason="PyYAML was built without libyaml")


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_both_readers_give_the_same_data_and_positions(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    fast, python = parse(text, libyaml=True), parse(text, libyaml=False)
    assert fast.data == python.data
    assert fast.values == python.values
    assert fast.keys == python.keys


def _bomb() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for before, name in itertools.pairwise("abcdefghi"):
        text += f"{name}: &{name} [{','.join(['*' + before] * 9)}]\n"
    return text


HOSTILE = {
    "alias bomb": (_bomb(), 5),
    "self alias": ("a: &a [*a]\n", 1),
    "merge into itself": ("a: &a\n  b: 1\n  <<: *a\n", 3),
    "alias too deep": (
        "a: &a " + "[" * 20 + "1" + "]" * 20 + "\nb: " + "[" * 15 + "*a" + "]" * 15,
        2,
    ),
    "block nesting": ("".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "x\n", 30),
    "NUL": ("a: b\nc: d\x00e\n", 2),
    "colon in a value": ("title: Review: Child T\n", 1),
    "tab": ("a:\n\tb: 1\n", 2),
    "two documents": ("a: 1\n---\nb: 2\n", 2),
    "undefined alias": ("a: *nothing\n", 1),
}


@pytest.mark.parametrize(("text", "line"), HOSTILE.values(), ids=list(HOSTILE))
def test_both_readers_refuse_hostile_input_at_the_same_line(text: str, line: int) -> None:
    messages = []
    for libyaml in (True, False):
        with pytest.raises(SourceSyntaxError) as caught:
            parse(text, libyaml=libyaml)
        assert caught.value.position is not None
        assert caught.value.position.line == line, (libyaml, caught.value.message)
        messages.append(caught.value.message.split(".")[0])
    assert messages[0] == messages[1]


def test_both_readers_accept_an_alias_used_sparingly() -> None:
    text = MINIMAL.replace("to: The partnership", "to: &owner The partnership").replace(
        "lead: Head of Service", "lead: *owner"
    )
    assert parse(text, libyaml=True).data == parse(text, libyaml=False).data
