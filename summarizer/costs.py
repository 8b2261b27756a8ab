"""Token prices as data (``summarizer/data/prices.yaml``, or ``$SUMMARIZER_PRICES``) and cost arithmetic."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

PRICES_ENV = "SUMMARIZER_PRICES"
DEFAULT_PRICES = Path(__file__).resolve().parent / "data" / "prices.yaml"


class PriceTableError(Exception):
    """The price table cannot be read; the message names the file."""


@dataclass(frozen=True)
class Price:
    """USD per ``per_tokens`` input and output tokens; cached input at its own price when the table gives one."""

    input: float
    output: float
    per_tokens: int = 1_000_000
    cached_input: float | None = None  # None: cached input tokens cost as much as the others
    batch: float = 1.0  # multiplier for requests sent through the Batch API


@lru_cache(maxsize=8)
def _load(path: str) -> dict[str, Price]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise PriceTableError(f"{path}: cannot read the price table: {exc}") from None
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, dict):
        raise PriceTableError(f"{path}: expected 'models: {{name: {{input: .., output: ..}}}}'")
    per = int(data.get("per_tokens", 1_000_000))
    try:
        batch = float(data.get("batch_discount", 1.0))
    except (TypeError, ValueError):
        raise PriceTableError(f"{path}: 'batch_discount' must be a number (0.5: half price)") from None
    table: dict[str, Price] = {}
    for name, entry in models.items():
        try:
            cached = entry.get("cached_input")
            table[str(name)] = Price(
                float(entry["input"]),
                float(entry["output"]),
                per,
                None if cached is None else float(cached),
                float(entry.get("batch", batch)),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise PriceTableError(f"{path}: model {name!r} needs numeric 'input' and 'output'") from None
    return table


def price_table() -> dict[str, Price]:
    """The active price table: ``$SUMMARIZER_PRICES`` if set, else the bundled one."""
    return _load(str(os.environ.get(PRICES_ENV) or DEFAULT_PRICES))


def price_for(model: str | None) -> Price | None:
    """The price of ``model``: exact name, else the longest listed prefix; None when unknown."""
    if not model:
        return None
    table = price_table()
    if model in table:
        return table[model]
    # Dated snapshots ("gpt-4o-mini-2024-07-18") and provider prefixes ("openai/gpt-4o") share a price.
    bare = model.rsplit("/", 1)[-1]
    if bare in table:
        return table[bare]
    prefixes = [name for name in table if bare.startswith(name + "-")]
    return table[max(prefixes, key=len)] if prefixes else None


def cost_usd(
    model: str | None,
    input_tokens: int,
    output_tokens: int,
    *,
    cached_input_tokens: int = 0,
    batch: bool = False,
) -> float | None:
    """Estimated USD for the tokens, or None when the model's price is unknown.

    ``cached_input_tokens`` (part of ``input_tokens``) cost the cached-input price where the table gives one;
    ``batch`` applies the Batch API's discount.
    """
    price = price_for(model)
    if price is None:
        return None
    cached = min(max(0, cached_input_tokens), input_tokens) if price.cached_input is not None else 0
    cached_price = price.cached_input if price.cached_input is not None else price.input
    total = (input_tokens - cached) * price.input + cached * cached_price + output_tokens * price.output
    return total * (price.batch if batch else 1.0) / price.per_tokens
