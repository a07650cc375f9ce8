"""Where the shipped templates, fonts, pictures and rules are found."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def templates_dir() -> Path:
    """The shipped templates folder: inside the installed package, or the source checkout's."""
    installed = Path(__file__).resolve().parent / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"


def rules_dir() -> Path:
    return Path(__file__).resolve().parent / "rules"


def read_rules_yaml(name: str) -> Any:
    """A rules file, parsed with libyaml's fast safe loader where PyYAML was built with it."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((rules_dir() / name).read_text(encoding="utf-8"), Loader=loader)
