"""Persistence: the procedure's append-only event log and saved simulations in a SQL
database (SQLAlchemy 2, SQLite or PostgreSQL); the only code that knows the tables.

It calls the engines; no engine imports it. ::

    from respublika.store import Store, StoredWorld
    with Store("sqlite:///respublika.db") as store:       # creates / upgrades the schema
        store.create_world("class-2a", profile="seed", setup={"president_elected": "2011-04-03"})
        world, events = store.apply("class-2a", Step(...))   # atomic; refused -> raises, nothing written
        store.append_many("class-2a", journal, expect_seq=n) # many rows, after row n or not at all
        engine, world = store.load("class-2a")               # replay of the log
        holder = StoredWorld(store, "class-2a")              # a WorldHolder (scenarios, simulations)
        store.check()                                        # [] when consistent

    from respublika.store import simulations                 # saved simulation runs
    simulations.start(store, "sim-1", config); simulations.resume(store, "sim-1")
    simulations.timeline(store, "sim-1"); simulations.runs(store)

Modules: :mod:`.db` (URL, connections, the one transaction helper), :mod:`.tables` (the one
``MetaData``), :mod:`.schema` and :mod:`.migrations` (Alembic, run when a store opens),
:mod:`.log` (worlds and their log), :mod:`.holder` (a stored world as a world holder),
:mod:`.simulations` (saved runs; imported on its own, it loads the simulation).
"""

from respublika.store.db import DEFAULT_URL, ENV_VAR, database_url, make_engine, transaction
from respublika.store.holder import DbSession, StoredWorld
from respublika.store.log import DEFAULT_WORLD, Journal, Store, StoredStep, WorldRecord

__all__ = [
    "DEFAULT_URL",
    "DEFAULT_WORLD",
    "ENV_VAR",
    "DbSession",
    "Journal",
    "Store",
    "StoredStep",
    "StoredWorld",
    "WorldRecord",
    "database_url",
    "make_engine",
    "transaction",
]
