"""The case review record: one typed model that every document is made from.

A record never holds a real identity. Children appear by pseudonym, family members
by role label and practitioners by job title. Real names an author must guard
against live in a separate protected register, never here.

Any prose field may be written as one string (the same words for every reader) or
as a mapping with a text per register: ``professional``, ``plain`` and ``child``.
"""

from __future__ import annotations

import datetime as _dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StringConstraints,
    Tag,
    model_validator,
)

from .dates import PartialDate

WINDOWS_RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"{port}{n}" for port in ("com", "lpt") for n in (*"0123456789", "¹", "²", "³")]
)
"""Names Windows keeps for devices, with or without an extension ("con", "nul.txt"): a file
or folder so named cannot be opened there. Source: Microsoft, "Naming Files, Paths, and
Namespaces" (learn.microsoft.com/windows/win32/fileio/naming-a-file)."""

PHONE_REGION = "GB"
"""Where a phone number without a country code (+44...) is dialled from."""

_PHONE_CHARACTERS = re.compile(r"\+?[0-9][0-9 ()\-.]*")


def shown(value: str, limit: int = 60) -> str:
    """``value`` quoted on one line for a message: line breaks shown as ↵, long text cut."""
    one_line = value.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")
    if len(one_line) > limit:
        one_line = one_line[: limit - 1] + "…"
    return f"'{one_line}'"


def _travels(name: str) -> str:
    """``name`` unchanged, or a ValueError if Windows cannot open a file so named."""
    stem = name.split(".", 1)[0].strip().casefold()
    if stem in WINDOWS_RESERVED_NAMES:
        raise ValueError(
            f"'{name}' cannot be used: Windows keeps the name {stem.upper()} for a device, so "
            "files named with it cannot be opened there. Choose another id, e.g. "
            f"'{stem}-review'"
        )
    return name


def email_address(value: str) -> str:
    """A contact email address, checked as one (``email-validator``, without DNS look-ups).

    Returns the address normalised (the domain in lower case); raises ValueError."""
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        reason = str(error).rstrip(".")
        raise ValueError(
            f"{shown(value)} is not an email address: {reason[:1].lower()}{reason[1:]}. "
            "Write one address, e.g. press@partnership.example.org"
        ) from None


def phone_number(value: str) -> phonenumbers.PhoneNumber:
    """A contact phone number, checked as one (libphonenumber via ``phonenumbers``).

    Digits, spaces, brackets, hyphens and dots only, with an optional leading +; numbers
    without a country code are read as UK (:data:`PHONE_REGION`). A number must have a
    possible length for its country, dialled from anywhere (not a local-only number);
    numbers from Ofcom's ranges for drama (01632 960...) are possible, so fictional records
    can use them. Raises ValueError."""
    problem = (
        f"{shown(value)} is not a phone number: "
        "write digits, e.g. 0300 123 4567 or +44 300 123 4567"
    )
    if not _PHONE_CHARACTERS.fullmatch(value):
        raise ValueError(problem)
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ValueError(problem) from None
    if (
        phonenumbers.is_possible_number_with_reason(number)
        != phonenumbers.ValidationResult.IS_POSSIBLE
    ):
        raise ValueError(f"{problem} (this one has too few or too many digits)")
    return number


def _phone(value: str) -> str:
    phone_number(value)
    return value


class _Choice(StrEnum):
    """A choice of fixed words, matched as a person types it: "Amber", "AMBER" and "amber" are
    one value, as are "not started" and "not-started". Word capitalises the first letter of a
    table cell as it is typed (AutoCorrect), so a Word record says "Amber" for "amber"."""

    @classmethod
    def _missing_(cls, value: object) -> _Choice | None:
        if not isinstance(value, str):
            return None
        wanted = _choice_key(value)
        return next((member for member in cls if _choice_key(member.value) == wanted), None)


def _choice_key(text: str) -> str:
    return re.sub(r"[\s_-]+", "-", text.strip().casefold())


class Register(_Choice):
    """How formally a text is written, from most to least formal."""

    PROFESSIONAL = "professional"
    PLAIN = "plain"
    CHILD = "child"


REGISTER_ORDER: tuple[Register, ...] = (Register.PROFESSIONAL, Register.PLAIN, Register.CHILD)


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9._-]*$", max_length=40),
    Field(description="A short identifier: letters, digits, '.', '_' or '-' (e.g. R1, F2, E10)."),
]


