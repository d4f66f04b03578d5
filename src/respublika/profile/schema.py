"""The profile schema: a constitution as declarative, cited data (pydantic v2 models).

Every entry that states a rule carries ``cites``: sentence IDs of the specification
(``S01``..``S27``), assumption IDs (``A1``..), or, in real-constitution profiles, articles.
The models check structure only; :mod:`respublika.profile.validate` checks arithmetic and
cross-references and reports every problem at once.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, field_validator

from respublika.exact import format_fraction, parse_fraction


def _to_fraction(value: object) -> Fraction:
    return parse_fraction(value, what="fraction")


ExactFraction = Annotated[
    Fraction,
    BeforeValidator(_to_fraction),
    PlainSerializer(format_fraction, return_type=str),
]
Cites = Annotated[list[str], Field(min_length=1)]
Text = dict[str, str]
"""Plain-language text by language code, e.g. ``{"en": "...", "de": "..."}``."""

Branch = Literal["executive", "legislative", "judicial"]
"""The three powers of a separation of powers; every institution belongs to exactly one."""
Level = Literal["national", "regional", "local"]
"""Where an institution acts: the whole state, one region (or city of its rank), or below."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A citable text: a sentence of the specification, or an article of a constitution.

    ``shown_by`` names files of the repository (scenario files, tests) that show how the
    profile implements it; they are documentation pointers, checked by the test suite.
    """

    kind: Literal["sentence", "article"] = "sentence"
    text_de: str = ""
    text_en: str = ""
    asks: str = ""
    url: str = ""
    text_ru: str = Field(default="", description="the article's wording in the official Russian text, where read")
    url_ru: str = Field(default="", description="the official Russian text of the article, where found")
    url_kk: str = Field(default="", description="the official Kazakh text of the article, where found")
    shown_by: list[str] = Field(default_factory=list)


class Alternative(Strict):
    """Another choice for an assumption, with the overrides that switch to it."""

    id: str
    description: str
    set: dict[str, Any] = Field(default_factory=dict)
    shown_by: list[str] = Field(default_factory=list, description="files that show the alternative at work")


class AssumptionWords(Strict):
    """An assumption's texts in another language (each one left out stays the English)."""

    question: str = ""
    default: str = ""
    reason: str = ""
    note: str = ""
    alternatives: dict[str, str] = Field(default_factory=dict, description="alternative id -> its description")


class Assumption(Strict):
    """A gap in the text, filled explicitly: the default, why, and how to switch it.

    ``interprets`` names the sources whose reading the assumption chooses (the text says
    something, but not enough to decide: "all legislative powers"); an assumption that
    only fills a silence leaves it empty. ``note`` is a remark that is neither the default
    nor its reason (where the real constitution says otherwise, for instance).
    """

    question: str
    default: str
    reason: str
    articles: list[str] = Field(default_factory=list)
    alternatives: list[Alternative] = Field(default_factory=list)
    origin: Literal["specification", "project", "unverified", "unknown"] = "specification"
    interprets: list[str] = Field(default_factory=list)
    note: str = ""
    shown_by: list[str] = Field(default_factory=list, description="files that show the default at work")
    words: dict[str, AssumptionWords] = Field(default_factory=dict,
                                              description="question, default, reason and note per language")


class StateInfo(Strict):
    name: str
    name_de: str = ""
    form: str
    attributes: list[str] = Field(default_factory=list, description="what the text calls the state: secular, ...")
    independence: date
    constitution: date
    cites: Cites


class Unit(Strict):
    """A territorial unit: a region (oblast) or a city of republican significance."""

    name: str
    name_de: str = ""
    kind: Literal["region", "city"]
    cites: Cites


FilledBy = Literal["direct_pr", "direct", "indirect_unit", "assembly", "appointment", "membership"]


MAX_BODY_SIZE = 10_000
"""The most members (seats) of any body, seat kind or election in a profile (the largest
legislature, China's National People's Congress, has under 3,000): a profile asking for more is
refused when it loads, before any election or power index is computed (docs/profile.md)."""


