"""`python -m digest_plugin.cli`: the `digest` command without the console script."""

import sys

from digest_plugin.cli import main

sys.exit(main())
