"""Allow ``python -m medlint``."""

from medlint.entry import main

main()
