"""The backend protocol: an article in, an :class:`ArticleExtraction` out.

A backend knows nothing about grounding, storage or briefing; the pipeline is the one orchestrator.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from summarizer.articles import Article
from summarizer.models import ArticleExtraction

API_KEY_ENV = "OPENAI_API_KEY"
DEFAULT_TIMEOUT = 120.0  # seconds for one request, connect to last byte
DEFAULT_DEADLINE = 300.0  # seconds for one article: every request, retry, wait and re-ask
DEFAULT_MAX_RESPONSE_MB = 8.0  # an answer for one chunk is tens of kilobytes
BASE_URL_ENV = "OPENAI_BASE_URL"
KEYRING_SERVICE = "summarizer"


class BackendError(Exception):
    """A backend could not produce an extraction for one article; the message is one line, key-free."""


class BackendSetupError(BackendError):
    """A backend cannot be built from its settings (unknown mode, missing cassette, no key): a usage error."""


@dataclass
class BackendConfig:
    """Settings shared by the backends. ``api_key`` is read from the environment and never stored."""

    name: str = "rules"
    model: str | None = None
    base_url: str | None = None
    mode: str | None = None
    timeout: float = DEFAULT_TIMEOUT  # --timeout
    max_attempts: int = 3  # validation re-asks
    max_retries: int = 6  # transport retries
    deadline: float = DEFAULT_DEADLINE  # --deadline
    max_response_bytes: int = int(DEFAULT_MAX_RESPONSE_MB * 1024 * 1024)  # refused while read (--max-response-mb)
    cassette: str | None = None
    prompt: str | None = None
    api_key: str | None = field(default=None, repr=False)
    options: dict[str, object] = field(default_factory=dict)

    def resolved_api_key(self) -> str | None:
        """The key from the config, else ``$OPENAI_API_KEY``, else the system keyring (if ``keyring`` is installed,
        service ``summarizer``, user ``openai``). It is never written anywhere."""
        key = self.api_key or os.environ.get(API_KEY_ENV)
        if key:
            return key
        try:
            import keyring
        except ImportError:
            return None
        try:
            return keyring.get_password(KEYRING_SERVICE, "openai") or None
        except Exception:  # a broken keyring backend must not stop an offline run
            return None

    def resolved_base_url(self) -> str | None:
        return self.base_url or os.environ.get(BASE_URL_ENV) or None


@runtime_checkable
class Backend(Protocol):
    """What the pipeline needs of a backend."""

    name: str

    def fingerprint(self) -> str:
        """Everything that changes the answer (backend, model, prompt and schema version, settings).

        Stored extractions and cached responses are keyed on it, so a change of any of these re-runs.
        """
        ...

    async def extract(self, article: Article) -> ArticleExtraction:
        """Extract one article. Raise :class:`BackendError` with a one-line reason on failure.

        Return a fresh object on every call: the pipeline grounds and normalises it in place.
        """
        ...

    async def aclose(self) -> None:
        """Release connections, models, files."""
        ...
