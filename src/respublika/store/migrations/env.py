"""Alembic's environment for the store's migrations.

:func:`respublika.store.schema.upgrade` passes the connection (``config.attributes
["connection"]``) inside its own transaction, which holds the database's write lock. Run
without one (``alembic`` by hand, with ``sqlalchemy.url`` set), it opens the URL as the
store does.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from respublika.store.tables import metadata

config = context.config
OPTIONS: dict[str, Any] = {
    "target_metadata": metadata,
    "version_table": config.get_main_option("version_table") or "respublika_schema_version",
    "render_as_batch": True,  # SQLite alters tables by copying them
    "compare_type": True,
}


def _online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()
        return
    from respublika.store.db import connect, database_url, transaction

    engine = connect(database_url(config.get_main_option("sqlalchemy.url")))
    try:
        with transaction(engine, write=True) as conn:
            context.configure(connection=conn, **OPTIONS)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()
else:
    _online()
