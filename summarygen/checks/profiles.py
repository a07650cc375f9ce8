"""Audience profiles: the reading targets and language rules for each audience, as data.

The shipped profiles live in ``summarygen/rules/audiences.yaml``. An organisation's file, and
then a record, may override any part of any audience; what they leave out is kept.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._resources import read_rules_yaml
from ..errors import Problem, RecordError
from .finding import Severity

if TYPE_CHECKING:
    from ..record import Record

Metric = Literal[
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "average_sentence_words",
    "longest_sentence_words",
    "uncommon_word_share",
]
AUDIENCES = ("professional", "general", "public", "children", "easy-read")


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: Metric
    min: float | None = None
    max: float | None = None
    severity: Severity = Severity.WARNING

    def met_by(self, value: float) -> bool:
        if self.min is not None and value < self.min:
            return False
        return not (self.max is not None and value > self.max)

    @property
    def bound(self) -> str:
        return f"≥ {self.min:g}" if self.min is not None else f"≤ {self.max:g}"


class SentenceLimits(BaseModel):
    """Where a sentence starts to be flagged as long. Where it is too long is the profile's
    ``longest_sentence_words`` target: one number for each, named the same everywhere."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    long_over: int = Field(gt=0)
    """A sentence of more words than this is flagged as long (a warning)."""


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    targets: tuple[Target, ...]
    sentences: SentenceLimits
    acronyms: Literal["define", "forbid", "allow"]
    contractions: Literal["allow", "forbid"]
    numbers: Literal["digits", "any"]

    @property
    def longest(self) -> Target | None:
        """The longest-sentence target with its ``max``: a sentence over it is a finding of
        the target's severity."""
        for target in self.targets:
            if target.metric == "longest_sentence_words" and target.max is not None:
                return target
        return None


@cache
def _shipped() -> dict[str, Any]:
    data = read_rules_yaml("audiences.yaml")
    assert isinstance(data, dict)
    return data


def load_profiles(
    override_file: Path | None = None, record_overrides: dict[str, Any] | None = None
) -> dict[str, Profile]:
    """Every audience's profile: shipped, then an organisation's file, then one record's."""
    merged: dict[str, Any] = {name: dict(value) for name, value in _shipped().items()}
    sources: list[tuple[str, dict[str, Any]]] = []
    if override_file is not None:
        try:
            loaded = yaml.safe_load(override_file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise RecordError([Problem(str(override_file), None, None, "", str(error))]) from None
        if not isinstance(loaded, dict):
            raise RecordError(
                [Problem(str(override_file), 1, 1, "", "expected a mapping of audiences")]
            )
        sources.append((str(override_file), loaded))
    if record_overrides:
        sources.append(("record readability", record_overrides))
    for name, overrides in sources:
        for audience, changes in overrides.items():
            if audience not in merged:
                raise RecordError(
                    [
                        Problem(
                            name,
                            None,
                            None,
                            str(audience),
                            f"unknown audience; use one of: {', '.join(AUDIENCES)}",
                        )
                    ]
                )
            merged[audience] = _merge(merged[audience], _without_old_limits(dict(changes)))
    profiles: dict[str, Profile] = {}
    for audience, data in merged.items():
        try:
            profiles[audience] = Profile.model_validate({"id": audience, **data})
        except ValidationError as error:
            raise RecordError(
                [
                    Problem(
                        "audience profiles",
                        None,
                        None,
                        f"{audience}.{'.'.join(map(str, e['loc']))}",
                        e["msg"],
                    )
                    for e in error.errors()
                ]
            ) from None
    return profiles


def _without_old_limits(changes: dict[str, Any]) -> dict[str, Any]:
    """Sentence limits in the old form, ``sentences: {hard: H, very_hard: V}`` (a sentence of
    H words or more a warning, of V or more an error), as the new: ``long_over: H - 1`` and a
    longest-sentence target of V - 1, an error (unless the same changes set that target)."""
    limits = changes.get("sentences")
    if not isinstance(limits, dict) or not {"hard", "very_hard"} & set(limits):
        return changes
    result = dict(changes)
    new_limits = {k: v for k, v in limits.items() if k not in {"hard", "very_hard"}}
    if "hard" in limits:
        new_limits["long_over"] = int(limits["hard"]) - 1
    result["sentences"] = new_limits
    targets = list(result.get("targets", []))
    if "very_hard" in limits and not any(
        target.get("metric") == "longest_sentence_words" for target in targets
    ):
        targets.append(
            {
                "metric": "longest_sentence_words",
                "max": int(limits["very_hard"]) - 1,
                "severity": Severity.ERROR.value,
            }
        )
        result["targets"] = targets
    return result


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Targets merge by metric, sentence limits by key; anything else replaces the shipped
    value."""
    result = dict(base)
    for key, value in changes.items():
        if key == "sentences" and isinstance(value, dict):
            result[key] = {**base.get(key, {}), **value}
        elif key == "targets":
            by_metric = {t["metric"]: dict(t) for t in base.get("targets", [])}
            for target in value:
                by_metric[target["metric"]] = {**by_metric.get(target["metric"], {}), **target}
                if "min" in target:
                    by_metric[target["metric"]].pop("max", None)
                if "max" in target:
                    by_metric[target["metric"]].pop("min", None)
            result["targets"] = list(by_metric.values())
        else:
            result[key] = value
    return result


def record_profile_overrides(record: Record) -> dict[str, Any]:
    """The record's own changes to the audience profiles, as profile data."""
    return {
        audience: override.model_dump(exclude_none=True, exclude_defaults=True)
        for audience, override in record.readability.items()
    }
