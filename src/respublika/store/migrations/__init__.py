"""The store's schema migrations (Alembic), shipped inside the package.

They run programmatically when a :class:`~respublika.store.Store` opens
(:func:`respublika.store.schema.upgrade`); no ``alembic.ini`` is needed. ``versions/``
holds one file per revision; ``0001`` is the schema of the first release. A new revision:
``python -m respublika.store.schema revision "what changes"`` (then edit the file, and raise
:data:`respublika.store.schema.HEAD`).
"""
