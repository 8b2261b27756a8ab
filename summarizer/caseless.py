"""Case-insensitive patterns run as case-sensitive ones over the lower-cased text: the same matches, faster.

Python's regex engine tests a case-insensitive letter by lower-casing the text's character at every try, and it
cannot skip the alternatives of a large alternation by their first letter as it does for a case-sensitive one.
The engine's largest patterns (the trigger families, the gazetteer's alias tries) are case-insensitive and run
over every sentence, so :class:`Caseless` compiles a copy of such a pattern with its letters lower-cased and
without the flag, and runs it over ``text.lower()``. Lower-casing keeps the offsets, so the spans are the
original pattern's; where it would not keep them, or where the case-insensitive engine knows an equivalence that
``str.lower`` does not (dotless "ı" and long "ſ" match "i" and "s"), the original pattern runs instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# The text lower-cased last: readers scan windows of one article's text one after the other (the date grammar
# reads the clauses of the whole text), so the whole text is lower-cased once, not once per window. Only the one
# latest text is kept, so memory stays flat.
_last_lowered: tuple[str, str | None] = ("", "")
# Escapes that spell a literal character (whose case the copy could not lower) or a case-dependent class.
_LITERAL_ESCAPE = re.compile(r"\\(?:[xuUN0-7]|[1-9]\d*)")


def _lowered_source(source: str) -> str:
    """``source`` with its letters lower-cased (escapes untouched), its groups made non-capturing (the twin only
    says where the pattern matches: the pattern itself gives the groups) and the case flag dropped."""
    if _LITERAL_ESCAPE.search(source.replace("\\\\", "")) or "(?P=" in source or "(?(" in source:
        raise ValueError("Caseless: literal escapes (\\x, \\u, \\N, octal) and backreferences are not supported")
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            out.append(source[i : i + 2])  # \b, \S, \W... keep their case: it is their meaning
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":  # a class: its first "]" (after an optional "^") is a member, not its end
            opening = re.match(r"\[\^?\]?", source[i:])
            assert opening is not None
            out.append(opening.group(0))
            i += len(opening.group(0))
            in_class = True
            continue
        elif source.startswith("(?P<", i):
            out.append("(?:")
            i = source.index(">", i) + 1
            continue
        elif ch == "(" and not source.startswith("(?", i):
            out.append("(?:")
            i += 1
            continue
        out.append(ch.lower())
        i += 1
    lowered = "".join(out)
    if "(?-" in lowered or re.search(r"\(\?[a-z]*[lL]", lowered):
        raise ValueError("Caseless: a case-sensitive or locale part cannot run over lower-cased text")
    if any(ord(ch) > 0x24F and ch.lower() != ch.upper() for ch in lowered):
        raise ValueError("Caseless: only Latin letters are supported")  # Greek letters have engine-only equivalents
    # the whole pattern is case-insensitive: the inline flags, global or local, say nothing more
    return re.sub(r"\(\?([a-z]*)i([a-z]*)([):])", _drop_i, lowered)


def _drop_i(flags: re.Match[str]) -> str:
    rest = flags.group(1) + flags.group(2)
    if flags.group(3) == ")":
        return f"(?{rest})" if rest else ""
    return f"(?{rest}:"


class Caseless:
    """A case-insensitive ``pattern`` with a faster twin for the lower-cased text (see the module docstring).

    The matches it yields are the original pattern's own match objects (read against the original text), so
    ``group()`` keeps the text's case. Patterns that can match the empty string are not supported."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not pattern.flags & re.IGNORECASE:
            raise ValueError("Caseless: the pattern must be case-insensitive")
        self.pattern = pattern
        self.lowered = re.compile(_lowered_source(pattern.pattern), pattern.flags & ~re.IGNORECASE)

    @staticmethod
    def lower(text: str) -> str | None:
        """``text`` lower-cased when the lower-cased twin may read it in its place, else None."""
        global _last_lowered
        # dotless "ı" and long "ſ": their lower case is not the letter the case-insensitive engine takes them for
        last = _last_lowered  # one read: another thread may replace it meanwhile
        if last[0] is text:
            return last[1]
        low = text.lower()
        usable = low if len(low) == len(text) and "\u0131" not in text and "\u017f" not in text else None
        _last_lowered = (text, usable)
        return usable

    def spans(self, text: str, lowered: str | None = None) -> list[tuple[int, int]]:
        """The ``(start, end)`` of every match, as ``pattern.finditer(text)`` gives them; ``lowered`` is
        ``Caseless.lower(text)`` when the caller has it already."""
        low = lowered if lowered is not None else self.lower(text)
        if low is None:
            return [m.span() for m in self.pattern.finditer(text)]
        return [m.span() for m in self.lowered.finditer(low)]

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``."""
        low = lowered if lowered is not None else self.lower(text)
        if low is None:
            yield from self.pattern.finditer(text)
            return
        for found in self.lowered.finditer(low):
            yield self._original(text, found)

    def search(
        self, text: str, lowered: str | None = None, pos: int = 0, endpos: int | None = None
    ) -> re.Match[str] | None:
        """``pattern.search(text, pos, endpos)``."""
        end = len(text) if endpos is None else endpos
        low = lowered if lowered is not None else self.lower(text)
        if low is None:
            return self.pattern.search(text, pos, end)
        found = self.lowered.search(low, pos, end)
        return self._original(text, found, end) if found is not None else None

    def _original(self, text: str, found: re.Match[str], endpos: int | None = None) -> re.Match[str]:
        """The original pattern's match where the twin found one (one try, at that position)."""
        match = self.pattern.match(text, found.start(), len(text) if endpos is None else endpos)
        if match is None or match.end() != found.end():  # pragma: no cover - the two patterns are one language
            raise AssertionError(f"Caseless: {self.pattern.pattern[:40]!r} and its twin disagree at {found.start()}")
        return match


