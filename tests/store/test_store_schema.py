"""The schema through migrations: new databases, databases of the previous release
(tables, no version) upgraded in place, foreign and newer schemas refused, concurrent
first opens."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, inspect, text

from respublika.errors import InputError
from respublika.procedure import Engine, Step, World
from respublika.profile import load_profile
from respublika.simulate import SimParams
from respublika.simulate.run import SimulationConfig
from respublika.store import Store, simulations
from respublika.store.db import connect, transaction
from respublika.store.schema import HEAD, MIGRATIONS, VERSION_TABLE, current, upgrade
from respublika.store.tables import metadata

from .conftest import PG_URL

D = date.fromisoformat
LAW = [
    Step(D("2010-02-01"), "introduce", "B1", {"initiator": "deputies", "title": "On libraries"}),
    Step(D("2010-03-01"), "vote", "B1", {"chamber": "mazhilis", "for": 75, "against": 30, "abstain": 2}),
    Step(D("2010-04-15"), "vote", "B1", {"chamber": "senate", "for": 33, "against": 14}),
    Step(D("2010-04-20"), "sign", "B1"),
]

# The tables as the previous release made them (SQLAlchemy's create_all, without migrations).
OLD_SQLITE = [
    """CREATE TABLE procedure_worlds (id INTEGER NOT NULL, name VARCHAR(200) NOT NULL,
       profile VARCHAR(1000) NOT NULL, overrides JSON NOT NULL, setup JSON NOT NULL,
       created_at DATETIME NOT NULL, PRIMARY KEY (id), UNIQUE (name))""",
    """CREATE TABLE procedure_events (id INTEGER NOT NULL, world_id INTEGER NOT NULL,
       seq INTEGER NOT NULL, date DATE NOT NULL, act VARCHAR(100) NOT NULL, matter VARCHAR(200),
       payload JSON NOT NULL, outcome JSON NOT NULL, created_at DATETIME NOT NULL, PRIMARY KEY (id),
       CONSTRAINT uq_procedure_events_world_seq UNIQUE (world_id, seq),
       FOREIGN KEY(world_id) REFERENCES procedure_worlds (id))""",
]
OLD_SQLITE_SIM = [
    """CREATE TABLE simulation_runs (id INTEGER NOT NULL, name VARCHAR(200) NOT NULL,
       world VARCHAR(200) NOT NULL, mode VARCHAR(10) NOT NULL, config JSON NOT NULL,
       seed BIGINT NOT NULL, years INTEGER NOT NULL, start DATE NOT NULL, state JSON,
       log_rows INTEGER NOT NULL, records INTEGER NOT NULL, finished BOOLEAN NOT NULL,
       created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL, PRIMARY KEY (id), UNIQUE (name))""",
    """CREATE TABLE simulation_records (id INTEGER NOT NULL, run_id INTEGER NOT NULL,
       seq INTEGER NOT NULL, date DATE NOT NULL, kind VARCHAR(40) NOT NULL, payload JSON NOT NULL,
       PRIMARY KEY (id), CONSTRAINT uq_simulation_records_run_seq UNIQUE (run_id, seq),
       FOREIGN KEY(run_id) REFERENCES simulation_runs (id))""",
]
OLD_PG = [
    """CREATE TABLE procedure_worlds (id SERIAL NOT NULL, name VARCHAR(200) NOT NULL,
       profile VARCHAR(1000) NOT NULL, overrides JSON NOT NULL, setup JSON NOT NULL,
       created_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (id), UNIQUE (name))""",
    """CREATE TABLE procedure_events (id SERIAL NOT NULL, world_id INTEGER NOT NULL,
       seq INTEGER NOT NULL, date DATE NOT NULL, act VARCHAR(100) NOT NULL, matter VARCHAR(200),
       payload JSON NOT NULL, outcome JSON NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,
       PRIMARY KEY (id), CONSTRAINT uq_procedure_events_world_seq UNIQUE (world_id, seq),
       FOREIGN KEY(world_id) REFERENCES procedure_worlds (id))""",
]
OLD_PG_SIM = [
    """CREATE TABLE simulation_runs (id SERIAL NOT NULL, name VARCHAR(200) NOT NULL,
       world VARCHAR(200) NOT NULL, mode VARCHAR(10) NOT NULL, config JSON NOT NULL,
       seed BIGINT NOT NULL, years INTEGER NOT NULL, start DATE NOT NULL, state JSON,
       log_rows INTEGER NOT NULL, records INTEGER NOT NULL, finished BOOLEAN NOT NULL,
       created_at TIMESTAMP WITH TIME ZONE NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
       PRIMARY KEY (id), UNIQUE (name))""",
    """CREATE TABLE simulation_records (id SERIAL NOT NULL, run_id INTEGER NOT NULL,
       seq INTEGER NOT NULL, date DATE NOT NULL, kind VARCHAR(40) NOT NULL, payload JSON NOT NULL,
       PRIMARY KEY (id), CONSTRAINT uq_simulation_records_run_seq UNIQUE (run_id, seq),
       FOREIGN KEY(run_id) REFERENCES simulation_runs (id))""",
]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_url(request, tmp_path):
    """An empty database: a new SQLite file, or a new PostgreSQL schema (dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    if not PG_URL:
        pytest.skip("RESPUBLIKA_TEST_PG_URL is not set")
    schema = f"s_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _execute(url: str, statements: list[str], params: list[dict] | None = None) -> None:
    db = create_engine(url)
    try:
        with db.begin() as conn:
            for sql in statements:
                conn.execute(text(sql))
            for p in params or []:
                conn.execute(text(p.pop("__sql")), p)
    finally:
        db.dispose()


def _old_database(url: str, with_simulation_tables: bool) -> World:
    """The previous release's tables, a world and its log written with raw SQL."""
    pg = url.startswith("postgresql")
    ddl = (OLD_PG if pg else OLD_SQLITE) + ((OLD_PG_SIM if pg else OLD_SQLITE_SIM) if with_simulation_tables else [])
    engine = Engine(load_profile("seed"))
    world = engine.initial()
    rows = []
    now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    stamp = now if pg else now.strftime("%Y-%m-%d %H:%M:%S.%f")
    for seq, step in enumerate(LAW, start=1):
        world, produced = engine.apply(world, step)
        rows.append({"__sql": "INSERT INTO procedure_events (world_id, seq, date, act, matter, payload, outcome, "
                              "created_at) VALUES (1, :seq, :date, :act, :matter, :payload, :outcome, :at)",
                     "seq": seq, "date": step.date.isoformat() if not pg else step.date, "act": step.act,
                     "matter": step.matter, "payload": json.dumps(step.to_dict()),
                     "outcome": json.dumps([e.to_dict() for e in produced]), "at": stamp})
    world_row = {"__sql": "INSERT INTO procedure_worlds (id, name, profile, overrides, setup, created_at) "
                          "VALUES (1, 'old', 'seed', '{}', '{}', :at)", "at": stamp}
    _execute(url, ddl, [world_row, *rows])
    if pg:  # the SERIAL sequence, as inserts without an id would have left it
        _execute(url, ["SELECT setval('procedure_worlds_id_seq', 1)"])
    return world


def _tables(url: str) -> set[str]:
    db = connect(url)
    try:
        with transaction(db) as conn:
            return set(inspect(conn).get_table_names())
    finally:
        db.dispose()


def test_head_is_the_newest_revision():
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD


def test_a_new_database_gets_the_schema_of_the_tables(fresh_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with Store(fresh_url) as store:
        assert current(store.db) == HEAD
        with transaction(store.db) as conn:
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            assert compare_metadata(context, metadata) == []   # the migrations make exactly tables.py
    assert _tables(fresh_url) == {t.name for t in metadata.sorted_tables} | {VERSION_TABLE}
    with Store(fresh_url) as again:                            # opening again changes nothing
        assert current(again.db) == HEAD


@pytest.mark.parametrize("with_simulation_tables", [False, True])
def test_a_database_of_the_previous_release_upgrades_in_place(fresh_url, with_simulation_tables):
    memory = _old_database(fresh_url, with_simulation_tables)
    assert VERSION_TABLE not in _tables(fresh_url)
    with Store(fresh_url) as store:
        assert current(store.db) == HEAD
        _, loaded = store.load("old")
        assert loaded == memory                                 # replays identically
        assert [s.step for s in store.steps("old")] == LAW
        assert store.check("old") == []
        world, _ = store.apply("old", Step(D("2010-05-01"), "introduce", "B2", {"initiator": "government"}))
        assert world.matters["B2"].state == "in_mazhilis"
        store.create_world("new")                               # ids continue after the old rows
        simulations.start(store, "sim", SimulationConfig("seed", {}, SimParams(rate=5), 1, 1))
        assert [r["name"] for r in simulations.runs(store)] == ["sim"]
        assert store.check() == []
    assert _tables(fresh_url) == {t.name for t in metadata.sorted_tables} | {VERSION_TABLE}


def test_a_foreign_table_is_refused_and_left_alone(fresh_url):
    _execute(fresh_url, ["CREATE TABLE procedure_worlds (id INTEGER PRIMARY KEY, title VARCHAR(20))"])
    with pytest.raises(InputError, match="not respublika's"):
        Store(fresh_url)
    assert _tables(fresh_url) == {"procedure_worlds"}


def test_a_newer_schema_is_refused(fresh_url):
    Store(fresh_url).close()
    _execute(fresh_url, [f"UPDATE {VERSION_TABLE} SET version_num = '9999'"])
    with pytest.raises(InputError, match="does not know"):
        Store(fresh_url)


OPENER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from respublika.store import Store
    url, go, name = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    while not go.exists():
        time.sleep(0.002)
    with Store(url) as store:
        store.create_world(name)
        print(len(store.worlds()))
""")


def test_concurrent_first_opens_do_not_crash(fresh_url, tmp_path):
    script = tmp_path / "opener.py"
    script.write_text(OPENER)
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, str(script), fresh_url, str(go), f"w{i}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(6)]
    time.sleep(1.5)   # let every process import and wait at the line
    go.touch()
    outcomes = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, [err for _, err in outcomes]
    with Store(fresh_url) as store:
        assert sorted(w.name for w in store.worlds()) == [f"w{i}" for i in range(6)]
        assert current(store.db) == HEAD


def test_upgrade_is_idempotent_on_one_connection_pool():
    db = connect("sqlite://")
    try:
        upgrade(db)
        upgrade(db)
        assert current(db) == HEAD
    finally:
        db.dispose()


def test_a_new_revision_against_the_head_finds_no_change(tmp_path, monkeypatch):
    """``python -m respublika.store.schema revision MESSAGE`` (run on a copy of the folder)."""
    import shutil

    from respublika.store import schema

    copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(schema, "MIGRATIONS", copy)
    assert schema.main(["revision"]) == 2
    assert schema.main(["revision", "nothing changes"]) == 0
    shipped = {p.name for p in (MIGRATIONS / "versions").glob("*.py")}
    new = [p for p in (copy / "versions").glob("*.py") if p.name not in shipped]
    assert len(new) == 1
    body = new[0].read_text("utf-8")
    upgrade_body = body.split("def upgrade() -> None:")[1].split("def downgrade")[0]
    assert f"down_revision = {HEAD!r}" in body and "op." not in upgrade_body