class RegisterText(_Model):
    """The same content written for different readers."""

    professional: NonEmpty | None = Field(None, description="For professionals and inspectors.")
    plain: NonEmpty | None = Field(None, description="Plain English for the public.")
    child: NonEmpty | None = Field(None, description="For children and young people.")

    @model_validator(mode="after")
    def _at_least_one(self) -> RegisterText:
        if not (self.professional or self.plain or self.child):
            raise ValueError("give the text for at least one of: professional, plain, child")
        return self

    def get(self, register: Register) -> str | None:
        value: str | None = getattr(self, register.value)
        return value


def _text_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "one-text"
    if isinstance(value, dict | RegisterText):
        return "per-register"
    return None


Text = Annotated[
    Annotated[NonEmpty, Tag("one-text")] | Annotated[RegisterText, Tag("per-register")],
    Discriminator(
        _text_kind,
        custom_error_type="text_type",
        custom_error_message=(
            "expected text, or a mapping with a text for professional, plain and/or child"
        ),
    ),
]
"""Prose: one string for every reader, or a text per register."""


def text_for(text: str | RegisterText, register: Register) -> tuple[str, Register]:
    """The text for ``register``, falling back to the next more formal register.

    Returns the text and the register it was actually written in, so callers can
    warn visibly when they fell back.
    """
    if isinstance(text, str):
        return text, register
    wanted = REGISTER_ORDER.index(register)
    for candidate in (*REGISTER_ORDER[wanted::-1], *REGISTER_ORDER[wanted + 1 :]):
        value = text.get(candidate)
        if value:
            return value, candidate
    raise AssertionError("RegisterText always holds one text")  # pragma: no cover


# --- review metadata -------------------------------------------------------------------


class ReviewKind(_Choice):
    SCR = "scr"
    LCSPR = "lcspr"
    RAPID = "rapid"
    NATIONAL = "national"
    PARTNERSHIP = "partnership"


class Guidance(_Choice):
    WT2013 = "WT2013"
    WT2015 = "WT2015"
    WT2018 = "WT2018"
    WT2023 = "WT2023"


class Methodology(_Choice):
    SCIE = "SCIE"
    SILP = "SILP"
    SYSTEMS = "systems"
    OTHER = "other"


class Person(_Model):
    """Someone named in the pack by their own consent: a reviewer or the chair."""

    name: NonEmpty
    role: NonEmpty


class Period(_Model):
    start: PartialDate = Field(alias="from")
    end: PartialDate = Field(alias="to")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end.first_day() < self.start.first_day():
            raise ValueError("the period ends before it starts")
        return self


class ReviewDates(_Model):
    incident: PartialDate = Field(description="When the serious incident happened.")
    notified: PartialDate | None = Field(None, description="When the incident was notified.")
    decided: PartialDate | None = Field(None, description="When the review was decided on.")
    period: Period | None = Field(None, description="The period the review looked at.")
    published: PartialDate | None = None


class Publication(_Model):
    mode: Literal["full", "improvements-only"] = "full"
    reason: Text | None = Field(
        None, description="Why only the improvements are published (required for that mode)."
    )
    available_until: PartialDate | None = Field(
        None,
        description="Until when the review stays on the partnership's website: at least a year "
        "after it was published.",
    )

    @model_validator(mode="after")
    def _reason_needed(self) -> Publication:
        if self.mode == "improvements-only" and self.reason is None:
            raise ValueError("say why only improvements are published: add 'reason'")
        return self


class Review(_Model):
    id: Annotated[
        str,
        StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60),
        AfterValidator(_travels),
        Field(
            description="Used in file names: lowercase letters, digits and hyphens; not a name "
            "Windows keeps for a device (con, nul, com1...)."
        ),
    ]
    kind: ReviewKind
    guidance: Guidance
    partnership: NonEmpty
    area: NonEmpty | None = None
    title: NonEmpty
    reviewers: list[Person] = Field(min_length=1)
    chair: Person
    dates: ReviewDates
    publication: Publication = Publication()
    restrictions: Text | None = Field(None, description="Any reporting restrictions.")


# --- the people in the review ----------------------------------------------------------


class Subject(_Model):
    """A child the review is about, known only by a pseudonym."""

    pseudonym: NonEmpty = Field(description='As it will be published, e.g. "Child J".')
    age: NonEmpty = Field(description='Age at the time, as it may be published: "14", "9 months".')
    gender: NonEmpty | None = None
    ethnicity: NonEmpty | None = None
    harm: NonEmpty = Field(description="The kind of harm, e.g. neglect, physical abuse.")
    outcome: NonEmpty = Field(description="What happened to the child, e.g. died, serious harm.")
    description: Text | None = Field(None, description="Who the child was, as the family wish.")


