"""The action plan over time: each action's state at each dated update, and what changed.

An update names only the actions it changes; an action it does not name stays as it was at
the update before (or, before the first update, as the action plan in the record has it).
The progress report (``templates/progress-report.md.j2``) prints :func:`progress_of`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .record import PartialDate, Record, RegisterText
from .record.schema import Action, ActionUpdate, Status

STATUS_ORDER: tuple[Status, ...] = (
    Status.COMPLETE,
    Status.GREEN,
    Status.AMBER,
    Status.RED,
    Status.NOT_STARTED,
)
"""The order of the totals by status: done first, then from on track to not started."""


@dataclass(frozen=True)
class ActionState:
    """One action as it stood on a date."""

    action: Action
    status: Status
    progress: int | None
    evidence: str | RegisterText | None
    note: str | None
    overdue: bool
    """Not complete, and its due date (the whole due month, for a month) has passed."""


@dataclass(frozen=True)
class StatusMove:
    """An action whose status changed between two updates."""

    action: Action
    before: Status
    after: Status


@dataclass(frozen=True)
class StatusTotal:
    status: Status
    actions: int


@dataclass(frozen=True)
class Progress:
    """The action plan as at its latest update, and what changed since the one before."""

    date: PartialDate
    """The latest update's date."""
    summary: str | None
    previous: PartialDate | None
    """The update before the latest, or None when the latest is the first (changes are then
    counted from the action plan as published)."""
    dates: tuple[PartialDate, ...]
    """Every update's date, oldest first."""
    states: tuple[ActionState, ...]
    """Every action, in the record's order, as at the latest update."""
    moves: tuple[StatusMove, ...]
    new_evidence: tuple[ActionState, ...]
    overdue: tuple[ActionState, ...]
    newly_overdue: tuple[ActionState, ...]
    """Overdue at the latest update but not at the one before."""
    totals: tuple[StatusTotal, ...]
    """Actions by status (every status, in :data:`STATUS_ORDER`, zeros included)."""

    def for_recommendation(self, recommendation: str) -> list[ActionState]:
        return [s for s in self.states if s.action.recommendation == recommendation]


def is_overdue(action: Action, status: Status, on: PartialDate) -> bool:
    """Not complete on ``on`` (its first day) and due before it (the due date's last day)."""
    return status is not Status.COMPLETE and action.due.last_day() < on.first_day()


def progress_of(record: Record) -> Progress | None:
    """The record's action plan as at its latest update; None when it has no updates."""
    updates = record.action_plan_updates
    if not updates:
        return None
    states = [_published(action) for action in record.actions]
    history: list[list[ActionState]] = []
    for update in updates:
        changes = {change.action: change for change in update.actions}
        states = [
            _updated(state, changes.get(state.action.id), update.date)
            if state.action.id in changes
            else _on(state, update.date)
            for state in states
        ]
        history.append(states)
    latest = history[-1]
    previous = history[-2] if len(history) > 1 else [_published(a) for a in record.actions]
    previous_date = updates[-2].date if len(updates) > 1 else None
    published = record.review.dates.published
    if previous_date is None:  # changes since the plan as published, overdue then or not
        previous = [_on(state, published) if published else state for state in previous]
    moves = tuple(
        StatusMove(now.action, then.status, now.status)
        for then, now in zip(previous, latest, strict=True)
        if then.status is not now.status
    )
    new_evidence = tuple(
        now
        for then, now in zip(previous, latest, strict=True)
        if now.evidence is not None and now.evidence != then.evidence
    )
    overdue = tuple(state for state in latest if state.overdue)
    newly = tuple(
        now for then, now in zip(previous, latest, strict=True) if now.overdue and not then.overdue
    )
    totals = tuple(
        StatusTotal(status, sum(1 for state in latest if state.status is status))
        for status in STATUS_ORDER
    )
    return Progress(
        date=updates[-1].date,
        summary=updates[-1].summary,
        previous=previous_date,
        dates=tuple(update.date for update in updates),
        states=tuple(latest),
        moves=moves,
        new_evidence=new_evidence,
        overdue=overdue,
        newly_overdue=newly,
        totals=totals,
    )


def _published(action: Action) -> ActionState:
    return ActionState(action, action.status, action.progress, action.evidence, None, False)


def _on(state: ActionState, date: PartialDate) -> ActionState:
    """``state`` unchanged but for whether it is overdue on ``date``."""
    late = is_overdue(state.action, state.status, date)
    return ActionState(state.action, state.status, state.progress, state.evidence, state.note, late)


def _updated(state: ActionState, change: ActionUpdate | None, date: PartialDate) -> ActionState:
    if change is None:  # pragma: no cover - only called for a named action
        return _on(state, date)
    return ActionState(
        state.action,
        change.status,
        change.progress if change.progress is not None else state.progress,
        change.evidence if change.evidence is not None else state.evidence,
        change.note,
        is_overdue(state.action, change.status, date),
    )
