"""Split long articles into chunks that fit a model's budget, and merge the per-chunk answers.

Chunks end on sentence boundaries and overlap by a sentence or two, so an item that straddles a
boundary is seen whole at least once; items found twice in the overlap are merged by their quote and
normalised content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from summarizer.models import DraftCasualty, DraftClaim, DraftExtraction, DraftOperation
from summarizer.sentences import sentence_spans as shared_sentence_spans

#: Default budget for the article text of one request (the prompt and answer come on top).
DEFAULT_CHUNK_TOKENS = 3000
DEFAULT_OVERLAP_SENTENCES = 1


def _default_counter() -> Callable[[str], int]:
    try:  # tiktoken is optional: a better estimate when present
        import tiktoken

        encoding = tiktoken.get_encoding("cl100k_base")
        return lambda text: len(encoding.encode(text, disallowed_special=()))
    except Exception:  # missing package or missing encoding file: fall back
        return lambda text: (len(text) + 3) // 4


_count_tokens: Callable[[str], int] | None = None


def estimate_tokens(text: str) -> int:
    """Tokens in ``text``: tiktoken's count when installed, otherwise about one per four characters."""
    global _count_tokens
    if _count_tokens is None:
        _count_tokens = _default_counter()
    return _count_tokens(text)


@dataclass(frozen=True)
class Chunk:
    """A slice ``text[start:end]`` of the article."""

    index: int
    start: int
    end: int
    text: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of ``text`` (whitespace between them belongs to the earlier one), from the
    package's one sentence splitter."""
    return shared_sentence_spans(text)


def _split_long(start: int, end: int, text: str, max_tokens: int) -> list[tuple[int, int]]:
    # A single sentence over budget (a wall of text with no full stops): cut on whitespace.
    pieces: list[tuple[int, int]] = []
    max_chars = max(1, max_tokens * 4)
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars)
        cut = cut + 1 if cut > start else start + max_chars
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def chunk_text(
    text: str, max_tokens: int = DEFAULT_CHUNK_TOKENS, overlap_sentences: int = DEFAULT_OVERLAP_SENTENCES
) -> list[Chunk]:
    """Split ``text`` into chunks of at most ``max_tokens`` (estimated), on sentence boundaries.

    Each chunk after the first repeats the last ``overlap_sentences`` sentences of the one before.
    A text within budget is one chunk, identical to the text.
    """
    if estimate_tokens(text) <= max_tokens:
        return [Chunk(0, 0, len(text), text)]
    units: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if estimate_tokens(text[start:end]) > max_tokens:
            units.extend(_split_long(start, end, text, max_tokens))
        else:
            units.append((start, end))
    chunks: list[Chunk] = []
    first = 0
    while first < len(units):
        last = first
        # Grow the chunk while the next unit still fits.
        while last + 1 < len(units) and estimate_tokens(text[units[first][0] : units[last + 1][1]]) <= max_tokens:
            last += 1
        start, end = units[first][0], units[last][1]
        chunks.append(Chunk(len(chunks), start, end, text[start:end]))
        if last + 1 >= len(units):
            break
        # Step back for the overlap, but always advance by at least one unit.
        first = max(first + 1, last + 1 - overlap_sentences)
    return chunks


# --------------------------------------------------------------------------- merging answers


def _norm(value: str | None) -> str:
    return " ".join((value or "").split()).casefold().strip(" .,;:\"'“”‘’")


def _operation_key(op: DraftOperation) -> tuple[str, ...]:
    # A named operation mentioned in two chunks is one operation even with different quotes.
    if op.name:
        return ("name", _norm(op.name), _norm(op.phase))
    return ("quote", _norm(op.quote), op.kind.value)


def _casualty_key(item: DraftCasualty) -> tuple[str, ...]:
    return (_norm(item.quote), _norm(item.victims), item.outcome.value, _norm(item.count_phrase))


def _claim_key(item: DraftClaim) -> tuple[str, ...]:
    return (_norm(item.quote), _norm(item.claimant), item.kind.value)


def merge_drafts(drafts: Sequence[DraftExtraction]) -> DraftExtraction:
    """One draft from per-chunk drafts: items de-duplicated, operation indexes remapped to the merged list."""
    if len(drafts) == 1:
        return drafts[0]
    operations: list[DraftOperation] = []
    op_index: dict[tuple[str, ...], int] = {}
    casualties: list[DraftCasualty] = []
    claims: list[DraftClaim] = []
    seen_cas: set[tuple[str, ...]] = set()
    seen_claims: set[tuple[str, ...]] = set()
    summaries: list[str] = []
    for draft in drafts:
        remap: dict[int, int] = {}
        for i, op in enumerate(draft.operations):
            key = _operation_key(op)
            if key not in op_index:
                op_index[key] = len(operations)
                operations.append(op)
            else:
                kept = operations[op_index[key]]
                if not kept.date_phrase and op.date_phrase:  # keep the most informative copy's date
                    operations[op_index[key]] = kept.model_copy(update={"date_phrase": op.date_phrase})
            remap[i] = op_index[key]

        def moved(index: int | None, remap: dict[int, int] = remap) -> int | None:
            return remap.get(index) if index is not None else None

        for cas in draft.casualties:
            key = _casualty_key(cas)
            if key not in seen_cas:
                seen_cas.add(key)
                casualties.append(cas.model_copy(update={"operation_index": moved(cas.operation_index)}))
        for claim in draft.claims:
            key = _claim_key(claim)
            if key not in seen_claims:
                seen_claims.add(key)
                claims.append(claim.model_copy(update={"operation_index": moved(claim.operation_index)}))
        if draft.summary.strip():
            summaries.append(draft.summary.strip())
    return DraftExtraction(summary=" ".join(summaries), operations=operations, casualties=casualties, claims=claims)
