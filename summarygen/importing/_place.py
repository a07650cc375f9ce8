"""Place each unit of a report in the part of the record it belongs to.

The report's prose goes into the ``professional`` wording only: nothing is written for a
reader the report was not written for. What has no place goes to ``notes`` with where it
came from. Every word of the report is counted once, as placed or as noted.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ._structure import HeadingInfo, Marker, heading_of, marker_of, section_of, strip_numbering
from ._units import Unit
from ._values import agency_id, find_dates, normalised, read_date, read_status, rules

TEXT_SECTIONS = (
    "foreword",
    "introduction",
    "background",
    "conclusion",
    "board_response",
    "perspectives.family",
    "perspectives.child",
    "perspectives.practitioners",
)
LIST_SECTIONS = ("terms_of_reference", "good_practice")
_RESPONSE = re.compile(
    r"^(?:(?:the\s+)?(?:partnership|board|safeguarding partners)(?:'s|’s)?\s+)?"
    r"response\s*[:\-–—]\s*",
    re.I,
)
_LEADING_NUMBER = re.compile(r"^\s*(\d+)[.)]\s+(?=\S)")
_ADDRESSEE = re.compile(
    r"^(?:[Tt]hat\s+)?(?:[Tt]he\s+)?(?P<to>[A-Z][^.,;:]{2,90}?)\s+"
    r"(?:should|must|will|is asked to|are asked to|is to|are to)\b"
)
_FINDING_REFS = re.compile(
    r"\b(?:finding|learning point|theme)s?\s+((?:\d+(?:\s*(?:,|and|&)\s*)?)+)", re.I
)
_EPISODE_REFS = re.compile(
    r"\b(?:key practice episode|practice episode|kpe|episode)s?\s+"
    r"((?:\d+(?:\s*(?:,|and|&|to|-|–)\s*)?)+)",
    re.I,
)
_GLOSSARY_LINE = re.compile(r"^(?P<term>[^:–—=]{1,60}?)\s*(?::|–|—|\s-\s|=)\s*(?P<meaning>\S.*)$")


def _prose(text: str) -> dict[str, str]:
    return {"professional": text}


@dataclass
class Chunk:
    """Units under one heading or numbered marker, bound for one part of the record."""

    section: str | None
    under: str
    """The heading it is under, for notes."""
    heading: Unit | None = None
    title: str = ""
    marker: Marker | None = None
    sub: bool = False
    """Started by a heading that is not itself a part of the record."""
    units: list[Unit] = field(default_factory=list)


@dataclass
class Placement:
    """The draft as it is assembled."""

    data: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    placed: int = 0
    noted: int = 0
    agencies: dict[str, dict[str, Any]] = field(default_factory=dict)
    agency_names: dict[str, str] = field(default_factory=dict)
    """Normalised agency name or acronym → agency id."""

    def place(self, words: int | str) -> None:
        self.placed += words if isinstance(words, int) else len(words.split())

    def note(self, where: str, under: str, text: str, why: str = "") -> None:
        self.noted += len(text.split())
        place = f"{where}, under '{under}'" if under else where
        self.notes.append(f"{place}{f' ({why})' if why else ''}: {text}")

    def note_unit(self, unit: Unit, under: str, why: str = "") -> None:
        if unit.kind == "table":
            for number, row in enumerate(unit.rows, 1):
                text = " | ".join(cell for cell in row if cell)
                if text:
                    self.note(f"{unit.where}, row {number}", under, text, why)
        else:
            self.note(unit.where, under, unit.text, why)

    def agency(self, name: str) -> str:
        """The id of the agency ``name``, added to the record's agencies if new."""
        key = normalised(name)
        if key in self.agency_names:
            return self.agency_names[key]
        bracket = re.search(r"\(([^)]+)\)", name)
        if bracket and normalised(bracket[1]) in self.agency_names:
            return self.agency_names[normalised(bracket[1])]
        close = difflib.get_close_matches(key, list(self.agency_names), n=1, cutoff=0.9)
        if close:
            return self.agency_names[close[0]]
        identifier = agency_id(name)
        base, n = identifier, 2
        while identifier in self.agencies:
            identifier = f"{base[:37]}-{n}"
            n += 1
        self.agencies[identifier] = {"id": identifier, "name": name}
        self.agency_names[key] = identifier
        if bracket:
            self.agency_names[normalised(bracket[1])] = identifier
            self.agency_names[normalised(name[: bracket.start()])] = identifier
        return identifier


