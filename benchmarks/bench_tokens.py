"""Input tokens per article: the backend's requests next to a bare instructor call, and the cacheable prefix.

The OpenAI backend and a bare instructor call (``response_model=DraftExtraction``, one user message
holding the article, instructor's defaults) send their requests to the loopback Chat Completions server;
the requests as received are counted with the o200k_base encoding (GPT-4o and later; ``quicktok-v1``, a
dev dependency, ships it). A request's tokens are its schema (tools or response_format, as JSON) plus
each message's content, plus 3 per message and 3 for the reply, the usual accounting; a provider's own
count differs by a few tokens per request, and it is the provider's count (``usage``) that the backend
logs and bills by.

The cacheable prefix is the number of leading tokens two articles' requests share (schema first, then
the messages in order): what llama.cpp's prefix cache can reuse. OpenAI caches a prefix of 1,024 tokens
or more, in steps of 128: "uncached after the first" is what the second and later articles pay in full.

Run: python benchmarks/bench_tokens.py [--mode tools|json_schema]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer.articles import make_article
from summarizer.backends.base import BackendConfig
from summarizer.backends.openai import OpenAIBackend
from summarizer.models import DraftExtraction
from summarizer.prompts import load_prompt
from tests.llm_server import LLMServer, Reply

# Invented for this benchmark: about 2,400 characters, the length of a short wire story.
ARTICLES = [
    (
        "Security forces in the northern province of Wadi Sirr launched a clearance operation on Tuesday against "
        "militant hideouts in the hills east of the town of Kafr Ayyub, the provincial governor said. The "
        "operation, the second phase of a campaign that began in the spring, involves army units, border guards "
        "and local police, according to a statement from the regional command.\n\n"
        "Two soldiers were killed and five others wounded when a roadside bomb struck their patrol near the "
        "village of Tal Hamra on Wednesday morning, a police officer told reporters on condition of anonymity. "
        "The officer said the patrol had been clearing a road used by supply trucks.\n\n"
        "The regional command said its troops had killed at least eleven militants and detained 23 suspects "
        "during the first two days of the operation. It also said engineers had dismantled more than 40 "
        "explosive devices planted along the main road. The figures could not be independently verified.\n\n"
        "A spokesman for the militant group denied that its fighters had suffered losses and claimed that its "
        "men had destroyed two armoured vehicles. Residents of Kafr Ayyub reported hearing heavy gunfire "
        "through the night and said dozens of families had left for the provincial capital.\n\n"
        "Last month, an attack on a checkpoint west of the town killed four policemen, an incident the "
        "governor described as the reason for the new campaign. He said the operation would continue until "
        "the area was secure and urged residents to cooperate with the security forces.\n\n"
        "A local health official said the district hospital had received nine wounded civilians since the "
        "start of the operation, three of them children. Aid groups have called on all sides to allow safe "
        "passage for those who wish to leave. The governor said shelters had been prepared in two schools "
        "in the provincial capital and that food and water were being distributed there.\n\n"
        "Tribal leaders from the hills met army commanders on Thursday to discuss the return of displaced "
        "families, a participant said. He said the commanders had promised to compensate farmers whose crops "
        "and houses were damaged, and to release detainees found to have no links to the militants. Roads "
        "between Kafr Ayyub and the nearby villages were expected to reopen next week, the command said."
    ),
    (
        "Police in the coastal district of Ras Marjan arrested six men suspected of smuggling weapons on "
        "Thursday, the interior ministry said in a statement. The arrests followed a raid on a warehouse near "
        "the fishing harbour, where officers found rifles, ammunition and materials for making explosives.\n\n"
        "One police officer was wounded in an exchange of fire during the raid, the ministry said. Two of the "
        "suspects were also hurt and taken to hospital under guard. A ministry spokesman, Colonel Sami Rahal, "
        "said the network had supplied weapons to armed groups in the interior for at least a year.\n\n"
        "In a separate incident on Friday, gunmen on motorcycles opened fire on a market in the town of Bir "
        "Saqi, killing three civilians and wounding seven, according to a local official. No group has "
        "claimed responsibility for the attack. The official said security forces had sealed off the area and "
        "were searching nearby farms.\n\n"
        "The interior minister said in a televised address that the government would send reinforcements to "
        "the district and that checkpoints would be set up on the roads leading to the harbour. He said the "
        "authorities had thwarted four smuggling attempts since the beginning of the year.\n\n"
        "An analyst at a research institute in the capital said the arrests showed that the networks were "
        "adapting to tighter controls at the border by moving goods by sea. She warned that attacks on markets "
        "and other crowded places were likely to increase as the groups sought to show they could still "
        "strike. Residents of Bir Saqi said shops remained closed on Saturday and that many families were "
        "keeping their children at home while the search continued around the town and its farms.\n\n"
        "The coast guard said on Saturday that it had stopped a boat carrying fuel and spare parts off Ras "
        "Marjan and detained its crew of five. A coast guard officer said the crew had tried to flee when "
        "the patrol approached and that warning shots were fired. Nobody was hurt, he said. The boat was "
        "towed to the harbour, where customs officers and police were questioning the crew on Sunday evening. "
        "Officials said the cargo had been bound for a port further along the coast."
    ),
]
DRAFT = {"summary": "s", "operations": [], "casualties": [], "claims": []}
MESSAGE_OVERHEAD = 3  # tokens per message (role and separators), and for priming the reply


def encoder() -> Any:
    try:
        import quicktok
    except ImportError:  # pragma: no cover - a dev dependency
        sys.exit("bench_tokens needs quicktok-v1 (pip install -e '.[dev]'): it ships the o200k_base encoding")
    return quicktok.get_encoding("o200k_base")


def segments(body: dict[str, Any]) -> list[str]:
    """The request as the model reads it, in order: the schema the mode adds, then each message."""
    parts = []
    for key in ("tools", "response_format"):
        if key in body:
            parts.append(json.dumps(body[key], ensure_ascii=False))
    parts.extend(str(m.get("content") or "") for m in body.get("messages", []))
    return parts


def count(enc: Any, body: dict[str, Any]) -> tuple[int, int, int]:
    """(total, schema, messages) tokens of one request."""
    keys = [k for k in ("tools", "response_format") if k in body]
    schema = sum(len(enc.encode(json.dumps(body[k], ensure_ascii=False))) for k in keys)
    messages = body.get("messages", [])
    text = sum(len(enc.encode(str(m.get("content") or ""))) + MESSAGE_OVERHEAD for m in messages)
    return schema + text + MESSAGE_OVERHEAD, schema, text


def shared_prefix(enc: Any, first: dict[str, Any], second: dict[str, Any]) -> int:
    """Leading tokens two requests have in common (schema, then messages, in order)."""
    shared = 0
    for a, b in zip(segments(first), segments(second), strict=False):
        ta, tb = list(enc.encode(a)), list(enc.encode(b))
        same = 0
        for x, y in zip(ta, tb, strict=False):
            if x != y:
                break
            same += 1
        shared += same + MESSAGE_OVERHEAD
        if same < len(ta) or len(ta) != len(tb):
            break
    return shared


def openai_cached(prefix: int) -> int:
    """What OpenAI's automatic prompt caching serves of a shared prefix: 1,024 tokens and up, in steps of 128."""
    return 0 if prefix < 1024 else 1024 + (prefix - 1024) // 128 * 128


