"""Another commit's code checked out beside this tree, for benchmarks that print both side by side."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def checkout(ref: str, prefix: str = "bench-ref-") -> Iterator[Path]:
    """``ref``'s tree in a temporary ``git worktree`` (removed on exit); run its code with PYTHONPATH set to it."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    old = work / "old"
    try:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), ref], check=True)
        yield old
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)
        shutil.rmtree(work, ignore_errors=True)