class FamilyMember(_Model):
    role: NonEmpty = Field(description='A role label only: "Mother", "Mr K". Never a real name.')
    involvement: Text | None = Field(None, description="How they took part in the review.")


class Agency(_Model):
    id: Id
    name: NonEmpty
    type: NonEmpty | None = Field(None, description="health, police, social care, education...")
    involvement: Text | None = None


class MethodologyText(_Model):
    approach: Methodology
    description: Text


class Episode(_Model):
    """A key practice episode, or an entry in the chronology."""

    id: Id
    date: PartialDate
    end: PartialDate | None = None
    agencies: list[Id] = Field(default_factory=list, description="Agency ids involved.")
    title: Text
    summary: Text


class Perspectives(_Model):
    family: Text | None = None
    child: Text | None = Field(None, description="What is known of the child's own view.")
    practitioners: Text | None = None


class Finding(_Model):
    id: Id
    title: Text
    analysis: Text
    episodes: list[Id] = Field(default_factory=list, description="Episode ids this draws on.")
    themes: list[NonEmpty] = Field(default_factory=list)


class Scope(_Choice):
    LOCAL = "local"
    NATIONAL = "national"


class Recommendation(_Model):
    id: Id
    text: Text
    to: NonEmpty = Field(description="To whom it is addressed: a board, agency or role.")
    findings: list[Id] = Field(min_length=1, description="Finding ids this answers.")
    scope: Scope = Scope.LOCAL
    response: Text | None = Field(None, description="The partnership's response to it.")


class Status(_Choice):
    NOT_STARTED = "not-started"
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    COMPLETE = "complete"


class Action(_Model):
    id: Id
    recommendation: Id
    agency: Id
    action: Text
    lead: NonEmpty = Field(description="The lead, by role: 'Head of Safeguarding'.")
    due: PartialDate
    status: Status = Status.NOT_STARTED
    progress: Annotated[int, Field(ge=0, le=100)] | None = Field(None, description="Per cent.")
    evidence: Text | None = None
    impact: Text | None = None
    updated: PartialDate | None = None


class ActionUpdate(_Model):
    """One action's state at a dated update of the action plan."""

    action: Id = Field(description="The action's id, e.g. A3.")
    status: Status
    progress: Annotated[int, Field(ge=0, le=100)] | None = Field(None, description="Per cent.")
    evidence: NonEmpty | None = Field(None, description="What shows the action's progress.")
    note: NonEmpty | None = Field(None, description="Anything else the board should know.")


class PlanUpdate(_Model):
    """The action plan as it stood on one date, after publication: what changed for each
    action named (an action not named is as it was)."""

    date: PartialDate = Field(description="When the plan was reviewed, e.g. 2025-11 or 2025-11-14.")
    summary: NonEmpty | None = Field(None, description="One or two sentences on the update.")
    actions: list[ActionUpdate] = Field(min_length=1)


class RecommendationResponse(_Model):
    """An agency's answer to one recommendation."""

    recommendation: Id = Field(description="The recommendation's id, e.g. R2.")
    response: Text


class AgencyResponse(_Model):
    """One agency's written response to the review."""

    agency: Id = Field(description="The agency's id, from agencies.")
    response: Text = Field(description="The agency's response to the review as a whole.")
    recommendations: list[RecommendationResponse] = Field(
        default_factory=list, description="Its answer to each recommendation addressed to it."
    )


# --- communication ---------------------------------------------------------------------


class Quote(_Model):
    by: NonEmpty = Field(description="A role, e.g. 'Director of Children's Services'.")
    agency: Id | None = None
    text: NonEmpty


class Contact(_Model):
    """Who journalists contact. The email and phone become links, so each must be what it
    says: one email address, one phone number."""

    team: NonEmpty
    email: Annotated[NonEmpty, AfterValidator(email_address)] | None = None
    phone: Annotated[NonEmpty, AfterValidator(_phone)] | None = Field(
        None, description="A phone number; without +country code it is read as a UK number."
    )


class Comms(_Model):
    headline: Text
    embargo: _dt.datetime | None = Field(None, description="Not for publication before this.")
    chair_quote: NonEmpty
    apology: Text | None = None
    agency_quotes: list[Quote] = Field(default_factory=list)
    actions_taken: list[Text] = Field(default_factory=list)
    contact: Contact
    notes_to_editors: list[Text] = Field(default_factory=list)
    opening_statement: Text | None = Field(
        None,
        description="The chair's statement for a press conference, written to be spoken: short "
        "sentences, numbers in words. A blank line starts a new paragraph.",
    )


