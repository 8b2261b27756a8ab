"""Benchmark the LLM path against the loopback Chat Completions server (no network, no key).

Prints:
* concurrency efficiency: ideal wall time (articles / concurrency x latency) over measured, at a fixed
  server latency (target >= 0.8 at concurrency 16 over 64 articles);
* per-article overhead at zero server latency, sequentially: the whole path (prompt, instructor, HTTP,
  validation, normalisation, grounding), the same minus a bare HTTP round trip to the same server, and
  the cached path (store hit, no HTTP) (target < 5 ms).

Run: python benchmarks/bench_llm.py [--articles 64] [--concurrency 16] [--latency 0.2]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer.articles import Article, make_article
from summarizer.backends.base import BackendConfig
from summarizer.pipeline import RunOptions, run_articles
from tests.llm_server import LLMServer, Reply

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
    "casualties": [{"victims": "officers", "outcome": "wounded", "count_phrase": "Two",
                    "quote": "Two officers were wounded in the exchange of fire."}],
    "claims": [],
}


def articles(n: int, tag: str) -> list[Article]:
    return [make_article(f"{TEXT} Bulletin {tag}-{i}.", f"{tag}{i}.txt") for i in range(n)]


def backend_config(server: LLMServer) -> BackendConfig:
    return BackendConfig(name="openai", model="gpt-4o-mini", base_url=server.base_url, api_key="sk-bench", timeout=30)


def run(items: list[Article], options: RunOptions) -> float:
    started = time.perf_counter()
    report = asyncio.run(run_articles(items, options))
    elapsed = time.perf_counter() - started
    if report.failures:
        raise SystemExit(f"benchmark run failed: {report.failures[0]}")
    return elapsed


async def bare_round_trip(url: str, n: int) -> float:
    nodelay = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
    body = {"model": "m", "messages": [{"role": "user", "content": TEXT}], "response_format": {"type": "json_object"}}
    async with httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(socket_options=nodelay)) as client:
        await client.post(url, json=body)
        started = time.perf_counter()
        for _ in range(n):
            await client.post(url, json=body)
        return (time.perf_counter() - started) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--overhead-articles", type=int, default=50)
    args = parser.parse_args()

    with LLMServer(default=Reply(DRAFT, delay=args.latency)) as server:
        options = RunOptions(backend=backend_config(server), concurrency=args.concurrency, db_path=None)
        run(articles(2, "warm"), options)  # imports and connection set-up are not what we measure
        measured = run(articles(args.articles, "c"), options)
    ideal = args.articles / args.concurrency * args.latency
    efficiency = ideal / measured
    print(f"concurrency {args.concurrency}, {args.articles} articles, server latency {args.latency * 1000:.0f} ms")
    print(f"  ideal {ideal:.2f} s, measured {measured:.2f} s, efficiency {efficiency:.2f} (target >= 0.80)")

    n = args.overhead_articles
    with LLMServer(default=Reply(DRAFT)) as server, tempfile.TemporaryDirectory() as tmp:
        options = RunOptions(backend=backend_config(server), concurrency=1, db_path=None)
        run(articles(2, "warm"), options)
        per_article = run(articles(n, "o"), options) / n
        http = asyncio.run(bare_round_trip(f"{server.base_url}/chat/completions", n))
        stored = RunOptions(backend=backend_config(server), concurrency=1, db_path=Path(tmp) / "b.db", reuse=False)
        cached_items = articles(n, "k")
        run(cached_items, stored)  # fill the response cache
        cached = run(cached_items, stored) / n
    print(f"zero latency, sequential, {n} articles")
    print(f"  full path {per_article * 1000:.1f} ms/article; bare HTTP round trip {http * 1000:.1f} ms")
    print(f"  overhead excluding the round trip {(per_article - http) * 1000:.1f} ms/article (target < 5 ms)")
    print(f"  cached path (store hit, no HTTP) {cached * 1000:.1f} ms/article")


if __name__ == "__main__":
    main()
