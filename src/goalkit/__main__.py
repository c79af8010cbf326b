"""Allow ``python -m goalkit``."""

import sys

from goalkit.cli import main

sys.exit(main())
