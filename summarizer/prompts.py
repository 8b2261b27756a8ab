"""Prompt templates as files: ``prompts/<name>.yaml``, validated by a pydantic model and rendered with Jinja2.

A prompt file has ``version``, ``description``, ``system`` and ``user`` templates and ``examples``
(invented article text with the answer a model should give). Unknown keys are errors, every example
answer must validate as a :class:`DraftExtraction` whose quotes occur in the example text, and rendering
fails on any undefined variable.

The article is untrusted: it is wrapped in a per-call random marker (``<article-1a2b...>``) that the
article cannot close, because anything in the text shaped like such a marker is neutralised first.
The marker and everything else that changes per article live in the user message; the system message
is the same for every article (enforced on loading), so providers' prompt caches can serve it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import StrictUndefined, Template, TemplateError, meta
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from summarizer.articles import Article
from summarizer.models import DraftCasualty, DraftClaim, DraftExtraction, DraftOperation

#: Where prompt files live: ``prompts/`` at the project root, or ``$SUMMARIZER_PROMPTS``.
PROMPTS_ENV = "SUMMARIZER_PROMPTS"
DEFAULT_PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"

#: Variables the templates may use (documented here; StrictUndefined catches typos).
TEMPLATE_VARIABLES = ("tag", "examples", "text", "title", "outlet", "published", "chunk_number", "chunk_count")
#: Variables that change from one article (or chunk) to the next: only the user template may use them.
ARTICLE_VARIABLES = ("tag", "text", "title", "outlet", "published", "chunk_number", "chunk_count")

# Anything that looks like an opening or closing article marker, with any spacing or case: the
# article must not be able to end its own block or open a fake one.
_MARKER = re.compile(r"<\s*/?\s*article\b[^>]*>?", re.IGNORECASE)


class PromptError(Exception):
    """A prompt file is missing, malformed or fails validation; the message names the file."""


class PromptExample(BaseModel):
    """An invented article snippet and the answer a model should give for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    answer: DraftExtraction

    @model_validator(mode="after")
    def _quotes_are_verbatim(self) -> PromptExample:
        # An example that breaks the quote rule would teach the model to break it.
        items: list[DraftOperation | DraftCasualty | DraftClaim] = [
            *self.answer.operations,
            *self.answer.casualties,
            *self.answer.claims,
        ]
        for item in items:
            if item.quote not in self.text:
                raise ValueError(f"example quote is not verbatim in the example text: {item.quote!r}")
        return self

    @cached_property
    def answer_json(self) -> str:
        """The answer as compact JSON, as the model should write it (serialised once: every prompt shows it)."""
        return json.dumps(self.answer.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False)


