"""Persistence: the procedure's append-only event log in a SQL database (SQLAlchemy 2).

An adapter: it calls the engine; the engine never imports it. ::

    from respublika.store import Store
    with Store("sqlite:///respublika.db") as store:
        store.create_world("class-2a", profile="seed", setup={"president_elected": "2011-04-03"})
        world, events = store.apply("class-2a", Step(...))   # atomic; refused -> raises, nothing written
        engine, world = store.load("class-2a")               # replay of the log
        store.check()                                        # [] when consistent
"""

from respublika.store.db import DEFAULT_URL, ENV_VAR, database_url, make_engine
from respublika.store.log import DEFAULT_WORLD, DbSession, Store, StoredStep, WorldRecord

__all__ = [
    "DEFAULT_URL",
    "DEFAULT_WORLD",
    "ENV_VAR",
    "DbSession",
    "Store",
    "StoredStep",
    "WorldRecord",
    "database_url",
    "make_engine",
]
