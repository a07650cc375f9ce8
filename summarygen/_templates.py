"""The templates folder: the shipped one, or an organisation's own that overrides it by file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from ._resources import templates_dir
from .errors import TemplateError


@dataclass(frozen=True)
class Picture:
    name: str
    path: Path
    alt: str


@dataclass(frozen=True)
class TemplateFolder:
    """Finds a template by name: in ``override`` first (if given), then in the shipped set."""

    override: Path | None = None

    def path(self, name: str) -> Path:
        if self.override is not None:
            candidate = self.override / name
            if candidate.is_file():
                return candidate
        shipped = templates_dir() / name
        if not shipped.exists():
            raise TemplateError(f"no template named {name}")
        return shipped

    def read(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    @cached_property
    def pictures(self) -> dict[str, Picture]:
        """The easy read pictures by name (an override folder's pictures.yaml adds to them)."""
        found: dict[str, Picture] = {}
        folders = [templates_dir() / "pictures"]
        if self.override is not None and (self.override / "pictures" / "pictures.yaml").is_file():
            folders.append(self.override / "pictures")
        for folder in folders:
            entries = yaml.safe_load((folder / "pictures.yaml").read_text(encoding="utf-8"))
            for name, entry in entries.items():
                found[str(name)] = Picture(str(name), folder / entry["file"], entry["alt"])
        return found

    def picture(self, name: str) -> Picture:
        try:
            return self.pictures[name]
        except KeyError:
            raise TemplateError(
                f"no picture named '{name}'; the pictures are: {', '.join(sorted(self.pictures))}"
            ) from None

    def font_dirs(self) -> list[Path]:
        dirs = [templates_dir() / "fonts"]
        if self.override is not None and (self.override / "fonts").is_dir():
            dirs.insert(0, self.override / "fonts")
        return dirs
