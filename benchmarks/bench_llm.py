"""Benchmark the LLM path against the loopback Chat Completions server (no network, no key).

Prints:
* concurrency efficiency: ideal wall time (ceil(articles / concurrency) x latency) over measured, at a
  fixed server latency (target >= 0.8 at concurrency 16 over 64 articles), next to the efficiency of
  bare clients posting the same requests at the same concurrency, interleaved with the measured runs
  (on a loaded machine the wait for a core after each burst of answers costs even a bare client): one on
  the HTTP stack the backend uses (httpx over aiohttp's pool) and one on httpx's default transport
  (httpcore), whose pool costs several times the CPU per request;
* per-article overhead at zero server latency, sequentially: the whole path (prompt, request, HTTP,
  validation, normalisation, grounding), the same minus a bare HTTP round trip on the same stack that
  posts the very body the backend sends to the same server, and the cached path (store hit, no HTTP)
  (target < 5 ms).

Every figure is the median of ``--repeat`` runs, with the client's CPU time next to its wall time: on a
loaded machine wall time also counts waiting for a core, CPU time does not. Warm-up runs (imports,
caches) are not measured. The server runs in a child process by default (``--server thread`` puts it in
a thread of this process, where it competes with the client for the GIL).

Run: python benchmarks/bench_llm.py [--articles 64] [--concurrency 16] [--latency 0.2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer.articles import Article, make_article
from summarizer.backends.base import BackendConfig
from summarizer.backends.transport import AiohttpTransport
from summarizer.pipeline import RunOptions, run_articles_sync
from tests.llm_server import LLMServer, Reply, server_process

TEXT = (
    "Police in the district of Wadi Karam detained four suspects on Tuesday during a dawn raid, the interior "
    "ministry said. Two officers were wounded in the exchange of fire."
)
DRAFT = {
    "summary": "A raid in Wadi Karam.",
    "operations": [
        {
            "kind": "raid",
            "by": ["Police"],
            "places": ["Wadi Karam"],
            "quote": "Police in the district of Wadi Karam detained four suspects on Tuesday during a dawn raid",
        }
    ],
    "casualties": [
        {
            "victims": "officers",
            "outcome": "wounded",
            "count_phrase": "Two",
            "quote": "Two officers were wounded in the exchange of fire.",
        }
    ],
    "claims": [],
}


class Timing:
    """Wall and CPU seconds of one measured stretch."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall = wall
        self.cpu = cpu


@contextmanager
def timed(sink: list[Timing]) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    sink.append(Timing(time.perf_counter() - wall, time.process_time() - cpu))


def median(timings: list[Timing], per: int = 1) -> Timing:
    return Timing(statistics.median(t.wall for t in timings) / per, statistics.median(t.cpu for t in timings) / per)


def articles(n: int, tag: str) -> list[Article]:
    return [make_article(f"{TEXT} Bulletin {tag}-{i}.", f"{tag}{i}.txt") for i in range(n)]


def backend_config(base_url: str) -> BackendConfig:
    return BackendConfig(name="openai", model="gpt-4o-mini", base_url=base_url, api_key="sk-bench", timeout=30)


def run(items: list[Article], options: RunOptions, sink: list[Timing] | None = None) -> None:
    with timed(sink if sink is not None else []):
        report = run_articles_sync(items, options)
    if report.failures:
        raise SystemExit(f"benchmark run failed: {report.failures[0]}")


@contextmanager
def serve(reply: Reply, where: str) -> Iterator[str]:
    if where == "process":
        with server_process(reply) as base_url:
            yield base_url
    else:
        with LLMServer(default=reply) as server:
            yield server.base_url


def request_body() -> dict[str, Any]:
    """The body the backend posts for one article (captured once from a server thread)."""
    with LLMServer(default=Reply(DRAFT)) as server:
        run(articles(1, "body"), RunOptions(backend=backend_config(server.base_url), concurrency=1, db_path=None))
        return server.requests[0].body


def bare_transport(stack: str, pool: httpx.Limits | None = None) -> httpx.AsyncBaseTransport:
    """A bare transport: ``aiohttp`` (the backend's stack) or ``httpcore`` (httpx's default)."""
    pool = pool or httpx.Limits(max_connections=128, max_keepalive_connections=128)
    if stack == "aiohttp":
        return AiohttpTransport(limits=pool)
    nodelay = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
    return httpx.AsyncHTTPTransport(limits=pool, socket_options=nodelay)