def place_units(units: list[Unit]) -> Placement:
    """The draft record of a report's units."""
    chunks = _chunks(units)
    result = Placement()
    by_section: dict[str | None, list[Chunk]] = {}
    for chunk in chunks:
        by_section.setdefault(chunk.section, []).append(chunk)
    _front(result, by_section.pop(None, []))
    _title_chunks(result, by_section.pop("title", []))
    # agencies first, so names in episodes and action plans find their ids
    _agencies(result, by_section.pop("agencies", []))
    tables: dict[str, list[tuple[Unit, Chunk]]] = {}
    for section_chunks in by_section.values():
        for chunk in section_chunks:
            kept: list[Unit] = []
            for unit in chunk.units:
                kind = _table_kind(unit, chunk.section) if unit.kind == "table" else None
                if kind:
                    tables.setdefault(kind, []).append((unit, chunk))
                else:
                    kept.append(unit)
            chunk.units = kept
    for unit, chunk in tables.pop("agencies", []):
        _agency_table(result, unit, chunk)
    for section in TEXT_SECTIONS:
        _text_section(result, section, by_section.pop(section, []))
    for section in LIST_SECTIONS:
        _list_section(result, section, by_section.pop(section, []))
    _methodology(result, by_section.pop("methodology", []))
    _episodes(result, by_section.pop("episodes", []), tables.pop("episodes", []))
    _findings(result, by_section.pop("findings", []))
    _recommendations(
        result, by_section.pop("recommendations", []), tables.pop("recommendations", [])
    )
    _actions(result, by_section.pop("actions", []), tables.pop("actions", []))
    _glossary(result, by_section.pop("glossary", []), tables.pop("glossary", []))
    for section_chunks in by_section.values():
        for chunk in section_chunks:
            if chunk.heading is not None:
                result.note_unit(chunk.heading, "", "no part of the record")
            for unit in chunk.units:
                result.note_unit(unit, chunk.under)
    if result.agencies:
        result.data["agencies"] = list(result.agencies.values())
    return result


# --- structure ---------------------------------------------------------------------------


def _chunks(units: list[Unit]) -> list[Chunk]:
    """The report cut at its headings and markers; each chunk knows its part of the record."""
    stack: list[tuple[int, str | None, str]] = []  # (level, section, heading text)
    current = Chunk(None, "the start of the report")
    chunks = [current]
    for unit in units:
        marker = marker_of(unit)
        if marker is not None:
            under = stack[-1][2] if stack else "the start of the report"
            current = Chunk(marker.section, under, heading=unit, marker=marker, sub=True)
            chunks.append(current)
            continue
        top = next((level for level, section, _ in reversed(stack) if section), None)
        info = heading_of(unit, top_level=top)
        if info is None:
            current.units.append(unit)
            continue
        if info.level >= 9 and stack:
            info = HeadingInfo(stack[-1][0] + 1, info.text, info.section, info.prefix_only)
        while stack and stack[-1][0] >= info.level:
            stack.pop()
        parent = next((section for _, section, _ in reversed(stack) if section), None)
        if info.section is not None:
            stack.append((info.level, info.section, info.text))
            current = Chunk(info.section, info.text, heading=unit, title=info.text)
        else:
            stack.append((info.level, None, info.text))
            under = next((text for _, s, text in reversed(stack[:-1]) if s), info.text)
            current = Chunk(parent, under, heading=unit, title=info.text, sub=True)
            if parent is None:
                current.section = "title" if _is_title(unit, chunks) else "notes"
        chunks.append(current)
    return chunks


def _is_title(unit: Unit, chunks: list[Chunk]) -> bool:
    """Whether an unplaced heading is the report's title: in the Title style, or the first
    heading before any part of the record that says what the report is."""
    if any(chunk.section == "title" for chunk in chunks):
        return False
    if unit.title:
        return True
    before_parts = all(chunk.section in (None, "notes") for chunk in chunks)
    return before_parts and bool(re.search(r"\breview\b", unit.text, re.I))


def _table_kind(unit: Unit, section: str | None) -> str | None:
    """What a table holds, by its header row (rules ``columns``), or by the part it is in."""
    header = unit.rows[0] if unit.rows else []
    if len(unit.rows) < 2:
        return None
    found = {kind: _columns(header, kind) for kind in rules()["columns"]}
    if "action" in found["actions"] and len(found["actions"]) >= 2:
        return "actions"
    if "text" in found["recommendations"]:
        return "recommendations"
    if {"term", "meaning"} <= set(found["glossary"]):
        return "glossary"
    if "date" in found["episodes"] and ({"summary", "title"} & set(found["episodes"])):
        return "episodes"
    if "name" in found["agencies"] and len(found["agencies"]) >= 2:
        return "agencies"
    if section == "glossary" and all(len(row) == 2 for row in unit.rows):
        return "glossary"
    return None


