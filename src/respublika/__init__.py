"""Respublika: an executable, cited model of the constitutional system of Kazakhstan.

The constitution is data (a profile); one generic engine runs it. The core packages
(``profile``, ``elections``, ``procedure``, ``games``) do no I/O beyond reading the
profiles shipped in the package; ``store``, ``cli`` and ``web`` are adapters around them.
"""

__version__ = "0.1.0"

from respublika._accel import extend

extend(__path__, __name__)  # the compiled build of the top-level modules, when current (respublika._accel)
