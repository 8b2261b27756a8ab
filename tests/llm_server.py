"""A real HTTP server on 127.0.0.1 that speaks OpenAI Chat Completions, scripted per test.

No mocks of the client: the OpenAI SDK, instructor and httpx all run for real against this server.
A test queues steps (an answer, an HTTP status with headers, a delay, a dropped connection, a body that is
not JSON, cut short, reset mid-way or too large) or sets a
``responder`` that picks a step from the request; every request is recorded (path, headers, body).

Answers are shaped to the request, as a server would: a tool call when the request offers tools, JSON
content when it asks for a JSON ``response_format``, and a fenced JSON block otherwise (md_json).
"""

from __future__ import annotations

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


class LLMServer:
    """``with LLMServer() as server:`` then point a client at ``server.base_url``."""

    def __init__(self, default: Step | None = None) -> None:
        self.queue: deque[Step] = deque()
        self.default = default
        self.responder: Callable[[Request], Step | None] | None = None
        self.requests: list[Request] = []
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

    def _next(self, request: Request) -> Step:
        with self._lock:
            self.requests.append(request)
            if self.responder is not None:
                step = self.responder(request)
                if step is not None:
                    return step
            if self.queue:
                return self.queue.popleft()
        return self.default or Status(500, {"error": {"message": "nothing scripted", "type": "test"}})

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> LLMServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real endpoints
            disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

            def log_message(self, *args: object) -> None:  # quiet
                return None

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {}
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                step = server._next(request)
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

        return Handler


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
