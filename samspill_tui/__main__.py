"""Entry point for ``python -m samspill_tui``."""

from samspill_tui.cli import main

raise SystemExit(main())