class SeatRule(Strict):
    """One way seats of a body are filled: a fixed count, or so many per territorial unit."""

    filled_by: FilledBy
    count: int | None = Field(default=None, ge=0, le=MAX_BODY_SIZE)
    per_unit: int | None = Field(default=None, ge=1, le=MAX_BODY_SIZE)
    units: Literal["all", "regions", "cities"] | None = None
    by: str = Field(description="who fills them: 'people', or an institution id")
    electors: str | None = Field(default=None, description="institution whose members vote")
    election: str | None = Field(default=None, description="key in [elections]")
    classes: int = Field(default=1, ge=1)
    term_years: int | None = Field(default=None, ge=1)
    renewal_years: int | None = Field(default=None, ge=1)
    cites: Cites


class TermLimit(Strict):
    """How often one person may hold an office: at most ``terms`` terms (in a row, if
    ``consecutive``); ``exempt`` names holders to whom the limit does not apply."""

    terms: int = Field(ge=1)
    consecutive: bool = False
    exempt: list[str] = Field(default_factory=list)
    cites: Cites


class Succession(Strict):
    """Who holds an office when it falls vacant before its term ends (resignation, removal,
    death): the holder of ``office`` in institution ``by`` (``office`` empty: the holder of
    ``by`` itself, a one-person office), for the rest of the term (``until = "end_of_term"``)
    or until the next election (``"election"``). A procedure rule's ``vacate`` effect makes
    the office vacant and records who acts for it."""

    by: str
    office: str = ""
    until: Literal["end_of_term", "election"] = "end_of_term"
    description: Text = Field(default_factory=dict)
    cites: Cites


class Institution(Strict):
    name: str
    name_de: str = ""
    aliases: list[str] = Field(default_factory=list)
    branch: Branch
    level: Level = "national"
    description: Text = Field(default_factory=dict)
    kind: Literal[
        "head_of_state", "government", "ministries", "parliament", "chamber", "court",
        "council", "assembly", "local_body", "local_executive", "office",
    ]
    part_of: str | None = None
    size: int | None = Field(default=None, ge=1, le=MAX_BODY_SIZE)
    seats: dict[str, SeatRule] = Field(default_factory=dict)
    per_unit: Literal["all", "regions", "cities"] | None = None
    term_years: int | None = Field(default=None, ge=1)
    elected_by: str | None = None
    election: str | None = None
    appointed_by: str | None = None
    supervised_by: str | None = None
    ethnic_groups: int | None = Field(default=None, ge=1)
    term_limit: TermLimit | None = None
    succession: Succession | None = None
    first_sitting: date | None = Field(
        default=None, description="a chamber created by this version first sits on this date (its election); no vote before")
    responsibilities: list[str] = Field(default_factory=list)
    cites: Cites


class ThresholdRule(Strict):
    """A share of a base: ``share`` of ``of``; ``strict`` means "more than", else "at least"."""

    share: ExactFraction
    strict: bool = False
    of: Literal["total_membership", "members_voting", "votes_cast"] = "total_membership"
    description: Text = Field(default_factory=dict)
    cites: Cites


class DurationRule(Strict):
    """A calendar duration in ISO 8601 form: ``P60D``, ``P1M``, ``P1Y``, ``P6M``."""

    duration: str
    description: Text = Field(default_factory=dict)
    cites: Cites


class ElectionRule(Strict):
    """How one kind of election decides: the parameters its engine reads."""

    kind: Literal["party_list_pr", "majority_runoff", "body_vote", "appointment"]
    seats: int | None = Field(default=None, ge=1, le=MAX_BODY_SIZE)
    seats_per_body: int | None = Field(default=None, ge=1, le=MAX_BODY_SIZE)
    method: str | None = Field(default=None, description="a seat method's registered name; checked against the registry")
    threshold: ExactFraction | None = None
    threshold_inclusive: bool = True
    threshold_base: Literal["party_list_votes", "party_list_and_against_all"] = "party_list_votes"
    runner_up_admitted: bool = False
    runner_up_factor: ExactFraction | None = Field(
        default=None, description="the runner-up's correction index: its seats are floor(factor x votes / quota)")
    runner_up_min_seats: int | None = Field(default=None, ge=0, description="the least seats of an admitted runner-up")

    @field_validator("runner_up_factor")
    @classmethod
    def _factor_in_range(cls, value: Fraction | None) -> Fraction | None:
        if value is not None and not 0 < value <= 1:
            raise ValueError(f"runner_up_factor must be above 0 and at most 1, got {value}")
        return value
    first_divisor: ExactFraction | None = Field(
        default=None, description="a divisor method's first divisor, e.g. 1.4 (modified Sainte-Laguë)")
    quota_rounding: Literal["exact", "floor", "round", "ceil"] | None = Field(
        default=None, description="how a largest-remainder quota is rounded (default: exact)")
    threshold_votes: int | None = Field(default=None, ge=1, description="an absolute minimum of votes")
    alliance_threshold: ExactFraction | None = Field(
        default=None, description="the share an alliance of parties needs instead of `threshold`")
    qualifying_district_seats: int | None = Field(
        default=None, ge=1, description="a list that won this many district seats is admitted whatever its votes")
    ties: Literal["order", "lot"] = "order"
    majority: ExactFraction | None = None
    majority_base: Literal["valid_including_against_all", "all_ballots_cast", "electors"] | None = None
    runoff: Literal["top_two", "none"] = "top_two"
    electors: str | None = None
    cycle_years: int | None = Field(default=None, ge=1)
    cites: Cites


