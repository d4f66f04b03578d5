"""The seed profile with every id renamed: ``renamed.json`` beside this file is made by it.

Institutions, seat kinds, elections, thresholds, durations, acts, kinds of matter, states,
act parameters and games get other names (their labels follow) (``lower``, ``upper``, ``head_of_state``, ...);
every reference follows. Prose, citations, units and the schema's own words (``kind``,
``filled_by``, ``type``, ...) stay. A profile that runs only because some code knows the
seed's ids fails with this one.

    python tests/profiles/renamed.py      # rewrite renamed.json from the shipped seed
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
FILE = HERE / "renamed.json"

NAMES = {
    # institutions
    "president": "head_of_state", "government": "cabinet", "prime_minister": "premier",
    "ministries": "departments", "parliament": "legislature", "senate": "upper", "mazhilis": "lower",
    "constitutional_council": "review_council", "supreme_court": "high_court", "assembly": "peoples_assembly",
    "maslikhat": "regional_council", "city_maslikhat": "city_council", "akim": "governor",
    # seat kinds
    "elected": "chosen", "appointed": "named", "party_lists": "lists", "delegates_in_mazhilis": "delegates",
    "other_members": "members",
    # elections
    "assembly_delegates": "delegate_vote",
    # thresholds
    "majority": "simple", "two_thirds": "supermajority", "three_quarters": "large_majority",
    "referendum_turnout": "turnout_quorum", "referendum_yes": "yes_share", "referendum_units": "unit_share",
    # durations
    "senate_review": "upper_review", "president_review": "head_review", "override_window": "reconsider_window",
    "delegation_max": "delegation_limit", "president_term": "head_term",
    "no_dissolution_before_term_end": "term_end_shield", "dissolution_interval": "dissolution_gap",
    "early_elections": "snap_elections",
    # acts
    "introduce": "table_bill", "government_opinion": "cabinet_view", "vote": "ballot", "sign": "promulgate",
    "veto": "send_back", "nominate_pm": "propose_premier", "propose_amendment": "move_revision",
    "call_referendum": "order_poll", "referendum_vote": "popular_vote", "request_delegation": "ask_powers",
    "decree": "ordinance", "security_decision": "defence_order", "declare_crisis": "proclaim_emergency",
    "end_crisis": "lift_emergency", "dissolve": "disband", "convene": "reassemble",
    # kinds of matter
    "bill": "draft_law", "pm_nomination": "premier_nomination", "amendment": "revision",
    "delegation": "mandate",
    # states
    "awaiting_government": "awaiting_cabinet", "in_mazhilis": "in_lower", "in_senate": "in_upper",
    "mazhilis_second_reading": "lower_second_reading", "with_president": "with_head", "vetoed": "sent_back",
    "law": "enacted", "failed": "lost", "nominated": "premier_proposed", "refused": "declined",
    "proposed": "moved", "in_referendum": "at_poll", "adopted": "carried", "rejected": "defeated",
    "requested": "asked", "delegated": "granted", "expired": "lapsed", "decided": "ordered",
    # act parameters
    "initiator": "sponsor", "budget_impact": "costs_money", "approve": "agree", "candidate": "nominee",
    "title": "heading",
    # games
    "lawmaking": "law_game",
}
"""Old id -> new id. One name may be an id of several kinds (``president``: an office and
its election); each is renamed the same way, so references stay consistent."""

WORDS = {"name", "name_de", "description", "question", "reason", "message", "summary", "text_de", "text_en",
         "asks", "url", "responsibilities", "cites", "articles", "aliases", "form", "kind", "filled_by", "type",
         "units", "of", "threshold_base", "majority_base", "runoff", "ties", "method", "role", "command",
         "origin", "branch", "level", "per_unit", "event", "languages", "source", "duration", "at_var", "var",
         "start"}
"""Fields whose values are prose, citations or the schema's own words: never renamed."""

ID_TABLES = {"institutions", "seats", "elections", "thresholds", "durations", "acts", "matters", "states",
             "params", "games", "set", "when"}
"""Tables whose keys are ids (renamed); the keys of other tables are field names."""

KEEP = {"sources", "state", "units"}
"""Top-level tables kept as they are (citations, the state, the territory)."""


def _name(text: str) -> str:
    if text in NAMES:
        return NAMES[text]
    if "." in text:  # a dotted path (an assumption's switch)
        return ".".join(NAMES.get(part, part) for part in text.split("."))
    return text


def rename(node: Any, field: str = "", inside: str = "") -> Any:
    """``node`` with its ids renamed; ``field`` is the key it stands under."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            new_key = _name(key) if field in ID_TABLES else key
            if field == "exists" or key == "set" or key not in WORDS:
                out[new_key] = rename(value, key)
            else:
                out[new_key] = value
        return out
    if isinstance(node, list):
        return [rename(item, field) for item in node]
    if isinstance(node, str):
        return _name(node)
    return node


def _assumptions(table: dict[str, Any]) -> dict[str, Any]:
    """Assumptions keep their prose; their switches (``set``) name the renamed paths."""
    out = {}
    for aid, assumption in table.items():
        alternatives = [{**alt, "set": {_name(k): rename(v, "set") for k, v in alt.get("set", {}).items()}}
                        for alt in assumption.get("alternatives", [])]
        out[aid] = {**assumption, "alternatives": alternatives} if alternatives else dict(assumption)
    return out


def _labels(table: dict[str, Any]) -> dict[str, Any]:
    """Labels keep their words; the ids they label are renamed."""
    return {lang: {kind: {_name(ident): text for ident, text in words.items()} for kind, words in kinds.items()}
            for lang, kinds in table.items()}


def renamed_profile() -> dict[str, Any]:
    from respublika.profile import load_raw

    data = load_raw("seed")
    out = {k: (v if k in KEEP else _assumptions(v) if k == "assumptions" else _labels(v) if k == "labels"
               else rename(v, k))
           for k, v in data.items() if k not in ("id", "title", "description")}
    out["id"] = "renamed"
    out["title"] = "The seed profile with every id renamed (a test profile)"
    out["description"] = "Generated by tests/profiles/renamed.py: proves that no code knows the seed's ids."
    return out


def text() -> str:
    return json.dumps(renamed_profile(), ensure_ascii=False, indent=1, default=str) + "\n"


if __name__ == "__main__":
    FILE.write_text(text(), encoding="utf-8")
    sys.stdout.write(f"wrote {FILE}\n")