async def bare_round_trips(url: str, body: dict[str, Any], n: int, sink: list[Timing]) -> None:
    async with httpx.AsyncClient(transport=bare_transport("aiohttp")) as client:
        await client.post(url, json=body)  # connection set-up is not a round trip
        with timed(sink):
            for _ in range(n):
                response = await client.post(url, json=body)
                response.json()


async def bare_concurrent(
    url: str, body: dict[str, Any], n: int, concurrency: int, stack: str, sink: list[Timing]
) -> None:
    """``n`` posts of ``body``, ``concurrency`` at a time, from a bare httpx client on fresh connections."""
    async with httpx.AsyncClient(transport=bare_transport(stack), timeout=30) as client:
        slots = asyncio.Semaphore(concurrency)

        async def one() -> None:
            async with slots:
                (await client.post(url, json=body)).json()

        with timed(sink):
            await asyncio.gather(*(one() for _ in range(n)))


def concurrency(args: argparse.Namespace) -> None:
    body = request_body()
    timings: list[Timing] = []
    bare: dict[str, list[Timing]] = {"aiohttp": [], "httpcore": []}
    with serve(Reply(DRAFT, delay=args.latency), args.server) as base_url:
        options = RunOptions(backend=backend_config(base_url), concurrency=args.concurrency, db_path=None)
        run(articles(2, "warm"), options)  # imports and caches are not what we measure
        for rep in range(args.repeat):  # interleaved, so both face the same machine load
            run(articles(args.articles, f"c{rep}-"), options, timings)
            for stack, sink in bare.items():
                url = f"{base_url}/chat/completions"
                asyncio.run(bare_concurrent(url, body, args.articles, args.concurrency, stack, sink))
    ideal = math.ceil(args.articles / args.concurrency) * args.latency
    measured = median(timings)
    print(f"concurrency {args.concurrency}, {args.articles} articles, server latency {args.latency * 1000:.0f} ms")
    print(
        f"  ideal {ideal:.2f} s, measured {measured.wall:.2f} s (median of {args.repeat}; client CPU "
        f"{measured.cpu:.2f} s), efficiency {ideal / measured.wall:.2f} (target >= 0.80)"
    )
    print("  runs: " + ", ".join(f"{ideal / t.wall:.2f}" for t in timings))
    for stack, label in (("aiohttp", "same stack (httpx over aiohttp)"), ("httpcore", "httpx's default transport")):
        reference = median(bare[stack])
        print(
            f"  bare client, {label}, same requests: {reference.wall:.2f} s (client CPU {reference.cpu:.2f} s), "
            f"efficiency {ideal / reference.wall:.2f}; the pipeline reaches {reference.wall / measured.wall:.2f} of it"
        )


def overhead(args: argparse.Namespace) -> None:
    n = args.overhead_articles
    body = request_body()
    full: list[Timing] = []
    bare: list[Timing] = []
    cached: list[Timing] = []
    with serve(Reply(DRAFT), args.server) as base_url, tempfile.TemporaryDirectory() as tmp:
        options = RunOptions(backend=backend_config(base_url), concurrency=1, db_path=None)
        run(articles(2, "warm"), options)
        stored = RunOptions(backend=backend_config(base_url), concurrency=1, db_path=Path(tmp) / "b.db", reuse=False)
        run(articles(2, "warm"), stored)
        for rep in range(args.repeat):
            run(articles(n, f"o{rep}-"), options, full)
            asyncio.run(bare_round_trips(f"{base_url}/chat/completions", body, n, bare))
            cached_items = articles(n, f"k{rep}-")
            run(cached_items, stored)  # fill the response cache
            run(cached_items, stored, cached)
    path, http, hit = median(full, n), median(bare, n), median(cached, n)
    print(f"zero latency, sequential, {n} articles, median of {args.repeat} (wall / client CPU, ms per article)")
    print(f"  full path {path.wall * 1000:.1f} / {path.cpu * 1000:.1f}")
    print(f"  bare HTTP round trip, same stack, same body {http.wall * 1000:.1f} / {http.cpu * 1000:.1f}")
    print(
        f"  overhead excluding the round trip {(path.wall - http.wall) * 1000:.1f} / "
        f"{(path.cpu - http.cpu) * 1000:.1f} (target < 5 ms)"
    )
    print(f"  cached path (store hit, no HTTP) {hit.wall * 1000:.1f} / {hit.cpu * 1000:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--overhead-articles", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--server", choices=("process", "thread"), default="process")
    args = parser.parse_args()
    concurrency(args)
    overhead(args)


if __name__ == "__main__":
    main()
