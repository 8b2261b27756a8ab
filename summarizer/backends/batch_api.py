"""OpenAI's Batch API for chat requests: upload a JSONL of requests, create a batch, read its status and files.

Requests go out with the OpenAI SDK's typed methods (``files.create``, ``batches.create``,
``batches.retrieve``, ``files.content``) over the same retrying transport as chat calls, with a larger
size cap for the result files (a batch's output holds one answer per request). Messages name what failed,
never the server's words.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Final

import httpx

from summarizer.backends.base import BackendConfig, BackendError
from summarizer.backends.transport import AiohttpTransport, RetryingTransport, RetryPolicy, proxy_for

ENDPOINT: Final = "/v1/chat/completions"
COMPLETION_WINDOW: Final = "24h"
#: What a batch's result file may weigh: 50,000 answers of a few kilobytes each.
MAX_FILE_BYTES = 1024 * 1024 * 1024
#: Statuses after which a batch changes no more.
TERMINAL = frozenset({"completed", "expired", "failed", "cancelled"})


def request_line(custom_id: str, body: dict[str, Any]) -> str:
    """One line of a batch input file."""
    line = {"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


def parse_lines(content: bytes, what: str) -> list[dict[str, Any]]:
    """The JSON objects of a result file, one per line; a malformed line is an error naming the file."""
    rows = []
    for number, line in enumerate(content.decode("utf-8", "replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise BackendError(f"{what}: malformed JSON at line {number}") from None
        if isinstance(row, dict):
            rows.append(row)
    return rows


class BatchAPI:
    """The Files and Batches endpoints of the backend's server, through the SDK over the retrying transport."""

    def __init__(self, config: BackendConfig, policy: RetryPolicy) -> None:
        from openai import AsyncOpenAI

        base_url = config.resolved_base_url()
        proxy = proxy_for(str(base_url or "https://api.openai.com/v1"))
        transport = RetryingTransport(
            AiohttpTransport(proxy=proxy), dataclasses.replace(policy, max_response_bytes=MAX_FILE_BYTES)
        )
        http_client = httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(config.timeout))
        self._client = AsyncOpenAI(
            api_key=config.resolved_api_key() or "no-key",
            base_url=base_url,
            max_retries=0,  # the transport retries
            timeout=config.timeout,
            http_client=http_client,  # type: ignore[arg-type]  # the SDK takes an httpx client as well as httpx2
        )

    async def submit(self, lines: list[str], metadata: dict[str, str] | None = None) -> dict[str, Any]:
        """Upload the requests and create the batch; its status object."""
        data = ("\n".join(lines) + "\n").encode("utf-8")
        try:
            uploaded = await self._client.files.create(file=("requests.jsonl", data), purpose="batch")
            batch = await self._client.batches.create(
                input_file_id=uploaded.id,
                endpoint=ENDPOINT,
                completion_window=COMPLETION_WINDOW,
                metadata=metadata or {"tool": "summarizer"},
            )
        except Exception as exc:
            raise BackendError(f"cannot submit the batch: {_why(exc)}") from None
        return _plain(batch)

    async def status(self, batch_id: str) -> dict[str, Any]:
        try:
            return _plain(await self._client.batches.retrieve(batch_id))
        except Exception as exc:
            raise BackendError(f"cannot read batch {batch_id}: {_why(exc)}") from None

    async def file_lines(self, file_id: str) -> list[dict[str, Any]]:
        try:
            content = await self._client.files.content(file_id)
        except Exception as exc:
            raise BackendError(f"cannot download file {file_id}: {_why(exc)}") from None
        return parse_lines(content.content, f"file {file_id}")

    async def aclose(self) -> None:
        await self._client.close()


def _plain(obj: Any) -> dict[str, Any]:
    data = obj.model_dump(mode="json") if hasattr(obj, "model_dump") else dict(obj)
    return data if isinstance(data, dict) else {}


def _why(exc: BaseException) -> str:
    """A short, key-free reason: the status code or the transport fault's name, never a server's message."""
    import openai

    from summarizer.backends.transport import Fault

    status = getattr(exc, "status_code", None)
    if isinstance(exc, openai.APIStatusError) and status is not None:
        return f"HTTP {status}"
    current: BaseException | None = exc
    while current is not None:
        if isinstance(current, Fault):
            return current.problem
        current = current.__cause__ or current.__context__
    return type(exc).__name__