# --------------------------------------------------------------------------- procedure


class ParamSpec(Strict):
    """A parameter an act takes, e.g. ``initiator`` or ``budget_impact``."""

    type: Literal["choice", "bool", "str", "date", "int", "counts", "table"]
    choices: list[str] = Field(default_factory=list)
    required: bool = False
    default: Any = None
    role: str | None = Field(default=None, description="what the parameter means in the engine's generic words")
    default_after: str | None = Field(default=None, description="a duration key: date + it")
    max_after: str | None = Field(default=None, description="a duration key: at most date + it")
    description: Text = Field(default_factory=dict)


class ActSpec(Strict):
    """An act of the vocabulary: who performs it, what it takes, what it means.

    ``role`` says in the engine's generic words what the act does (``introduce``, ``sign``,
    ``veto``, ``declare`` ...), so that the simulation and the application find a profile's
    acts whatever it names them. ``command`` is the act's name on the command line (words
    separated by spaces, e.g. ``"new"`` or ``"crisis declare"``; default: the id with ``-``).
    """

    actor: str
    role: str | None = None
    command: str | None = None
    params: dict[str, ParamSpec] = Field(default_factory=dict)
    description: Text = Field(default_factory=dict)
    cites: Cites


class Deadline(Strict):
    """A clock that starts when a matter enters a state and fires when the time is up."""

    after: str | None = Field(default=None, description="a duration key")
    at_var: str | None = Field(default=None, description="a matter variable holding the date")
    to: str
    set: dict[str, Any] = Field(default_factory=dict)
    event: str = "deadline"
    description: Text = Field(default_factory=dict)
    cites: Cites


class StateSpec(Strict):
    final: bool = False
    description: Text = Field(default_factory=dict)
    deadline: Deadline | None = None
    cites: Cites


class VoteSpec(Strict):
    """A vote: each named body must meet the threshold (joint session: every chamber)."""

    chambers: list[str] = Field(min_length=1)
    threshold: str
    kind: Literal["division", "referendum"] = "division"
    unit_threshold: str | None = None
    units_share: str | None = None


class Outcome(Strict):
    """What a vote's result does: the first enabled outcome whose ``when`` holds applies.

    ``effects`` are applied with the rule's own (``supersede`` moves other matters).
    """

    id: str | None = None
    enabled: bool = True
    when: dict[str, Any] = Field(default_factory=dict)
    to: str | None = None
    set: dict[str, Any] = Field(default_factory=dict)
    effects: dict[str, Any] = Field(default_factory=dict)
    cites: list[str] = Field(default_factory=list)


class Requirement(Strict):
    """A guard on the Republic's state or the calendar; ``message`` explains a refusal.

    Its conditions must all hold; with ``negate`` the guard holds when they do not all
    hold (``exists`` + ``negate``: no matter of that kind is in that state).
    """

    id: str | None = None
    enabled: bool = True
    negate: bool = False
    republic: dict[str, Any] = Field(default_factory=dict)
    exists: dict[str, str] = Field(default_factory=dict)
    before_end_of: dict[str, str] = Field(default_factory=dict)
    after_since: dict[str, str] = Field(default_factory=dict)
    chambers_sitting: list[str] = Field(default_factory=list)
    message: str
    cites: Cites


