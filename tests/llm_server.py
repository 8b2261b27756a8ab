"""A real HTTP server on 127.0.0.1 that speaks OpenAI Chat Completions, scripted per test.

No mocks of the client: the OpenAI SDK, instructor and httpx all run for real against this server.
A test queues steps (an answer, an HTTP status with headers, a delay, a dropped connection, a body that is
not JSON, cut short, reset mid-way or too large) or sets a
``responder`` that picks a step from the request; every request is recorded (path, headers, body).

Answers are shaped to the request, as a server would: a tool call when the request offers tools, JSON
content when it asks for a JSON ``response_format``, and a fenced JSON block otherwise (md_json).
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import multiprocessing
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server(ThreadingHTTPServer):
    # The stdlib's listen backlog is 5: a client opening 16 connections at once would see SYNs dropped and
    # retried a second later, a stall no real endpoint causes.
    request_queue_size = 128


@dataclass
class Reply:
    """A model answer: ``answer`` is a dict (sent as JSON) or a raw string (sent as is)."""

    answer: dict[str, Any] | str
    input_tokens: int = 100
    output_tokens: int = 20
    delay: float = 0.0
    cached_tokens: int | None = None  # reported as usage.prompt_tokens_details.cached_tokens when set


@dataclass
class Status:
    """An HTTP error status with an optional JSON body and headers (e.g. Retry-After)."""

    code: int
    body: dict[str, Any] = field(default_factory=lambda: {"error": {"message": "scripted failure", "type": "test"}})
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Drop:
    """Read the request, then close the connection without answering."""

    delay: float = 0.0


@dataclass
class Raw:
    """A 200 whose body is ``body`` as is (not JSON: a proxy's error page, garbage)."""

    body: bytes = b"<html><body>502 Bad Gateway (PLANTED-SECRET)</body></html>"
    delay: float = 0.0


@dataclass
class Truncated:
    """A well-formed answer cut short: ``Content-Length`` promises the whole body, half of it is sent."""

    reply: Reply
    delay: float = 0.0


@dataclass
class ChunkedCut:
    """A chunked answer whose connection closes after the first chunk, without the terminating chunk."""

    reply: Reply
    delay: float = 0.0


@dataclass
class ResetMidBody:
    """Headers and part of the body, then a TCP reset (RST) instead of the rest."""

    reply: Reply
    delay: float = 0.0


@dataclass
class Huge:
    """A 200 streaming ``size`` bytes of JSON-looking filler, without ``Content-Length`` (chunked)."""

    size: int
    delay: float = 0.0


Step = Reply | Status | Drop | Raw | Truncated | ChunkedCut | ResetMidBody | Huge


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def text(self) -> str:
        """All message contents joined: what the model was shown."""
        return "\n".join(str(m.get("content") or "") for m in self.messages)


def completion_body(request: dict[str, Any], reply: Reply) -> dict[str, Any]:
    """A ``chat.completion`` object carrying ``reply`` in the shape the request asked for."""
    payload = reply.answer if isinstance(reply.answer, str) else json.dumps(reply.answer)
    message: dict[str, Any] = {"role": "assistant", "content": None}
    finish = "stop"
    if request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        message["tool_calls"] = [{"id": "call_1", "type": "function", "function": {"name": name, "arguments": payload}}]
        finish = "tool_calls"
    elif request.get("response_format"):
        message["content"] = payload
    else:
        message["content"] = f"```json\n{payload}\n```"
    usage: dict[str, Any] = {
        "prompt_tokens": reply.input_tokens,
        "completion_tokens": reply.output_tokens,
        "total_tokens": reply.input_tokens + reply.output_tokens,
    }
    if reply.cached_tokens is not None:
        usage["prompt_tokens_details"] = {"cached_tokens": reply.cached_tokens}
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "test-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": usage,
    }


@dataclass
class BatchPlan:
    """How the server's Batch API plays out: ``polls`` status reads in progress, then ``outcome``.

    ``expired``: only the first ``done`` requests of the input file were answered (in the output file);
    the others are in the error file as ``batch_expired``. ``failed``: the batch never ran (no files).
    """

    polls: int = 2
    outcome: str = "completed"  # completed | expired | failed
    done: int | None = None


