"""The constitution itself: its composition, what a citation says, how two profiles differ,
whether a profile file is valid."""

from __future__ import annotations

from typing import Any

from respublika.app.profiles import ProfileRequest, open_profile
from respublika.errors import ProfileError
from respublika.profile import Profile
from respublika.profile.diff import diff as profile_diff
from respublika.profile.query import cite as cite_query
from respublika.profile.query import composition


def show(profile: Profile) -> dict[str, Any]:
    """The whole state: institutions by branch, units, elections, thresholds, durations."""
    return composition(profile)


def cite(profile: Profile, cite_id: str) -> dict[str, Any]:
    """A sentence, article or assumption, and every profile entry that implements it."""
    return cite_query(profile, cite_id)


def diff(a: ProfileRequest, b: ProfileRequest, *, texts: bool = False, files: bool = True) -> dict[str, Any]:
    """Every rule that differs between two profiles, with the citations on both sides."""
    rows = profile_diff(open_profile(a, files=files), open_profile(b, files=files), texts=texts)
    return {"a": a.describe(), "b": b.describe(), "rows": rows}


def check(request: ProfileRequest) -> dict[str, Any]:
    """``{"valid": true, "profile": id}`` or ``{"valid": false, "problems": [...]}``."""
    try:
        loaded = open_profile(request)
    except ProfileError as exc:
        return {"valid": False, "source": request.describe(), "problems": list(exc.problems)}
    return {"valid": True, "source": request.describe(), "profile": loaded.id, "version": loaded.version}

