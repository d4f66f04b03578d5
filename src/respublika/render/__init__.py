"""Rendering: engine results → words, tables, HTML, SVG and plots, in a language.

Engines return data (events with ids, numbers and citations; rows of indices; timelines);
this package turns them into text for a person, through one translation mechanism (the
gettext catalogue of :mod:`respublika.i18n`). It may import the engines, the profile and
``i18n``; it never imports ``cli/``, ``web/`` or ``store/``, and no engine imports it.

Modules, one concept each:

- :mod:`.explanation` — one event, vote tally, referendum or legal act in words
- :mod:`.procedure_text` — a matter's trail, a scenario run, the Republic (text lines,
  and the API's JSON with the words added)
- :mod:`.diagram` — a matter kind's state machine as SVG or Graphviz DOT
- :mod:`.structure` — the institutions of the state and who fills whom, as SVG
- :mod:`.hemicycle` — a chamber's seats as SVG (:mod:`.chambers` draws a profile's chambers with it,
  :mod:`.colours` gives the colours)
- :mod:`.power_history` — law-making power across a profile's versions: plot and table
- :mod:`.simulation_plots` — a simulation's figures (matplotlib SVG)
- :mod:`.simulation_report` — a simulation's HTML report
- :mod:`.figures` — a matplotlib figure as inline SVG
"""