async def backend_requests(server: LLMServer, mode: str) -> list[dict[str, Any]]:
    config = BackendConfig(name="openai", model="gpt-4o-mini", base_url=server.base_url, api_key="sk-bench", mode=mode)
    backend = OpenAIBackend(config)
    server.requests.clear()
    try:
        for i, text in enumerate(ARTICLES):
            await backend.extract(make_article(text, f"bench{i}.txt", {"published": "2024-05-14"}))
    finally:
        await backend.aclose()
    return [r.body for r in server.requests]


async def bare_instructor_requests(server: LLMServer, mode: str) -> list[dict[str, Any]]:
    import instructor
    from openai import AsyncOpenAI

    modes = {"tools": instructor.Mode.TOOLS, "json_schema": instructor.Mode.JSON_SCHEMA}
    client = instructor.from_openai(AsyncOpenAI(base_url=server.base_url, api_key="sk-bench"), mode=modes[mode])
    server.requests.clear()
    for text in ARTICLES:
        await client.chat.completions.create(
            model="gpt-4o-mini",
            response_model=DraftExtraction,
            messages=[{"role": "user", "content": f"Extract operations, casualty figures and claims:\n\n{text}"}],
            max_retries=0,
        )
    return [r.body for r in server.requests]


def report(enc: Any, name: str, bodies: list[dict[str, Any]]) -> None:
    first, second = bodies[0], bodies[1]
    total, schema, messages = count(enc, second)
    prefix = shared_prefix(enc, first, second)
    cached = openai_cached(prefix)
    print(
        f"  {name:<34} {total:>6} {schema:>7} {messages:>9} {prefix:>9} {cached:>11} {total - cached:>9}"
        f" {total - prefix:>9}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["tools", "json_schema"], default="tools")
    args = parser.parse_args()
    enc = encoder()
    article_tokens = [len(enc.encode(text)) for text in ARTICLES]
    with LLMServer(default=Reply(DRAFT)) as server:
        ours = asyncio.run(backend_requests(server, args.mode))
        bare = asyncio.run(bare_instructor_requests(server, args.mode))
    print(
        f"input tokens per request, o200k_base, mode {args.mode}, prompt {load_prompt().version};"
        f" articles of {len(ARTICLES[0]):,} and {len(ARTICLES[1]):,} characters ({article_tokens[0]} and"
        f" {article_tokens[1]} tokens); figures for the second article"
    )
    print(
        f"  {'':<34} {'total':>6} {'schema':>7} {'messages':>9} {'prefix':>9} {'OpenAI-hit':>11}"
        f" {'uncached':>9} {'llama.cpp':>9}"
    )
    report(enc, "summarizer (openai backend)", ours)
    report(enc, "bare instructor call", bare)
    print(
        "  prefix: leading tokens shared with the first article's request; OpenAI-hit: what OpenAI's prompt cache\n"
        "  serves of it (>= 1,024, steps of 128); uncached: what the article pays in full at OpenAI; llama.cpp:\n"
        "  what it evaluates with its prefix cache (total - prefix)"
    )


if __name__ == "__main__":
    main()
