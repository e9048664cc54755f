"""Allow ``python -m medlint``."""

from medlint.cli import main

main()
