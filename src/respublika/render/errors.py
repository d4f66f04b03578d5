"""Errors in the reader's language.

An error raised with ``RespublikaError.of(template, **params)`` keeps its English template;
here the template is looked up in the catalogue and filled in. Any other error shows its
English message.
"""

from __future__ import annotations

from respublika.errors import RespublikaError
from respublika.i18n import translator


def error_text(exc: BaseException, lang: str = "en") -> str:
    """The message of ``exc`` in ``lang`` (English when no translation is known)."""
    if isinstance(exc, RespublikaError) and exc.template is not None:
        translated = translator(lang)(exc.template)
        try:
            return translated.format(**(exc.params or {}))
        except (KeyError, IndexError, ValueError):
            return str(exc)
    return str(exc)
