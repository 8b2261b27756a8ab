"""``python -m summarizer`` and the ``summarizer`` command.

The command line imports a lot before it can handle anything; a Ctrl-C during that start-up ends it with
the same line and exit code (130) as a Ctrl-C later on, not with a traceback.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    try:
        from summarizer.cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        sys.stderr.flush()
        # Not sys.exit: a Ctrl-C that lands in an exec() of source text (dataclasses and typing build methods
        # that way while modules load) marks itself "unhandled" inside CPython 3.11, which then ends the process
        # by SIGINT instead of the code given. Nothing but imports has run: there is nothing to clean up.
        os._exit(130)
    cli_main()


if __name__ == "__main__":
    main()
