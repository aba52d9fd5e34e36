"""Command line of the data layer: ``python -m geodata --help``."""

import sys

from .cli import main

sys.exit(main())
