"""The application layer: one function per thing a user does.

Between the engines (``profile``, ``elections``, ``procedure``, ``games``, ``simulate``) and
the adapters (``cli``, ``web``): a user's request — a profile by name, date and overrides;
an election of a body by name; a forecast; the power of a profile's game; an act on a
stored world; a simulation; a diff; a citation — becomes engine calls here. Every decision
that is not an engine's (which chambers exist, which thresholds to mark, which body a name
means, the defaults and the bounds a server applies) is made here, once, from the profile.
The answers are JSON-ready data; :mod:`respublika.render` puts them into words and
pictures. Nothing here prints, reads files named by a user, or knows HTTP.

Modules: :mod:`~respublika.app.profiles` (opening a profile), :mod:`~respublika.app.constitution`
(show, cite, diff, check), :mod:`~respublika.app.elections` (elected bodies, elect,
allocate, forecast), :mod:`~respublika.app.parliament` (chambers, seat groups, marks),
:mod:`~respublika.app.power` (voting power), :mod:`~respublika.app.worlds` (worlds and
acts), :mod:`~respublika.app.simulation` (simulations).
"""