class Briefing(_Model):
    """The 7-minute briefing: seven numbered boxes and reflective questions."""

    background: Text
    why_it_matters: Text
    key_information: list[Text] = Field(min_length=3, max_length=3)
    remember: Text
    what_to_do: Text
    questions: list[NonEmpty] = Field(min_length=1)


class GlossaryEntry(_Model):
    term: NonEmpty
    meaning: Text


class EasyReadPoint(_Model):
    text: NonEmpty
    picture: (
        Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)] | None
    ) = Field(None, description="A picture name from the shipped set, e.g. 'social-worker'.")


class EasyReadWord(_Model):
    word: NonEmpty
    meaning: NonEmpty = Field(description="One short sentence, in easy words.")


class EasyRead(_Model):
    """Easy read content: one short sentence per point, each with a picture."""

    why: list[EasyReadPoint] = Field(default_factory=list)
    what_happened: list[EasyReadPoint] = Field(default_factory=list)
    what_went_wrong: list[EasyReadPoint] = Field(default_factory=list)
    what_will_change: list[EasyReadPoint] = Field(default_factory=list)
    who_can_help: list[EasyReadPoint] = Field(default_factory=list)
    hard_words: list[EasyReadWord] = Field(
        default_factory=list,
        description="Hard words explained. Without it, the glossary's child wording is used.",
    )


AudienceId = Literal["professional", "general", "public", "children", "easy-read"]
MetricName = Literal[
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "average_sentence_words",
    "longest_sentence_words",
    "uncommon_word_share",
]


class TargetOverride(_Model):
    metric: MetricName
    min: float | None = None
    max: float | None = None
    severity: Literal["error", "warning", "suggestion"] | None = None


class SentenceLimitsOverride(_Model):
    hard: Annotated[int, Field(gt=0)]
    very_hard: Annotated[int, Field(gt=0)]


class AudienceOverride(_Model):
    """This review's changes to one audience's reading targets (say why in a comment)."""

    targets: list[TargetOverride] = Field(default_factory=list)
    sentences: SentenceLimitsOverride | None = None
    acronyms: Literal["define", "forbid", "allow"] | None = None
    contractions: Literal["allow", "forbid"] | None = None
    numbers: Literal["digits", "any"] | None = None


class Waiver(_Model):
    """A deliberate exception to the identity check, with its reason (shown in the report)."""

    text: NonEmpty = Field(description="Exactly what may be published, e.g. a reviewer's name.")
    reason: NonEmpty = Field(description="Why it may be published.")


class Record(_Model):
    """One child safeguarding case review."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        title="summarygen case review record",
    )

    _origin: Any = PrivateAttr(default=None)
    """Where the record was read from (a :class:`.provenance.RecordOrigin`), if from a file."""

    fiction: bool = Field(
        False, description="True for made-up sample records; printed on every page."
    )
    review: Review
    subjects: list[Subject] = Field(min_length=1)
    family: list[FamilyMember] = Field(default_factory=list)
    foreword: Text | None = None
    introduction: Text | None = Field(None, description="Why the review was held.")
    terms_of_reference: list[Text] = Field(default_factory=list)
    methodology: MethodologyText | None = None
    agencies: list[Agency] = Field(default_factory=list)
    background: Text | None = None
    episodes: list[Episode] = Field(default_factory=list)
    perspectives: Perspectives | None = None
    findings: list[Finding] = Field(default_factory=list)
    good_practice: list[Text] = Field(default_factory=list)
    conclusion: Text | None = None
    recommendations: list[Recommendation] = Field(default_factory=list)
    board_response: Text | None = None
    actions: list[Action] = Field(default_factory=list)
    action_plan_updates: list[PlanUpdate] = Field(
        default_factory=list,
        description="Dated updates of the action plan after publication, oldest first; they "
        "make the progress report.",
    )
    agency_responses: list[AgencyResponse] = Field(
        default_factory=list,
        description="Each agency's written response to the recommendations addressed to it.",
    )
    comms: Comms | None = None
    briefing: Briefing | None = None
    easy_read: EasyRead | None = None
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    keywords: list[NonEmpty] = Field(default_factory=list)
    waivers: list[Waiver] = Field(
        default_factory=list,
        description="Things the identity check would stop that may be published, each with why.",
    )
    readability: dict[AudienceId, AudienceOverride] = Field(
        default_factory=dict,
        description="Change an audience's reading targets for this review only.",
    )
    notes: list[NonEmpty] = Field(
        default_factory=list,
        description="Notes for the authors (e.g. what `summarygen import` could not place); "
        "never put into any document.",
    )
