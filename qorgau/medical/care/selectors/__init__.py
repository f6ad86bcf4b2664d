"""Reads of screening, beds, equipment and staffing, always through the user's medical scope.

One module per topic; this package exposes them all, so callers write
`selectors.people_due(...)` without knowing where it lives.
"""

from .beds import *  # noqa: F403
from .common import *  # noqa: F403
from .equipment import *  # noqa: F403
from .overview import *  # noqa: F403
from .screening import *  # noqa: F403
from .staffing import *  # noqa: F403
