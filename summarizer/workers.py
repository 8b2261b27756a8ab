"""The offline engine in a pool of processes.

The rules engine is CPU-bound: run on the event loop it held every other article behind a slow one and
used one core. Here each article is extracted *and* normalised and grounded in a worker process, so a
long article occupies one worker while the others keep going, and every core works. Workers start on
first use (a run of one article needs none), from a fork of this process where the platform has it (the
engine's compiled patterns and gazetteer are then shared, not rebuilt), and each warms the engine up once.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.articles import Article
    from summarizer.grounding import GroundingPolicy
    from summarizer.models import ArticleExtraction


def default_workers() -> int:
    """The cores this process may run on (the default of ``--workers``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class EngineFailure(Exception):
    """The engine failed on one article (in its worker); the run goes on."""


def _die_with_parent(parent: int) -> None:
    """End this worker when the process that started it dies (killed, crashed): an orphan would otherwise
    finish its article and then wait forever on a queue that its sibling workers keep open."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # the kernel kills us when the parent goes
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)

    def watch() -> None:  # where the kernel cannot do it for us
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1
_MANAGER_GRACE = 5.0  # seconds: the pool's manager thread cleans up after killed workers


def _start_worker(parent: int) -> None:
    # Ctrl-C at a terminal reaches every process of the group: the parent decides what an interrupt means (it
    # stops the run and ends its workers), a worker must not die of it on its own, half-way through reading a
    # task from the queue it shares with its siblings. The parent started us with SIGINT blocked (EnginePool._submit).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent(parent)
    _warm_up()


def _warm_up() -> None:
    # Builds the engine's patterns once per worker (about 2 s cold, nothing when forked from a warm parent).
    from summarizer.articles import make_article
    from summarizer.backends.rules import extract_article

    extract_article(make_article("Gunmen killed two soldiers near the town on Monday, police said.", "-"))


def _extract(article: Article, backend_name: str, policy: GroundingPolicy) -> ArticleExtraction:
    from summarizer.backends.rules import extract_article
    from summarizer.pipeline import postprocess

    return postprocess(extract_article(article, backend_name), article, policy, copy=False)


class EnginePool:
    """Extract articles with the offline engine in ``workers`` processes (started on first use)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._executor: ProcessPoolExecutor | None = None

    def _submit(self, article: Article, backend_name: str, policy: GroundingPolicy) -> Future[ArticleExtraction]:
        if self._executor is not None:
            return self._executor.submit(_extract, article, backend_name, policy)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._executor = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
        )
        # The first task starts the workers: they begin life with SIGINT blocked, so a Ctrl-C during the start
        # reaches this process only (the worker ignores SIGINT before it unblocks it).
        with _sigint_blocked():
            return self._executor.submit(_extract, article, backend_name, policy)

    async def extract(self, article: Article, backend_name: str, policy: GroundingPolicy) -> ArticleExtraction:
        """The article's extraction, normalised and grounded, computed in a worker process."""
        try:
            return await _awaitable(self._submit(article, backend_name, policy))
        except BrokenProcessPool as exc:
            self.close()  # a worker died (killed, out of memory): the next article gets a fresh pool
            raise EngineFailure(f"the engine's worker process died ({exc})") from exc
        except Exception as exc:  # an engine bug on one article must not end the run
            raise EngineFailure(f"the offline engine failed: {type(exc).__name__}: {exc}") from exc

    def close(self, *, interrupted: bool = False) -> None:
        """Stop the workers: after their work (normally), or at once when the run was interrupted (Ctrl-C, an
        error), so that a long article in a worker does not keep the command from exiting."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if not interrupted:
            executor.shutdown(wait=True, cancel_futures=True)
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        # A task being written to the workers' queue when they are killed would block its writer thread forever
        # (this process holds the queue's other end), and the interpreter waits for that thread on its way out.
        call_queue = getattr(executor, "_call_queue", None)
        if call_queue is not None:
            call_queue.cancel_join_thread()
        manager = getattr(executor, "_executor_manager_thread", None)
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.kill()
        # The pool's manager thread sees the workers gone and cleans up in a moment. Left running, it could close
        # its wake-up pipe while the interpreter's exit hook writes to it (EBADF printed at exit, Python < 3.12).
        if manager is not None:
            manager.join(timeout=_MANAGER_GRACE)


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # not on POSIX: nothing to block
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _awaitable(future: Future[ArticleExtraction]) -> asyncio.Future[ArticleExtraction]:
    """The worker's result on the running loop, *without* tying the two futures' cancellation together.

    ``loop.run_in_executor`` cancels the pool's future when the waiting task is cancelled (Ctrl-C). The pool's
    manager thread then fails on that cancelled future when it reports the killed workers (InvalidStateError
    in ``terminate_broken``, Python < 3.12) and dies before cleaning up, and the interpreter hangs on its way
    out. Here the pool's futures are only ever settled by the pool itself.
    """
    loop = asyncio.get_running_loop()
    waiter: asyncio.Future[ArticleExtraction] = loop.create_future()

    def settle(done: Future[ArticleExtraction]) -> None:
        if waiter.done():  # the waiting task was cancelled meanwhile
            return
        if done.cancelled():  # the pool was shut down before the article ran
            waiter.set_exception(BrokenProcessPool("the pool was shut down before the article ran"))
        elif (exc := done.exception()) is not None:
            waiter.set_exception(exc)
        else:
            waiter.set_result(done.result())

    def on_done(done: Future[ArticleExtraction]) -> None:  # in the pool's manager thread
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            loop.call_soon_threadsafe(settle, done)

    future.add_done_callback(on_done)
    return waiter


__all__ = ["EngineFailure", "EnginePool", "default_workers"]
