"""`python -m satya`: the same as the `satya` command."""

from .cli import main

raise SystemExit(main())
