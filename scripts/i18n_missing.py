"""List the German catalogue's messages that a language's catalogue lacks, and count the
machine-made entries a native speaker has not reviewed yet (docs/translating.md).

    python scripts/i18n_missing.py            # ru and kk
    python scripts/i18n_missing.py ru --po    # the missing entries as .po text to fill in
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "respublika" / "i18n" / "locale"
MACHINE = "machine"


def read(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "respublika.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def key(message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def missing(lang: str, reference: str = "de") -> list[str]:
    """The reference catalogue's msgids with no (complete) translation in ``lang``."""
    have = {key(m) for m in read(lang) if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])}
    return [key(m) for m in read(reference) if m.id and key(m) not in have]


def machine_made(lang: str) -> int:
    """Entries still marked ``#. machine``."""
    return sum(1 for m in read(lang) if m.id and MACHINE in m.auto_comments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("langs", nargs="*", default=["ru", "kk"])
    parser.add_argument("--po", action="store_true", help="print the missing entries as .po text")
    args = parser.parse_args()
    for lang in args.langs:
        gaps = missing(lang)
        total = sum(1 for m in read(lang) if m.id)
        print(f"# {lang}: {len(gaps)} missing, {total} entries, {machine_made(lang)} machine-made")
        for msgid in gaps:
            if args.po:
                escaped = msgid.replace("\\", "\\\\").replace('"', '\\"')
                print(f'#. {MACHINE}\nmsgid "{escaped}"\nmsgstr ""\n')
            else:
                print(f"  {msgid}")


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):  # piped into head
        main()
