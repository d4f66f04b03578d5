"""Errors in the reader's language.

An error raised with ``RespublikaError.of(template, **params)`` keeps its English template;
here the template is looked up in the catalogue and filled in. Parameters that name ids are
shown by their labels when the error carries its profile (or one is given): ``act``,
``state`` (with ``kind``), ``rule``, ``param`` (with ``act``), ``chamber``. A refusal of the
procedure (``exc.refusal``: the act, the state, the parameters looked at, what is legal
instead) is said whole in the language. Any other error shows its English message.
"""

from __future__ import annotations

from typing import Any

from respublika.errors import RespublikaError
from respublika.i18n import translator
from respublika.profile.schema import Profile


def error_text(exc: BaseException, lang: str = "en", profile: Profile | None = None) -> str:
    """The message of ``exc`` in ``lang`` (English when no translation is known)."""
    profile = profile or getattr(exc, "profile", None)
    refusal = getattr(exc, "refusal", None)
    if isinstance(refusal, dict) and isinstance(profile, Profile):
        try:
            return refusal_text(profile, refusal, lang)
        except (KeyError, IndexError, ValueError, TypeError):
            return str(exc)
    if isinstance(exc, RespublikaError) and exc.template is not None:
        translated = translator(lang)(exc.template)
        params = dict(exc.params or {})
        if isinstance(profile, Profile) and (lang != "en" or translated != exc.template):
            params = _labelled(profile, params, lang)
        try:
            return translated.format(**params)
        except (KeyError, IndexError, ValueError):
            return str(exc)
    return str(exc)


def _labelled(profile: Profile, params: dict[str, Any], lang: str) -> dict[str, Any]:
    from respublika.render.labels import (
        act_label,
        institution_label,
        param_label,
        rule_label,
        state_label,
    )

    out = dict(params)
    if isinstance(params.get("message"), str):  # a guard's message, from the profile: through the catalogue
        out["message"] = translator(lang)(params["message"])
    if isinstance(params.get("state"), str):
        out["state"] = state_label(profile, params.get("kind"), params["state"], lang)
    if isinstance(params.get("rule"), str):
        out["rule"] = rule_label(profile, params["rule"], lang)
    if isinstance(params.get("param"), str):
        out["param"] = param_label(profile, params.get("act"), params["param"], lang)
    if isinstance(params.get("chamber"), str) and params["chamber"] in profile.institutions:
        out["chamber"] = institution_label(profile, params["chamber"], lang)
    if isinstance(params.get("act"), str):
        act, _, matter = params["act"].partition(" on ")  # "vote on B1": the act, on a matter
        out["act"] = act_label(profile, act, lang) + (f" ({matter})" if matter else "")
    return out


def refusal_text(profile: Profile, refusal: dict[str, Any], lang: str = "en") -> str:
    """``no rule allows vote on B1 in state in the Mazhilis with chamber: the Senate; legal now:
    vote (chamber: the Mazhilis) [S22, A1]``, in ``lang``, every id by its label."""
    from respublika.render.explanation import legal_line, phrase
    from respublika.render.labels import act_label, param_label, state_label, value_label, var_label

    act = act_label(profile, refusal["act"], lang)
    if refusal["matter"] is None:
        text = phrase("no rule allows {act}", lang, act=act)
        if refusal.get("creating"):
            text += " " + phrase("(creating {matter})", lang, matter=refusal["creating"])
    else:
        text = phrase("no rule allows {act} on {matter} in state {state}", lang, act=act, matter=refusal["matter"],
                      state=state_label(profile, refusal["kind"], refusal["state"], lang))
    given = refusal.get("given") or {}
    if given:
        text += " " + phrase("with {what}", lang, what="; ".join(
            f"{param_label(profile, refusal['act'], k, lang)}: {value_label(profile, v, lang)}"
            for k, v in given.items()))
    if refusal.get("missing"):
        text += " " + phrase("without {what}", lang, what=", ".join(
            param_label(profile, refusal["act"], k, lang) for k in refusal["missing"]))
    if refusal.get("vars"):
        text += " (" + "; ".join(f"{var_label(profile, k, lang)}: {value_label(profile, v, lang)}"
                                 for k, v in refusal["vars"].items()) + ")"
    legal = refusal.get("legal") or []
    if legal:
        return text + "; " + phrase("legal now: {acts}", lang, acts=", ".join(legal_line(profile, a, lang) for a in legal))
    return text + "; " + phrase("no act is legal on it now", lang)
