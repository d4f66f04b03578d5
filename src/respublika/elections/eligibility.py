"""Term limits: whether a candidate may be elected to an office again (generic, no I/O).

The office's limit comes from the profile (``Institution.term_limit``); the terms each
candidate has served (in a row, where the limit counts consecutive terms) from the caller.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from respublika.errors import InputError
from respublika.profile.schema import TermLimit


def eligibility(limit: TermLimit | None, served: Mapping[str, int], exempt: set[str] | None = None) -> dict[str, Any]:
    """``{candidate: {"eligible", "served", "limit", "reason"}}`` for each candidate in ``served``.

    ``exempt``: candidates the caller says hold an exempt status (one of ``limit.exempt``)."""
    out: dict[str, Any] = {}
    for name, n in served.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise InputError(f"terms served by {name!r}: a whole number at least 0, got {n!r}")
        if limit is None:
            out[name] = {"eligible": True, "served": n, "limit": None, "reason": "no term limit"}
            continue
        words = "in a row" if limit.consecutive else "in all"
        if name in (exempt or set()) and limit.exempt:
            out[name] = {"eligible": True, "served": n, "limit": limit.terms,
                         "reason": f"exempt from the limit of {limit.terms} {words}", "cites": list(limit.cites)}
            continue
        ok = n < limit.terms
        out[name] = {"eligible": ok, "served": n, "limit": limit.terms, "cites": list(limit.cites),
                     "reason": (f"{n} of at most {limit.terms} terms {words}" if ok
                                else f"has served {n} terms {words}; at most {limit.terms} allowed")}
    return out
