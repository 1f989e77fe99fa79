"""``python -m soat`` is the ``soat`` command."""

import sys

from soat.cli.main import main

sys.exit(main())
