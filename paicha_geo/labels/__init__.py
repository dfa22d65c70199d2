"""Every Chinese UI string and code-to-label map, split by page; `say` words typed errors.

Code uses English identifiers; the screen speaks Chinese. Nothing else in the package holds a
Chinese UI literal, so wording changes happen here only. Every name is re-exported here:
`from paicha_geo import labels; labels.X` works whatever module X lives in. A name is defined
once, in one module (tests/test_labels.py checks, and that every name is used).

Below the services, problems are codes with fields (paicha_geo.domain.errors); a code is the
name of its wording here, and `labels.say(message_or_error)` words it.
"""

from __future__ import annotations

from paicha_geo.labels.accounts import *  # noqa: F403
from paicha_geo.labels.admin import *  # noqa: F403
from paicha_geo.labels.boundaries import *  # noqa: F403
from paicha_geo.labels.bulletin import *  # noqa: F403
from paicha_geo.labels.cli import *  # noqa: F403
from paicha_geo.labels.common import *  # noqa: F403
from paicha_geo.labels.compare import *  # noqa: F403
from paicha_geo.labels.crosscheck import *  # noqa: F403
from paicha_geo.labels.database import *  # noqa: F403
from paicha_geo.labels.dept import *  # noqa: F403
from paicha_geo.labels.evidence import *  # noqa: F403
from paicha_geo.labels.guarantees import *  # noqa: F403
from paicha_geo.labels.imports import *  # noqa: F403
from paicha_geo.labels.inspect import *  # noqa: F403
from paicha_geo.labels.ledger import *  # noqa: F403
from paicha_geo.labels.map import *  # noqa: F403
from paicha_geo.labels.panel import *  # noqa: F403
from paicha_geo.labels.params import *  # noqa: F403
from paicha_geo.labels.progress import *  # noqa: F403
from paicha_geo.labels.screen import *  # noqa: F403
from paicha_geo.labels.sidebar import *  # noqa: F403
from paicha_geo.labels.supervision import *  # noqa: F403
from paicha_geo.labels.weak import *  # noqa: F403
from paicha_geo.labels.wording import say  # noqa: F401
from paicha_geo.labels.workbench import *  # noqa: F403
from paicha_geo.labels.workflow import *  # noqa: F403
