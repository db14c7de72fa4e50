"""The ``maillage`` console script: the command line, imported under a guard.

Python takes about half a second to import the command line's modules (click, the engine's bindings); a Ctrl-C in
that time raised its ``KeyboardInterrupt`` above every handler of :mod:`webapp.cli`, and the user saw a traceback.
Here it ends the command as a Ctrl-C does once the command runs: one line, exit 130.
"""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130  # what a shell expects of a command stopped by SIGINT


def run() -> None:
    """Import the command line and run it; a Ctrl-C while importing says « Abandon. » and exits 130."""
    try:
        from webapp.cli import run as run_cli
    except KeyboardInterrupt:
        english = os.environ.get("MAILLAGE_LANG", "").strip().lower() == "en"
        sys.stderr.write("Aborted!\n" if english else "Abandon.\n")
        sys.exit(INTERRUPTED)
    run_cli()


if __name__ == "__main__":  # python -m webapp.console, as the console script (python -m webapp too: webapp/__main__.py)
    run()