class LLMServer:
    """``with LLMServer() as server:`` then point a client at ``server.base_url``.

    Besides Chat Completions it serves OpenAI's Files and Batches endpoints: an uploaded JSONL of chat
    requests is answered line by line with the same steps (queue, responder, default) when the batch
    finishes, as ``batch_plan`` says.
    """

    def __init__(self, default: Step | None = None) -> None:
        self.queue: deque[Step] = deque()
        self.default = default
        self.responder: Callable[[Request], Step | None] | None = None
        self.requests: list[Request] = []
        self.batch_plan = BatchPlan()
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_polls: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # ------------------------------------------------------------------ scripting

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def enqueue(self, *steps: Step) -> None:
        with self._lock:
            self.queue.extend(steps)

    def _next(self, request: Request, record: bool = True) -> Step:
        with self._lock:
            if record:
                self.requests.append(request)
            if self.responder is not None:
                step = self.responder(request)
                if step is not None:
                    return step
            if self.queue:
                return self.queue.popleft()
        return self.default or Status(500, {"error": {"message": "nothing scripted", "type": "test"}})

    # ------------------------------------------------------------------ files and batches

    def upload(self, content: bytes) -> dict[str, Any]:
        with self._lock:
            file_id = f"file-{len(self.files) + 1}"
            self.files[file_id] = content
        return {"id": file_id, "object": "file", "bytes": len(content), "created_at": int(time.time()),
                "filename": "input.jsonl", "purpose": "batch", "status": "processed"}  # fmt: skip

    def create_batch(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            batch_id = f"batch_{len(self.batches) + 1}"
            lines = self.files.get(body.get("input_file_id", ""), b"").decode().splitlines()
            batch = {
                "id": batch_id, "object": "batch", "endpoint": body.get("endpoint"), "errors": None,
                "input_file_id": body.get("input_file_id"), "completion_window": body.get("completion_window"),
                "status": "validating", "output_file_id": None, "error_file_id": None,
                "created_at": int(time.time()), "metadata": body.get("metadata"),
                "request_counts": {"total": len([x for x in lines if x.strip()]), "completed": 0, "failed": 0},
            }  # fmt: skip
            self.batches[batch_id] = batch
            self.batch_polls[batch_id] = 0
        return batch

    def poll_batch(self, batch_id: str) -> dict[str, Any] | None:
        with self._lock:
            batch = self.batches.get(batch_id)
            if batch is None or batch["status"] in ("completed", "expired", "failed"):
                return batch
            self.batch_polls[batch_id] += 1
            if self.batch_polls[batch_id] < self.batch_plan.polls:
                batch["status"] = "in_progress"
                return dict(batch)
            plan = self.batch_plan
            lines = [json.loads(x) for x in self.files[batch["input_file_id"]].decode().splitlines() if x.strip()]
        if plan.outcome == "failed":
            with self._lock:
                batch["status"] = "failed"
                batch["errors"] = {"object": "list", "data": [{"code": "invalid_request", "message": "scripted"}]}
            return batch
        done = len(lines) if plan.outcome == "completed" or plan.done is None else plan.done
        output, errors = [], []
        for index, line in enumerate(lines):
            if index >= done:
                errors.append({"id": f"req_{index}", "custom_id": line["custom_id"], "response": None,
                               "error": {"code": "batch_expired", "message": "not run in time"}})  # fmt: skip
                continue
            request = Request(f"batch {line['url']}", {}, line["body"])  # the path says where it came from
            step = self._next(request, record=False)  # answered inside the batch: not a request to the server
            if isinstance(step, Reply):
                body = completion_body(line["body"], step)
                response = {"status_code": 200, "request_id": f"r{index}", "body": body}
                output.append(
                    {"id": f"req_{index}", "custom_id": line["custom_id"], "response": response, "error": None}
                )
            else:
                code = step.code if isinstance(step, Status) else 500
                errors.append({"id": f"req_{index}", "custom_id": line["custom_id"],
                               "response": {"status_code": code, "request_id": f"r{index}", "body": {"error": {}}},
                               "error": None})  # fmt: skip
        with self._lock:
            for name, rows in (("output_file_id", output), ("error_file_id", errors)):
                if rows:
                    file_id = f"file-{len(self.files) + 1}"
                    self.files[file_id] = "".join(json.dumps(r) + "\n" for r in rows).encode()
                    batch[name] = file_id
            batch["status"] = plan.outcome
            batch["request_counts"] = {"total": len(lines), "completed": len(output), "failed": len(errors)}
            return batch

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> LLMServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class, bound to this server's script."""
        return type("Handler", (_Handler,), {"script": self})


class _Handler(BaseHTTPRequestHandler):
    """Serves one :class:`LLMServer`'s script (``script``, set on the subclass each server makes)."""

    script: LLMServer

    protocol_version = "HTTP/1.1"  # keep-alive, as real endpoints
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

    def log_message(self, *args: object) -> None:  # quiet
        return None

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        with self.script._lock:
            self.script.requests.append(Request(path, {k.lower(): v for k, v in self.headers.items()}, {}))
        if path.startswith("/v1/batches/"):
            batch = self.script.poll_batch(path.rsplit("/", 1)[-1])
            if batch is None:
                self._send(404, {"error": {"message": "no such batch", "type": "test"}}, {})
            else:
                self._send(200, batch, {})
        elif path.startswith("/v1/files/") and path.endswith("/content"):
            content = self.script.files.get(path.split("/")[3])
            if content is None:
                self._send(404, {"error": {"message": "no such file", "type": "test"}}, {})
                return
            self._head(200, {"Content-Length": str(len(content))})
            self.wfile.write(content)
            self.wfile.flush()
        else:
            self._send(404, {"error": {"message": "unknown path", "type": "test"}}, {})

    def _files_and_batches(self, raw: bytes) -> bool:
        """The Files and Batches endpoints; False for any other path."""
        path = self.path.split("?")[0]
        if path.endswith("/v1/files"):
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {self.headers.get('Content-Type')}\r\n\r\n".encode() + raw
            )
            content = b""
            for part in message.iter_parts():
                if part.get_param("name", header="content-disposition") == "file":
                    content = part.get_payload(decode=True) or b""
            with self.script._lock:
                self.script.requests.append(Request(path, {}, {"file_bytes": len(content)}))
            self._send(200, self.script.upload(content), {})
            return True
        if path.endswith("/v1/batches"):
            body = json.loads(raw or b"{}")
            with self.script._lock:
                self.script.requests.append(Request(path, {}, body))
            self._send(200, self.script.create_batch(body), {})
            return True
        return False

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self._files_and_batches(raw):
            return
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {}
        request = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        step = self.script._next(request)
        if step.delay:
            time.sleep(step.delay)
        try:
            if isinstance(step, Drop):
                self.close_connection = True
                return
            if not self.path.endswith("/chat/completions"):
                self._send(404, {"error": {"message": "unknown path", "type": "test"}}, {})
            elif isinstance(step, Status):
                self._send(step.code, step.body, step.headers)
            elif isinstance(step, Reply):
                self._send(200, completion_body(body, step), {})
            else:
                self._fault(step, body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (a timeout test)

    def _fault(self, step: Step, body: dict[str, Any]) -> None:
        self.close_connection = True
        if isinstance(step, Raw):
            self._head(200, {"Content-Length": str(len(step.body))})
            self.wfile.write(step.body)
        elif isinstance(step, Truncated | ResetMidBody):
            data = json.dumps(completion_body(body, step.reply)).encode()
            self._head(200, {"Content-Length": str(len(data))})
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            if isinstance(step, ResetMidBody):
                # SO_LINGER with a zero timeout: close() sends RST, not FIN (closed here, before the
                # server's own shutdown would send a FIN first).
                time.sleep(0.05)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                return
        elif isinstance(step, ChunkedCut):
            data = json.dumps(completion_body(body, step.reply)).encode()
            self._head(200, {"Transfer-Encoding": "chunked"})
            half = data[: len(data) // 2]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(half), half))
        elif isinstance(step, Huge):
            self._head(200, {"Transfer-Encoding": "chunked"})
            block = b'{"filler": "' + b"x" * 65_000 + b'"},'
            sent = 0
            while sent < step.size:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
                sent += len(block)
            self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _head(self, code: int, headers: dict[str, str]) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _send(self, code: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()


def _serve_in_child(conn: Any, default: Step) -> None:
    with LLMServer(default=default) as server:
        conn.send(server.base_url)
        conn.recv()  # until the parent says stop (or goes away)


@contextmanager
def server_process(default: Step) -> Iterator[str]:
    """An :class:`LLMServer` answering ``default`` in a child process; yields its base URL.

    For measurements: a server thread in the client's own process competes with the client for the GIL
    (parsing each request, building each answer), which slows the client down and is no part of it.
    """
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_serve_in_child, args=(child, default), daemon=True)
    process.start()
    try:
        yield parent.recv()
    finally:
        parent.send("stop")
        process.join(timeout=10)
        if process.is_alive():
            process.terminate()