class Rule(Strict):
    """A transition: ``act`` in state ``from_`` (``new`` creates the matter), if ``when`` holds."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str
    enabled: bool = True
    act: str
    from_: list[str] = Field(alias="from")
    when: dict[str, Any] = Field(default_factory=dict)
    require: list[Requirement] = Field(default_factory=list)
    to: str | None = None
    set: dict[str, Any] = Field(default_factory=dict)
    vote: VoteSpec | None = None
    passed: list[Outcome] = Field(default_factory=list)
    rejected: list[Outcome] = Field(default_factory=list)
    creates: str | None = Field(default=None, description="for republic rules: a matter kind")
    effects: dict[str, Any] = Field(default_factory=dict)
    description: Text = Field(default_factory=dict)
    cites: Cites


class MatterKind(Strict):
    name: Text
    vars: dict[str, Any] = Field(default_factory=dict)
    states: dict[str, StateSpec]
    rules: list[Rule]
    cites: Cites


class RepublicSpec(Strict):
    """State of the Republic itself (crisis, dissolution) and the acts on it."""

    vars: dict[str, Any] = Field(default_factory=dict)
    rules: list[Rule] = Field(default_factory=list)
    cites: Cites


class Procedure(Strict):
    acts: dict[str, ActSpec]
    matters: dict[str, MatterKind]
    republic: RepublicSpec


class GamePath(Strict):
    """One way a matter succeeds: the votes (rule ids) that must pass and the assents needed."""

    id: str
    votes: list[str] = Field(min_length=1)
    assent: list[str] = Field(default_factory=list)
    description: Text = Field(default_factory=dict)
    cites: Cites


class GameSpec(Strict):
    """A voting game declared over the procedure: a matter succeeds along any of its paths."""

    matter: str
    description: Text = Field(default_factory=dict)
    paths: list[GamePath] = Field(min_length=1)
    cites: Cites


class Labels(Strict):
    """A profile's words for its ids in one language: ``[labels.<lang>.<kind>]`` maps an id to
    a short label (``party_lists = "party lists"``). ``states`` and ``params`` may also be keyed
    ``<matter kind>.<state>`` / ``<act>.<param>`` where one id means different things."""

    institutions: dict[str, str] = Field(default_factory=dict)
    seats: dict[str, str] = Field(default_factory=dict, description="seat kinds: the keys of an institution's seats")
    elections: dict[str, str] = Field(default_factory=dict)
    thresholds: dict[str, str] = Field(default_factory=dict)
    durations: dict[str, str] = Field(default_factory=dict)
    acts: dict[str, str] = Field(default_factory=dict)
    params: dict[str, str] = Field(default_factory=dict)
    values: dict[str, str] = Field(default_factory=dict, description="the choices of choice parameters")
    matters: dict[str, str] = Field(default_factory=dict)
    states: dict[str, str] = Field(default_factory=dict)
    vars: dict[str, str] = Field(default_factory=dict, description="matter and Republic variables")
    events: dict[str, str] = Field(default_factory=dict, description="deadline events")
    rules: dict[str, str] = Field(default_factory=dict)
    outcomes: dict[str, str] = Field(default_factory=dict)
    games: dict[str, str] = Field(default_factory=dict)
    paths: dict[str, str] = Field(default_factory=dict)
    indices: dict[str, str] = Field(default_factory=dict, description="power indices (the catalogue has defaults)")
    units: dict[str, str] = Field(default_factory=dict)


class VersionInfo(Strict):
    """One dated version of a constitution: when it took effect, by which act, from where."""

    id: str
    effective: date
    act: str
    adopted: date | None = None
    source: str = ""
    summary: str = ""
    cites: list[str] = Field(default_factory=list)


class Profile(Strict):
    """A whole constitution: state, territory, institutions, elections, numbers, procedure.

    A dated profile (one with ``[[versions]]`` in its file) resolves to the version in force
    on ``as_of``; ``versions`` then lists every version's metadata and ``version`` names the
    one in force.
    """

    id: str
    title: str
    description: str = ""
    extends: str | None = None
    languages: list[str] = Field(default_factory=lambda: ["en", "de"])
    state: StateInfo
    sources: dict[str, Source]
    assumptions: dict[str, Assumption]
    units: dict[str, Unit]
    institutions: dict[str, Institution]
    elections: dict[str, ElectionRule]
    thresholds: dict[str, ThresholdRule]
    durations: dict[str, DurationRule]
    procedure: Procedure
    games: dict[str, GameSpec] = Field(default_factory=dict)
    labels: dict[Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$")], Labels] = Field(
        default_factory=dict, description="[labels.<lang>.<kind>]: a short label for every id a person sees")
    versions: list[VersionInfo] = Field(default_factory=list)
    version: str | None = None
    as_of: date | None = None
