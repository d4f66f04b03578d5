"""The bottom layer of errors every package raises.

Adapters map them: the CLI prints the message and exits with code 2, the web API answers
HTTP 422. Nothing here imports any other module of the package.
"""

from __future__ import annotations


class RespublikaError(Exception):
    """Base class: a problem the user can fix, with a message that names it.

    ``Cls.of("the world {name!r} is busy", name=w)`` raises with a message *template* and its
    parameters kept beside the English text, so the rendering layer can say it in another
    language (``render.errors.error_text``): the template is the catalogue's msgid.
    """

    template: str | None = None
    params: dict[str, object] | None = None

    @classmethod
    def of(cls, template: str, /, **params: object) -> RespublikaError:
        exc = cls(template.format(**params))
        exc.template = template
        exc.params = dict(params)
        return exc


class InputError(RespublikaError, ValueError):
    """Bad input: malformed numbers, unknown names, values out of range."""


class ProfileError(InputError):
    """A profile that does not load or does not validate. ``problems`` lists each one."""

    def __init__(self, problems: list[str] | str, source: str | None = None) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.source = source
        head = f"profile {source!r} is invalid" if source else "invalid profile"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class ProcedureError(InputError):
    """An act the procedure refuses (illegal in the current state, bad votes, ...)."""


class ConflictError(InputError):
    """A write that expected the log to end at one event found another writer's events
    there; nothing was written."""


class StoreError(InputError):
    """The database cannot be used as asked: a bad URL, a missing folder, a read-only or
    foreign file, a server that does not answer. Nothing was written."""


class BusyError(RespublikaError):
    """The database stayed locked by other writers past the store's bounded wait; nothing
    was written. Try again (the CLI exits 2, the web answers HTTP 503)."""


class OwnedError(ConflictError):
    """A world that a running simulation writes refuses other writers; nothing was written."""