def _columns(header: list[str], kind: str) -> dict[str, int]:
    """Which column (index) holds each field of ``kind``, by the header's words."""
    spec: dict[str, list[str]] = rules()["columns"][kind]
    names = {normalised(str(name)): f for f, names in spec.items() for name in names}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = normalised(re.sub(r"\(.*?\)", " ", cell))
        if not text:
            continue
        fld = names.get(text)
        if fld is None:
            close = difflib.get_close_matches(text, list(names), n=1, cutoff=0.85)
            if close:
                fld = names[close[0]]
        if fld is None:
            starts = [n for n in names if text.startswith(n + " ")]
            if starts:
                fld = names[max(starts, key=len)]
        if fld is not None and fld not in found:
            found[fld] = index
    return found


def _cell(row: list[str], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return row[column].strip()


# --- the start of the report --------------------------------------------------------------


def _front(result: Placement, chunks: list[Chunk]) -> None:
    review: dict[str, Any] = {}
    result.data["review"] = review
    for chunk in chunks:
        for unit in chunk.units:
            if unit.title and "title" not in review:
                review["title"] = unit.text
                result.place(unit.text)
            else:
                result.note_unit(unit, chunk.under)


def _title_chunks(result: Placement, chunks: list[Chunk]) -> None:
    review = result.data["review"]
    for chunk in chunks:
        if chunk.heading is not None and "title" not in review:
            review["title"] = chunk.title or chunk.heading.text
            result.place(chunk.heading.text)
        elif chunk.heading is not None:
            result.note_unit(chunk.heading, "")
        for unit in chunk.units:
            result.note_unit(unit, chunk.under)


def review_facts(result: Placement, all_text: str) -> None:
    """The review's kind and partnership where the title or opening names them."""
    review = result.data["review"]
    title = str(review.get("title", ""))
    lowered = normalised(title + " " + all_text[:3000])
    for kind, phrases in rules()["kinds"].items():
        if any(re.search(rf"\b{re.escape(normalised(str(p)))}\b", lowered) for p in phrases):
            review.setdefault("kind", kind)
            break
    partnership = re.search(
        r"\b((?:[A-Z][\w'’-]+ ){1,4}Safeguarding (?:Children |Adults )?(?:Partnership|Board))\b",
        title + "\n" + all_text,
    )
    if partnership:
        review.setdefault("partnership", partnership[1].removeprefix("The ").strip())


# --- the parts ----------------------------------------------------------------------------


def _place_heading(result: Placement, chunk: Chunk) -> None:
    """A chunk's heading: placed when it names the part, noted when it is a sub-heading the
    part has no room for."""
    if chunk.heading is None:
        return
    if chunk.sub:
        result.note_unit(chunk.heading, chunk.under, "a sub-heading; its text follows in the part")
    else:
        result.place(chunk.heading.text)


def _text_section(result: Placement, section: str, chunks: list[Chunk]) -> None:
    parts: list[str] = []
    for chunk in chunks:
        _place_heading(result, chunk)
        for unit in chunk.units:
            if unit.kind == "table":
                result.note_unit(unit, chunk.under, "a table the record has no place for")
                continue
            parts.append(unit.text)
            result.place(unit.text)
    if not parts:
        return
    text = "\n\n".join(parts)
    if section.startswith("perspectives."):
        perspectives = result.data.setdefault("perspectives", {})
        key = section.split(".", 1)[1]
        perspectives[key] = _joined(perspectives.get(key), text)
    else:
        result.data[section] = _joined(result.data.get(section), text)


def _joined(old: Any, text: str) -> dict[str, str]:
    if isinstance(old, dict) and old.get("professional"):
        return _prose(str(old["professional"]) + "\n\n" + text)
    return _prose(text)


def _list_section(result: Placement, section: str, chunks: list[Chunk]) -> None:
    entries: list[Any] = result.data.setdefault(section, [])
    for chunk in chunks:
        _place_heading(result, chunk)
        for index, unit in enumerate(chunk.units):
            if unit.kind == "table":
                for row in unit.rows[1:]:
                    text = " ".join(cell for cell in row if cell)
                    if text:
                        entries.append(_prose(text))
                        result.place(text)
                result.place(" ".join(unit.rows[0]))
                continue
            following = chunk.units[index + 1] if index + 1 < len(chunk.units) else None
            if unit.text.endswith(":") and following is not None and following.kind == "item":
                result.note_unit(unit, chunk.under, "introduces the list that follows")
                continue
            entries.append(_prose(unit.text))
            result.place(unit.text)
    if not entries:
        del result.data[section]


def _methodology(result: Placement, chunks: list[Chunk]) -> None:
    parts: list[str] = []
    for chunk in chunks:
        _place_heading(result, chunk)
        for unit in chunk.units:
            if unit.kind == "table":
                result.note_unit(unit, chunk.under, "a table the record has no place for")
                continue
            parts.append(unit.text)
            result.place(unit.text)
    if not parts:
        return
    text = "\n\n".join(parts)
    methodology: dict[str, Any] = {}
    lowered = normalised(text)
    first: tuple[int, str] | None = None  # the approach the text names first
    for approach, phrases in rules()["approaches"].items():
        for phrase in phrases:
            found = re.search(rf"\b{re.escape(normalised(str(phrase)))}\b", lowered)
            if found and (first is None or found.start() < first[0]):
                first = (found.start(), str(approach))
    if first is not None:
        methodology["approach"] = first[1]
    methodology["description"] = _prose(text)
    result.data["methodology"] = methodology


def _agencies(result: Placement, chunks: list[Chunk]) -> None:
    for chunk in chunks:
        _place_heading(result, chunk)
        for unit in chunk.units:
            if unit.kind == "table":
                if _table_kind(unit, "agencies") == "agencies":
                    _agency_table(result, unit, chunk)
                else:
                    result.note_unit(unit, chunk.under, "a table the record has no place for")
                continue
            match = _GLOSSARY_LINE.match(unit.text)
            if match and len(match["term"].split()) <= 10:
                name, involvement = match["term"].strip(), match["meaning"].strip()
            elif len(unit.text.split()) <= 10 and not unit.text.endswith("."):
                name, involvement = unit.text.strip(), ""
            else:
                result.note_unit(unit, chunk.under)
                continue
            identifier = result.agency(name)
            if involvement:
                result.agencies[identifier]["involvement"] = _prose(involvement)
            result.place(unit.text)


def _agency_table(result: Placement, unit: Unit, chunk: Chunk) -> None:
    columns = _columns(unit.rows[0], "agencies")
    result.place(" ".join(unit.rows[0]))
    for number, row in enumerate(unit.rows[1:], 2):
        name = _cell(row, columns.get("name"))
        if not name:
            result.note(f"{unit.where}, row {number}", chunk.under, " | ".join(row), "no agency")
            continue
        identifier = result.agency(name)
        agency = result.agencies[identifier]
        result.place(name)
        kind = _cell(row, columns.get("type"))
        if kind:
            agency["type"] = kind
            result.place(kind)
        involvement = _cell(row, columns.get("involvement"))
        if involvement:
            agency["involvement"] = _prose(involvement)
            result.place(involvement)
        _note_other_cells(result, unit, number, row, columns, chunk)


def _note_other_cells(
    result: Placement,
    unit: Unit,
    number: int,
    row: list[str],
    columns: dict[str, int],
    chunk: Chunk,
) -> None:
    used = set(columns.values())
    header = unit.rows[0]
    for index, cell in enumerate(row):
        if index not in used and cell.strip():
            column = header[index] if index < len(header) else f"column {index + 1}"
            result.note(
                f"{unit.where}, row {number}, column '{column}'",
                chunk.under,
                cell,
                "no field for this column",
            )


def _episodes(result: Placement, chunks: list[Chunk], tables: list[tuple[Unit, Chunk]]) -> None:
    episodes: list[dict[str, Any]] = []
    numbers: set[str] = set()
    for chunk in chunks:
        if chunk.heading is not None and (chunk.marker is not None or chunk.sub):
            episode: dict[str, Any] = {}
            if chunk.marker is not None and chunk.marker.number.isdigit():
                episode["id"] = f"E{chunk.marker.number}"
            title = chunk.marker.rest if chunk.marker is not None else chunk.title
            title, dates = _title_and_dates(title)
            if dates:
                episode["date"] = dates[0].iso()
                if len(dates) > 1 and dates[-1] != dates[0]:
                    episode["end"] = dates[-1].iso()
            if title:
                episode["title"] = _prose(title)
            result.place(chunk.heading.text)
            parts = []
            for unit in chunk.units:
                if unit.kind == "table":
                    result.note_unit(unit, chunk.under, "a table the record has no place for")
                    continue
                parts.append(unit.text)
                result.place(unit.text)
            if "date" not in episode and parts:
                first = find_dates(parts[0])
                if first:
                    episode["date"] = first[0].iso()
            if parts:
                episode["summary"] = _prose("\n\n".join(parts))
            episodes.append(episode)
            continue
        _place_heading(result, chunk)
        for unit in chunk.units:
            if unit.kind == "table":
                result.note_unit(unit, chunk.under, "a table the record has no place for")
                continue
            dated = re.match(r"^(?P<date>[^:–—]{3,40}?)\s*[:–—-]\s+(?P<rest>\S.*)$", unit.text)
            date = read_date(dated["date"]) if dated else None
            if dated and date is not None:
                episodes.append({"date": date.iso(), "summary": _prose(dated["rest"])})
                result.place(unit.text)
            else:
                result.note_unit(unit, chunk.under)
    for unit, chunk in tables:
        episodes.extend(_episode_table(result, unit, chunk))
    _number(episodes, "E", numbers)
    if episodes:
        result.data["episodes"] = [_ordered_episode(e) for e in episodes]


def _title_and_dates(title: str) -> tuple[str, list[Any]]:
    """An episode heading's title and the dates in it ("Referral (March–June 2022)")."""
    dates = find_dates(title)
    bracket = re.search(r"\s*[\(\[]([^)\]]*)[\)\]]\s*$", title)
    if bracket and find_dates(bracket[1]):
        title = title[: bracket.start()]
    else:
        dash = re.search(r"\s*[:–—-]\s*([^:–—-]*\d{4}[^:–—]*)$", title)
        if dash and find_dates(dash[1]):
            title = title[: dash.start()]
    return title.strip(" :–—-"), dates


def _episode_table(result: Placement, unit: Unit, chunk: Chunk) -> list[dict[str, Any]]:
    columns = _columns(unit.rows[0], "episodes")
    result.place(" ".join(unit.rows[0]))
    episodes = []
    for number, row in enumerate(unit.rows[1:], 2):
        episode: dict[str, Any] = {}
        raw_id = _cell(row, columns.get("id"))
        digits = re.search(r"\d+", raw_id)
        if digits:
            episode["id"] = f"E{digits[0]}"
            result.place(raw_id)
        when = _cell(row, columns.get("date"))
        dates = find_dates(when)
        if dates:
            episode["date"] = dates[0].iso()
            if len(dates) > 1 and dates[-1] != dates[0]:
                episode["end"] = dates[-1].iso()
            result.place(when)
        elif when:
            result.note(f"{unit.where}, row {number}", chunk.under, when, "not a date")
        agencies = _cell(row, columns.get("agencies"))
        if agencies:
            names = [n.strip() for n in re.split(r",|;|\band\b", agencies) if n.strip()]
            episode["agencies"] = [result.agency(name) for name in names]
            result.place(agencies)
        for fld in ("title", "summary"):
            text = _cell(row, columns.get(fld))
            if text:
                episode[fld] = _prose(text)
                result.place(text)
        _note_other_cells(result, unit, number, row, columns, chunk)
        if episode:
            episodes.append(episode)
    return episodes


def _ordered_episode(episode: dict[str, Any]) -> dict[str, Any]:
    return episode


def _number(items: list[dict[str, Any]], prefix: str, taken: set[str]) -> None:
    """Give an id to each item the report did not number, after the ones it did."""
    used = {str(item["id"]) for item in items if "id" in item} | taken
    n = 1
    for item in items:
        if "id" in item:
            continue
        while f"{prefix}{n}" in used:
            n += 1
        item["id"] = f"{prefix}{n}"
        used.add(item["id"])


def _findings(result: Placement, chunks: list[Chunk]) -> None:
    findings: list[dict[str, Any]] = []
    episode_ids = {str(e["id"]) for e in result.data.get("episodes", [])}
    for chunk in chunks:
        if chunk.heading is not None and (chunk.marker is not None or chunk.sub):
            finding: dict[str, Any] = {}
            if chunk.marker is not None and chunk.marker.number.isdigit():
                finding["id"] = f"F{chunk.marker.number}"
            title = chunk.marker.rest if chunk.marker is not None else chunk.title
            if title:
                finding["title"] = _prose(title.strip(" :–—-"))
            result.place(chunk.heading.text)
            parts = []
            for unit in chunk.units:
                if unit.kind == "table":
                    result.note_unit(unit, chunk.under, "a table the record has no place for")
                    continue
                parts.append(unit.text)
                result.place(unit.text)
            if parts:
                analysis = "\n\n".join(parts)
                finding["analysis"] = _prose(analysis)
                refs = _refs(_EPISODE_REFS, analysis, "E", episode_ids)
                if refs:
                    finding["episodes"] = refs
            findings.append(finding)
            continue
        _place_heading(result, chunk)
        for unit in chunk.units:
            result.note_unit(
                unit, chunk.under, "not under a finding: the record's findings hold the analysis"
            )
    _number(findings, "F", set())
    if findings:
        result.data["findings"] = findings


def _refs(pattern: re.Pattern[str], text: str, prefix: str, known: set[str]) -> list[str]:
    found: list[str] = []
    for match in pattern.finditer(text):
        numbers = re.findall(r"\d+", match[1])
        span = re.search(r"(\d+)\s*(?:to|-|–)\s*(\d+)", match[1])
        if span:
            numbers += [str(n) for n in range(int(span[1]), int(span[2]) + 1)]
        for number in numbers:
            ref = f"{prefix}{number}"
            if ref in known and ref not in found:
                found.append(ref)
    return found


def _recommendations(
    result: Placement, chunks: list[Chunk], tables: list[tuple[Unit, Chunk]]
) -> None:
    recommendations: list[dict[str, Any]] = []
    finding_ids = {str(f["id"]) for f in result.data.get("findings", [])}
    for chunk in chunks:
        if chunk.marker is not None and chunk.heading is not None:
            recommendation: dict[str, Any] = {}
            if chunk.marker.number.isdigit():
                recommendation["id"] = f"R{chunk.marker.number}"
            result.place(chunk.heading.text)
            parts = [chunk.marker.rest] if chunk.marker.rest else []
            for unit in chunk.units:
                if unit.kind == "table":
                    result.note_unit(unit, chunk.under, "a table the record has no place for")
                    continue
                response = _RESPONSE.match(unit.text)
                if response:
                    recommendation["response"] = _prose(unit.text[response.end() :])
                else:
                    parts.append(unit.text)
                result.place(unit.text)
            if parts:
                recommendation["text"] = _prose("\n\n".join(parts))
            recommendations.append(recommendation)
            continue
        _place_heading(result, chunk)
        plain = [u for u in chunk.units if u.kind != "table"]
        numbered = [u for u in plain if u.kind == "item" or _LEADING_NUMBER.match(u.text)]
        for unit in chunk.units:
            if unit.kind == "table":
                result.note_unit(unit, chunk.under, "a table the record has no place for")
            elif unit in numbered and not unit.text.endswith(":"):
                number = _LEADING_NUMBER.match(unit.text)
                text = unit.text[number.end() :] if number else unit.text
                recommendation = {"text": _prose(text)}
                if number:
                    recommendation["id"] = f"R{number[1]}"
                recommendations.append(recommendation)
                result.place(unit.text)
            elif (
                recommendations
                and _RESPONSE.match(unit.text)
                and "response" not in recommendations[-1]
            ):
                match = _RESPONSE.match(unit.text)
                assert match is not None
                recommendations[-1]["response"] = _prose(unit.text[match.end() :])
                result.place(unit.text)
            else:
                result.note_unit(unit, chunk.under)
    for unit, chunk in tables:
        recommendations.extend(_recommendation_table(result, unit, chunk, finding_ids))
    _number(recommendations, "R", set())
    for recommendation in recommendations:
        text = str(recommendation.get("text", {}).get("professional", ""))
        if "to" not in recommendation:
            addressee = _ADDRESSEE.match(text)
            if addressee and len(addressee["to"].split()) <= 10:
                recommendation["to"] = addressee["to"].strip()
        if "findings" not in recommendation:
            refs = _refs(_FINDING_REFS, text, "F", finding_ids)
            if refs:
                recommendation["findings"] = refs
    if recommendations:
        result.data["recommendations"] = [_ordered(r, _REC_ORDER) for r in recommendations]


_REC_ORDER = ("id", "text", "to", "findings", "scope", "response")
_ACTION_ORDER = (
    "id",
    "recommendation",
    "agency",
    "action",
    "lead",
    "due",
    "status",
    "progress",
    "evidence",
    "impact",
    "updated",
)
_EPISODE_ORDER = ("id", "date", "end", "agencies", "title", "summary")
_FINDING_ORDER = ("id", "title", "analysis", "episodes", "themes")


def _ordered(item: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    return {key: item[key] for key in order if key in item}


def _recommendation_table(
    result: Placement, unit: Unit, chunk: Chunk, finding_ids: set[str]
) -> list[dict[str, Any]]:
    columns = _columns(unit.rows[0], "recommendations")
    result.place(" ".join(unit.rows[0]))
    found = []
    for number, row in enumerate(unit.rows[1:], 2):
        text = _cell(row, columns.get("text"))
        if not text:
            result.note(f"{unit.where}, row {number}", chunk.under, " | ".join(row), "no text")
            continue
        recommendation: dict[str, Any] = {}
        raw_id = _cell(row, columns.get("id"))
        marker = re.match(r"^\s*(?:recommendation|rec|r)?\s*(\d+)\s*\.?$", raw_id, re.I)
        if marker:
            recommendation["id"] = f"R{marker[1]}"
            result.place(raw_id)
        elif raw_id:
            result.note(f"{unit.where}, row {number}", chunk.under, raw_id, "not a number")
        in_text = re.match(r"^\s*(?:recommendation|rec)\s*(\d+)\s*[:.)\-–—]\s*", text, re.I)
        if in_text:
            recommendation.setdefault("id", f"R{in_text[1]}")
            text = text[in_text.end() :]
        recommendation["text"] = _prose(text)
        result.place(text if not in_text else row[columns["text"]])
        to = _cell(row, columns.get("to"))
        if to:
            recommendation["to"] = to
            result.place(to)
        refs_text = _cell(row, columns.get("findings"))
        if refs_text:
            refs = [f"F{n}" for n in re.findall(r"\d+", refs_text) if f"F{n}" in finding_ids]
            if refs:
                recommendation["findings"] = refs
                result.place(refs_text)
            else:
                result.note(
                    f"{unit.where}, row {number}",
                    chunk.under,
                    refs_text,
                    "names no finding found in the report",
                )
        scope = _cell(row, columns.get("scope"))
        if scope and normalised(scope) in ("local", "national"):
            recommendation["scope"] = normalised(scope)
            result.place(scope)
        elif scope:
            result.note(f"{unit.where}, row {number}", chunk.under, scope, "not local or national")
        response = _cell(row, columns.get("response"))
        if response:
            recommendation["response"] = _prose(response)
            result.place(response)
        _note_other_cells(result, unit, number, row, columns, chunk)
        found.append(recommendation)
    return found


def _actions(result: Placement, chunks: list[Chunk], tables: list[tuple[Unit, Chunk]]) -> None:
    for chunk in chunks:
        _place_heading(result, chunk)
        for unit in chunk.units:
            result.note_unit(unit, chunk.under, "not in an action plan table")
    actions: list[dict[str, Any]] = []
    for unit, chunk in tables:
        actions.extend(_action_table(result, unit, chunk))
    _number(actions, "A", set())
    if actions:
        result.data["actions"] = [_ordered(a, _ACTION_ORDER) for a in actions]


def _recommendation_ref(result: Placement, text: str) -> str | None:
    """The id of the recommendation a cell names: "1", "R1", "Recommendation 1", "1.2" (its
    first number), or the recommendation's own words."""
    known = {str(r["id"]) for r in result.data.get("recommendations", [])}
    number = re.match(r"^\s*(?:recommendation|rec|r)?\s*(\d+)\b", text, re.I)
    if number:
        return f"R{number[1]}"
    if not text.strip():
        return None
    texts = {
        normalised(str(r.get("text", {}).get("professional", ""))): str(r["id"])
        for r in result.data.get("recommendations", [])
    }
    close = difflib.get_close_matches(normalised(text), list(texts), n=1, cutoff=0.8)
    if close and texts[close[0]] in known:
        return texts[close[0]]
    return None


def _action_table(result: Placement, unit: Unit, chunk: Chunk) -> list[dict[str, Any]]:
    columns = _columns(unit.rows[0], "actions")
    result.place(" ".join(unit.rows[0]))
    actions = []
    current: str | None = None
    previous_agency = ""
    for number, row in enumerate(unit.rows[1:], 2):
        values = [cell for cell in row if cell.strip()]
        if not values:
            continue
        where = f"{unit.where}, row {number}"
        if len(set(values)) == 1 and (
            len(values) == 1 or len(row) == 1 or _cell(row, columns.get("action")) == values[0]
        ):
            # a row across the table: "Recommendation 2: ..." groups the actions below it
            heading = values[0]
            current = _recommendation_ref(result, heading)
            if current is not None:
                result.place(heading)
            else:
                result.note(where, chunk.under, heading, "a row across the table")
            continue
        action: dict[str, Any] = {}
        raw_id = _cell(row, columns.get("id"))
        if raw_id and re.fullmatch(r"[A-Za-z]?\d+(?:\.\d+)*[a-z]?", raw_id):
            action["id"] = raw_id if raw_id[0].isalpha() else f"A{raw_id}"
            result.place(raw_id)
        elif raw_id:
            result.note(where, chunk.under, raw_id, "column 'id': not an action number")
        raw_rec = _cell(row, columns.get("recommendation"))
        ref = _recommendation_ref(result, raw_rec) if raw_rec else current
        if raw_rec and ref is None:
            result.note(where, chunk.under, raw_rec, "names no recommendation found in the report")
        elif raw_rec:
            result.place(raw_rec)
        if ref is not None:
            action["recommendation"] = ref
        agency = _cell(row, columns.get("agency")) or previous_agency
        if agency:
            action["agency"] = result.agency(agency)
            if _cell(row, columns.get("agency")):
                result.place(agency)
                previous_agency = agency
        text = _cell(row, columns.get("action"))
        if text:
            action["action"] = _prose(text)
            result.place(text)
        lead = _cell(row, columns.get("lead"))
        if lead:
            action["lead"] = lead
            result.place(lead)
        due = _cell(row, columns.get("due"))
        date = read_date(due) if due else None
        if date is not None:
            action["due"] = date.iso()
            result.place(due)
        elif due:
            result.note(where, chunk.under, due, "the due date is not a date the record can hold")
        status_text = _cell(row, columns.get("status"))
        progress_text = _cell(row, columns.get("progress"))
        for cell in (status_text, progress_text):
            if not cell:
                continue
            reading = read_status(cell)
            if reading.status is not None:
                action.setdefault("status", reading.status)
            if reading.progress is not None:
                action.setdefault("progress", reading.progress)
            if reading.status is None and reading.progress is None:
                result.note(
                    where,
                    chunk.under,
                    cell,
                    "status not understood: write not-started, red, amber, green or complete; "
                    "until then the action reads as not started",
                )
            else:
                result.place(cell)
        for fld in ("evidence", "impact"):
            value = _cell(row, columns.get(fld))
            if value:
                action[fld] = _prose(value)
                result.place(value)
        updated = _cell(row, columns.get("updated"))
        updated_date = read_date(updated) if updated else None
        if updated_date is not None:
            action["updated"] = updated_date.iso()
            result.place(updated)
        elif updated:
            result.note(where, chunk.under, updated, "not a date")
        _note_other_cells(result, unit, number, row, columns, chunk)
        actions.append(action)
    return actions


def _glossary(result: Placement, chunks: list[Chunk], tables: list[tuple[Unit, Chunk]]) -> None:
    entries: list[dict[str, Any]] = []
    for chunk in chunks:
        _place_heading(result, chunk)
        for unit in chunk.units:
            if unit.kind == "table":
                result.note_unit(unit, chunk.under, "a table the record has no place for")
                continue
            match = _GLOSSARY_LINE.match(unit.text)
            if match and len(match["term"].split()) <= 8:
                entries.append(
                    {"term": match["term"].strip(), "meaning": _prose(match["meaning"].strip())}
                )
                result.place(unit.text)
            else:
                result.note_unit(unit, chunk.under)
    for unit, chunk in tables:
        columns = _columns(unit.rows[0], "glossary")
        rows = unit.rows
        if {"term", "meaning"} <= set(columns):
            result.place(" ".join(unit.rows[0]))
            rows = rows[1:]
        else:
            columns = {"term": 0, "meaning": 1}
        for row in rows:
            term, meaning = _cell(row, columns["term"]), _cell(row, columns["meaning"])
            if term and meaning:
                entries.append({"term": term, "meaning": _prose(meaning)})
                result.place(term + " " + meaning)
            elif term or meaning:
                result.note(unit.where, chunk.under, term or meaning, "a term without its meaning")
    if entries:
        result.data["glossary"] = entries


def finish(result: Placement, units: list[Unit]) -> None:
    """Put the findings' and episodes' fields in the schema's order and read the review's
    kind and partnership."""
    if "episodes" in result.data:
        result.data["episodes"] = [_ordered(e, _EPISODE_ORDER) for e in result.data["episodes"]]
    if "findings" in result.data:
        result.data["findings"] = [_ordered(f, _FINDING_ORDER) for f in result.data["findings"]]
    all_text = "\n".join(unit.text for unit in units if unit.kind != "table")
    review_facts(result, all_text)


__all__ = ["Placement", "finish", "place_units", "section_of", "strip_numbering"]
