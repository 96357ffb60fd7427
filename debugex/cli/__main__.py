"""`python -m debugex.cli`, as the `debugex` script."""

from . import main

main()
