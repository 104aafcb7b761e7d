"""python -m interlock → the command-line app."""
from interlock.cli import main

main()