class Hinted:
    """A pattern that is case-sensitive in places ("May" the month, not "may"), scanned with the help of its
    case-insensitive twin: the twin, run over the lower-cased text (see :class:`Caseless`), finds every position
    where the pattern may match at a fraction of the cost, and the pattern itself is tried only there.

    Exact when the pattern's case-sensitive parts only ever narrow what it matches, i.e. no case-sensitive
    negative lookaround: then wherever the pattern matches, its case-insensitive copy matches too, and the first
    such position at or after any point is where the pattern's own scan would look first. Patterns that can
    match the empty string are not supported."""

    def __init__(self, pattern: re.Pattern[str], hint: str | None = None) -> None:
        """``hint``, when given, replaces the pattern's own source in the twin: a pattern that matches (ignoring
        case) wherever ``pattern`` may start, for a pattern with a case-sensitive negative lookaround ("not after
        'so-'") that its twin would read too strictly."""
        self.pattern = pattern
        self._twin = Caseless(re.compile(hint or pattern.pattern, pattern.flags | re.IGNORECASE)).lowered

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, pos, endpos)``."""
        end = len(text) if endpos is None else endpos
        low = Caseless.lower(text)
        if low is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        while (hint := self._twin.search(low, pos, end)) is not None:
            match = self.pattern.match(text, hint.start(), end)
            if match is None:
                pos = hint.start() + 1  # the case the pattern asks for is not there: look further on
                continue
            yield match
            pos = match.end()

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``."""
        return next(self.finditer(text), None)

    def sub(self, replacement: str, text: str) -> str:
        """``pattern.sub(replacement, text)`` for a plain ``replacement`` (no group references)."""
        pieces: list[str] = []
        last = 0
        for match in self.finditer(text):
            pieces += [text[last : match.start()], replacement]
            last = match.end()
        return "".join(pieces) + text[last:] if pieces else text
