"""The compiled build is used only while it was built from the sources as they are now
(``respublika._accel.status``): an edited source turns it off, a file touched but unchanged
does not, ``RESPUBLIKA_PURE`` always does."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from respublika import _accel


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in package with two sources and a build folder stamped for them."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "a.py").write_text("x = 1\n")
    (pkg / "sub" / "b.py").write_text("y = 2\n")
    build = tmp_path / "build"
    build.mkdir()
    monkeypatch.setattr(_accel, "PACKAGE", pkg)
    monkeypatch.setattr(_accel, "build_dir", lambda: build)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delenv("RESPUBLIKA_PURE", raising=False)
    stamp = {"modules": list(_accel.MODULES), "sources": _accel.source_digest(), "stats": _accel.source_stats()}
    (build / "stamp.json").write_text(json.dumps(stamp))
    _accel.status.cache_clear()
    yield pkg
    _accel.status.cache_clear()


def used() -> bool:
    _accel.status.cache_clear()
    return _accel.status()[0]


def test_a_current_build_is_used(package: Path) -> None:
    assert used()
    assert _accel.status()[1].startswith("compiled")


def test_an_edited_source_turns_the_build_off(package: Path) -> None:
    (package / "sub" / "b.py").write_text("y = 3\n")
    assert not used()
    assert "older than the sources" in _accel.status()[1]


def test_a_new_source_turns_the_build_off(package: Path) -> None:
    (package / "c.py").write_text("z = 1\n")
    assert not used()


def test_a_source_touched_but_unchanged_keeps_it(package: Path) -> None:
    path = package / "a.py"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert _accel.source_stats() != json.loads((_accel.build_dir() / "stamp.json").read_text())["stats"]
    assert used()  # the content digest still matches


def test_restoring_the_source_brings_it_back(package: Path) -> None:
    path = package / "a.py"
    path.write_text("x = 2\n")
    assert not used()
    path.write_text("x = 1\n")
    assert used()


def test_a_build_of_other_modules_is_not_used(package: Path) -> None:
    stamp = _accel.build_dir() / "stamp.json"
    data = json.loads(stamp.read_text())
    data["modules"] = data["modules"][:-1]
    stamp.write_text(json.dumps(data))
    assert not used()


def test_no_build_or_an_unreadable_stamp_means_pure_python(package: Path) -> None:
    stamp = _accel.build_dir() / "stamp.json"
    stamp.write_text("{not json")
    assert not used()
    assert "unreadable" in _accel.status()[1]
    stamp.unlink()
    assert not used()
    assert "no compiled build" in _accel.status()[1]


def test_respublika_pure_turns_it_off(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESPUBLIKA_PURE", "1")
    assert not used()
    assert "RESPUBLIKA_PURE" in _accel.status()[1]
