"""``python -m summarizer`` and the ``summarizer`` command.

The command line imports a lot before it can handle anything; a Ctrl-C during that start-up ends it with
the same line and exit code (130) as a Ctrl-C later on, not with a traceback.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from summarizer.cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        sys.exit(130)
    cli_main()


if __name__ == "__main__":
    main()
