"""Backends and their registry. Import a backend lazily: the LLM ones pull in heavy libraries."""

from __future__ import annotations

import os

from summarizer.backends.base import API_KEY_ENV, Backend, BackendConfig, BackendError, BackendSetupError

BACKENDS = ("rules", "openai", "local", "replay")


def default_backend_name() -> str:
    """``openai`` when ``OPENAI_API_KEY`` is set, otherwise the offline ``rules`` engine."""
    return "openai" if os.environ.get(API_KEY_ENV) else "rules"


def create_backend(config: BackendConfig) -> Backend:
    """Build the backend named by ``config.name``; :class:`BackendSetupError` when its settings are wrong."""
    try:
        return _create(config)
    except BackendSetupError:
        raise
    except BackendError as exc:
        raise BackendSetupError(str(exc)) from None


def _create(config: BackendConfig) -> Backend:
    name = config.name
    if name == "rules":
        from summarizer.backends.rules import RulesBackend

        return RulesBackend(config)
    if name == "openai":
        from summarizer.backends.openai import OpenAIBackend

        return OpenAIBackend(config)
    if name == "local":
        from summarizer.backends.local import LocalBackend

        return LocalBackend(config)
    if name == "replay":
        from summarizer.backends.replay import ReplayBackend

        return ReplayBackend(config)
    raise BackendError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")


__all__ = [
    "BACKENDS",
    "Backend",
    "BackendConfig",
    "BackendError",
    "BackendSetupError",
    "create_backend",
    "default_backend_name",
]