class PromptTemplate(BaseModel):
    """A validated prompt file. Use :meth:`render_messages` to build the chat messages for one chunk.

    Frozen: one loaded file is shared by every backend of the process (see :func:`load_prompt_file`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "extract"
    version: str = Field(min_length=1)
    description: str = Field(min_length=1)
    system: str = Field(min_length=1)
    user: str = Field(min_length=1)
    examples: list[PromptExample] = Field(default_factory=list)

    @field_validator("system", "user")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            _env().parse(value)
        except TemplateError as exc:
            raise ValueError(f"template does not compile: {exc}") from None
        return value

    @field_validator("system")
    @classmethod
    def _system_is_static(cls, value: str) -> str:
        # The system message opens every request: kept the same for every article, the request's constant
        # prefix (schema, rules, examples) can be served from a provider's prompt cache.
        used = meta.find_undeclared_variables(_env().parse(value)) & set(ARTICLE_VARIABLES)
        if used:
            raise ValueError(
                f"the system template must be the same for every article; move {', '.join(sorted(used))}"
                " to the user template"
            )
        return value

    @field_validator("user")
    @classmethod
    def _user_wraps_the_article(cls, value: str) -> str:
        # The article must sit inside the nonce markers; a template without them would not be safe.
        if not re.search(r"<\{\{\s*tag\s*\}\}>", value) or not re.search(r"</\{\{\s*tag\s*\}\}>", value):
            raise ValueError("the user template must wrap the article in <{{ tag }}> ... </{{ tag }}>")
        if not re.search(r"\{\{\s*text\s*\}\}", value):
            raise ValueError("the user template must contain {{ text }}")
        return value

    def render_messages(
        self, article: Article, chunk_text: str, chunk_index: int = 0, chunk_count: int = 1
    ) -> list[dict[str, str]]:
        """Chat messages (system, user) for one chunk of ``article``; a fresh random marker each call."""
        tag = new_tag(chunk_text)
        meta = article.meta
        variables: dict[str, Any] = {
            "tag": tag,
            "examples": self.examples,
            "text": neutralize(chunk_text),
            "title": neutralize(meta.title) if meta.title else None,
            "outlet": neutralize(meta.outlet) if meta.outlet else None,
            "published": meta.published.isoformat() if meta.published else None,
            "chunk_number": chunk_index + 1,
            "chunk_count": chunk_count,
        }
        try:
            system = _compiled(self.system).render(**variables)
            user = _compiled(self.user).render(**variables)
        except TemplateError as exc:
            raise PromptError(f"prompt {self.name!r} (version {self.version}): cannot render: {exc}") from None
        return [{"role": "system", "content": system.strip() + "\n"}, {"role": "user", "content": user.strip() + "\n"}]


def new_tag(text: str) -> str:
    """A random marker name that does not occur in ``text``."""
    while True:
        tag = f"article-{secrets.token_hex(8)}"
        if tag not in text:
            return tag


def neutralize(text: str) -> str:
    """Defuse anything shaped like an article marker: ``<`` becomes ``‹`` so it can close nothing."""
    return _MARKER.sub(lambda m: "‹" + m.group(0)[1:], text)


@lru_cache(maxsize=1)
def _env() -> SandboxedEnvironment:
    # Sandboxed: a prompt file cannot reach Python internals; StrictUndefined: a typo is an error.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


@lru_cache(maxsize=64)
def _compiled(source: str) -> Template:
    # Compiling a template costs milliseconds; rendering is cheap. Prompts are few and immutable.
    return _env().from_string(source)


# libyaml's loader when PyYAML was built with it: several times faster than the pure-Python one.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: In a wheel, ``prompts/`` is shipped inside the package (see ``force-include`` in pyproject.toml).
PACKAGED_PROMPTS_DIR = Path(__file__).resolve().parent / "_prompts"


def prompts_dir() -> Path:
    """``$SUMMARIZER_PROMPTS`` if set, else the project's ``prompts/`` folder (a source checkout or editable
    install), else the copy packaged in the wheel."""
    if os.environ.get(PROMPTS_ENV):
        return Path(os.environ[PROMPTS_ENV])
    return DEFAULT_PROMPTS_DIR if DEFAULT_PROMPTS_DIR.is_dir() else PACKAGED_PROMPTS_DIR


def load_prompt_file(path: str | Path) -> PromptTemplate:
    """Load and validate one prompt file; :class:`PromptError` names the file and the problem.

    A file is parsed once per process while it stays unchanged (same size and modification time):
    parsing and validating the YAML costs tens of milliseconds, paid by every run that builds a backend.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise PromptError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _load_validated(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load_validated(path: Path, mtime_ns: int, size: int) -> PromptTemplate:
    # mtime_ns and size are only the cache key: a file edited in place is read again.
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except OSError as exc:
        raise PromptError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise PromptError(f"{path}: malformed YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise PromptError(f"{path}: expected a mapping with version, description, system, user, examples")
    data.setdefault("name", path.stem)
    try:
        return PromptTemplate.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise PromptError(f"{path}: {problems}") from None


def load_prompt(name: str = "extract", directory: str | Path | None = None) -> PromptTemplate:
    """Load ``<directory>/<name>.yaml`` (default directory: :func:`prompts_dir`). A path ending in .yaml works too."""
    if name.endswith((".yaml", ".yml")):
        return load_prompt_file(name)
    return load_prompt_file(Path(directory or prompts_dir()) / f"{name}.yaml")
