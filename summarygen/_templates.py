"""The templates folder: the shipped one, or an organisation's own that overrides it by file.

An organisation's folder often comes from a colleague, so it is read as untrusted: every file
it gives (a template, ``style.css``, ``reference.docx``, ``document.typ``, a picture, a font)
must stay inside the folder once symbolic links and ``..`` are resolved, and a picture's
``file:`` in ``pictures.yaml`` may not be an absolute path or lead out of the folder. What
leaves the folder is refused with a :class:`TemplateError` naming the entry, so a templates
folder can never publish a file from elsewhere on the machine. (Every template is also
rendered in Jinja's sandbox: see the composer, the HTML writer and the report.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2
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
        """The file for ``name``: the override folder's, if it has one, else the shipped one.

        Raises TemplateError when there is no such template, or when the override's file
        leads out of its folder."""
        if self.override is not None:
            candidate = self.override / name
            if candidate.is_symlink() or candidate.exists():
                inside = self._inside(candidate, name)
                if inside.is_file():
                    return inside
        shipped = templates_dir() / name
        if ".." in Path(name).parts or not shipped.is_file():
            raise TemplateError(f"no template named {name}")
        return shipped

    def read(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def loader(self) -> jinja2.BaseLoader:
        """A Jinja loader that finds templates (and what they include) through :meth:`path`."""

        def load(name: str) -> tuple[str, str, Callable[[], bool]]:
            path = self.path(name)
            return path.read_text(encoding="utf-8"), str(path), lambda: True

        return jinja2.FunctionLoader(load)

    def check_folder(self) -> None:
        """Raise TemplateError for the first file of the override folder that leads outside
        it (a symbolic or hard link), as using it in a build would: what ``validate``
        accepts, ``build`` can build."""
        if self.override is None:
            return
        for path in sorted(self.override.rglob("*")):
            if path.is_symlink() or path.is_file():
                self._inside(path, path.relative_to(self.override).as_posix())

    def _inside(self, path: Path, entry: str) -> Path:
        """``path`` with links resolved, if it is inside the override folder; else refused."""
        assert self.override is not None
        root = self.override.resolve()
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            raise TemplateError(
                f"templates folder {self.override}: {entry} leads outside the folder (to "
                f"{resolved}); copy the file into the folder instead"
            )
        if resolved.is_file() and resolved.stat().st_nlink > 1:
            # a hard link cannot be told from the file it shares: it may be any file on
            # the machine that its maker could read
            raise TemplateError(
                f"templates folder {self.override}: {entry} has other names (a hard link), "
                "perhaps outside the folder; copy the file into the folder instead"
            )
        return resolved

    @cached_property
    def pictures(self) -> dict[str, Picture]:
        """The easy read pictures by name (an override folder's pictures.yaml adds to them)."""
        found = _read_pictures(templates_dir() / "pictures", None)
        if self.override is not None:
            listing = self.override / "pictures" / "pictures.yaml"
            if listing.is_symlink() or listing.exists():
                found.update(_read_pictures(listing.parent, self))
        return found

    def picture(self, name: str) -> Picture:
        try:
            return self.pictures[name]
        except KeyError:
            raise TemplateError(
                f"no picture named '{name}'; the pictures are: {', '.join(sorted(self.pictures))}"
            ) from None

    def font_dirs(self) -> list[Path]:
        """The folders Typst takes fonts from: the override's ``fonts/`` first, then ours.

        Raises TemplateError when the override's fonts folder, or a file in it, leads out."""
        dirs = [templates_dir() / "fonts"]
        if self.override is not None and (self.override / "fonts").is_dir():
            fonts = self._inside(self.override / "fonts", "fonts/")
            for font in sorted(fonts.rglob("*")):
                self._inside(font, f"fonts/{font.relative_to(fonts)}")
            dirs.insert(0, fonts)
        return dirs


def _read_pictures(folder: Path, templates: TemplateFolder | None) -> dict[str, Picture]:
    """``folder/pictures.yaml``: name -> file (relative to the folder) and alt text.

    With ``templates`` (an organisation's folder), every file must stay inside it."""
    listing = folder / "pictures.yaml"
    shown = f"{listing}"
    if templates is not None:
        templates._inside(listing, "pictures/pictures.yaml")
    try:
        node = yaml.compose(listing.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f":{mark.line + 1}" if mark is not None else ""
        raise TemplateError(f"{shown}{where}: not valid YAML: {error.problem}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"{shown}: cannot be read: {error}") from None
    except yaml.YAMLError as error:
        raise TemplateError(f"{shown}: not valid YAML: {error}") from None
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise TemplateError(
            f"{shown}:{node.start_mark.line + 1}: should list pictures by name, each with "
            "file: and alt:"
        )
    found: dict[str, Picture] = {}
    for key, entry in node.value:
        name = str(key.value)
        where = f"{shown}:{key.start_mark.line + 1}: picture '{name}'"
        fields = (
            {str(k.value): v for k, v in entry.value} if isinstance(entry, yaml.MappingNode) else {}
        )
        values: dict[str, str] = {}
        for field in ("file", "alt"):
            value = fields.get(field)
            if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
                raise TemplateError(f"{where}: no {field}: (each picture needs file: and alt:)")
            values[field] = str(value.value)
        if "\0" in values["file"]:
            raise TemplateError(f"{where}: file: holds a NUL character; give a file name")
        file = Path(values["file"])
        if file.is_absolute() or ".." in file.parts:
            raise TemplateError(
                f"{where}: file: {values['file']} is outside the pictures folder; give the "
                "name of a file in it"
            )
        path = folder / file
        if templates is not None:
            path = templates._inside(path, f"pictures/{file} (picture '{name}')")
        found[name] = Picture(name, path, values["alt"])
    return found
