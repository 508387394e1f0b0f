"""mojibake: UTF-8 text that was decoded with the wrong codec somewhere on its way.

ftfy does the calibrated part (is this a wrong decode, and which codec). What it
leaves are sequences whose undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) or soft
hyphen (0xAD) were dropped: ``ğŸ§‘â€ğŸ”¬`` lost its zero-width joiner, ``MatÃas`` its
0xAD. Those are rebuilt byte by byte here, only in a file where ftfy already proved
a wrong decode, and the fix is marked unsafe because a byte was inferred.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from os.path import commonprefix
from types import ModuleType
from typing import TYPE_CHECKING

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity

if TYPE_CHECKING:  # for its types only: ftfy is imported on the first line worth asking it about
    import ftfy

_CODECS = ("sloppy-windows-1252", "sloppy-windows-1254", "latin-1")  # ftfy's sloppy codecs: see _explain
_LOST = (0x8F, 0x8D, 0xAD, 0x90, 0x9D, 0x81)  # bytes a wrong decode drops, likeliest first


@lru_cache(maxsize=1)
def _ftfy() -> tuple[ModuleType, ftfy.TextFixerConfig]:
    """ftfy and its configuration, imported on the first line worth asking it about: it
    takes 50 ms to import, a third of awesomelint's start-up, and most files (ASCII, or
    real emoji) never need it. Importing it registers the sloppy-windows codecs."""
    import ftfy
    import ftfy.bad_codecs  # noqa: F401

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )
    return ftfy, config


def _explain(text: str) -> ftfy.ExplainedText:
    ftfy, config = _ftfy()
    return ftfy.fix_and_explain(text, config=config)


def _chars_for(low: int, high: int) -> str:
    """Every character a byte in ``low..high`` becomes under the codecs of _CODECS. The
    sloppy codecs decode exactly as Windows-125x, plus the bytes it leaves undefined as
    Latin-1 does, so the standard codecs give the same set without importing ftfy (a
    test checks this against ftfy's codecs)."""
    chars: set[str] = set()
    for codec in ("cp1252", "cp1254", "latin-1"):
        chars.update(bytes(range(low, high + 1)).decode(codec, errors="ignore"))
    return "".join(sorted(chars))


_CONT = _chars_for(0x80, 0xBF)
_LEAD = _chars_for(0xC2, 0xF4)
_RUN = re.compile(f"(?:[{re.escape(_LEAD)}][{re.escape(_CONT)}]{{1,3}})+")
_SUSPECT = re.compile(f"[{re.escape(_LEAD)}][{re.escape(_CONT)}]")
_IN_WORD_A_TILDE = re.compile(r"(?<=[a-z])Ã(?=[a-z])")
# F0 9F, the first bytes of every emoji, read as Windows-1254 or -1252: never real text
_EMOJI_LEAD = re.compile("[ğð]\u0178")
_REMNANT = re.compile(r"(?:(?<=\s)|^)[âğðÃÂ](?=\s|$|[.,;:!?)])")


def _plausible(char: str) -> bool:
    category = unicodedata.category(char)
    return category not in ("Cn", "Co", "Cs", "Cc") and char != "\ufffd"


def _decode_with_gaps(data: bytes, before: str = "", after: str = "") -> tuple[str, int, list[list[str]]] | None:
    """Decode UTF-8, filling a single missing byte per character: (text, bytes inferred,
    the candidates of every fill the context did not settle). ``before`` and ``after``
    are the characters around the run, which settle a fill at its edges."""
    parts: list[str | list[str]] = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            parts.append(chr(byte))
            i += 1
            continue
        size = 2 if 0xC2 <= byte <= 0xDF else 3 if 0xE0 <= byte <= 0xEF else 4 if 0xF0 <= byte <= 0xF4 else 0
        if not size:
            return None
        tail = bytearray()
        j = i + 1
        while j < len(data) and len(tail) < size - 1 and 0x80 <= data[j] <= 0xBF:
            tail.append(data[j])
            j += 1
        if len(tail) == size - 1:
            try:
                parts.append((bytes([byte]) + bytes(tail)).decode("utf-8"))
            except UnicodeDecodeError:
                return None
        elif len(tail) == size - 2:
            candidates = _gap_candidates(byte, bytes(tail))
            if not candidates:
                return None
            parts.append(candidates)
        else:
            return None
        i = j
    inferred = 0
    doubts: list[list[str]] = []
    for index, part in enumerate(parts):
        if isinstance(part, list):
            inferred += 1
            previous = _neighbour(parts, index, -1, before)
            following = _neighbour(parts, index, 1, after)
            settled = _settle(part, previous, following)
            if len(settled) > 1:
                doubts.append(settled)
            parts[index] = settled[0]
    text = "".join(parts)  # type: ignore[arg-type]
    if not all(_plausible(c) for c in text if ord(c) > 0x7F):
        return None
    return text, inferred, doubts


def _neighbour(parts: list, index: int, step: int, outside: str) -> str:
    other = index + step
    if 0 <= other < len(parts):
        part = parts[other]
        return part if isinstance(part, str) else ""
    return outside


def _emoji(char: str) -> bool:
    if not char:
        return False
    code = ord(char)
    return code == 0xFE0F or (
        unicodedata.category(char) in ("So", "Sk") and (code >= 0x1F000 or 0x2600 <= code <= 0x27BF)
    )


_PICTOGRAPHS = ((0x1F300, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F900, 0x1F9FF), (0x1FA70, 0x1FAFF), (0x2600, 0x27BF))


def _pictograph(char: str) -> bool:
    """A character of the blocks emoji come from."""
    return any(low <= ord(char) <= high for low, high in _PICTOGRAPHS)


def _settle(candidates: list[str], previous: str, following: str) -> list[str]:
    """The candidates the context leaves: a joiner between two emoji, a variation selector
    after one, a letter in the case of the word around it."""
    if "\u200d" in candidates and _emoji(previous) and _emoji(following):
        return ["\u200d"]
    if "\ufe0f" in candidates and _emoji(previous):
        return ["\ufe0f"]
    pictographs = [c for c in candidates if _pictograph(c)]
    if pictographs and (_emoji(previous) or _emoji(following) or _pictograph(candidates[0])):
        candidates = pictographs  # among emoji, an emoji: not a domino tile or an alchemical sign
    letters = [c for c in candidates if c.isalpha()]
    around = [c for c in (previous, following) if c.isalpha() and c.lower() != c.upper()]
    if letters and around:
        lower = all(c.islower() for c in around)
        upper = all(c.isupper() for c in around)
        same_case = [c for c in letters if (lower and c.islower()) or (upper and c.isupper())]
        if same_case:
            return same_case
    return candidates


def _gap_candidates(lead: int, tail: bytes) -> list[str]:
    """The characters a sequence one byte short can have been, likeliest first.

    Emoji are F0 9F xx yy and their dropped byte is usually xx (blocks 1F3xx-1F4xx);
    E2 80 xx is usually a zero-width joiner (8D) or a closing quote (9D); EF B8 xx
    is the emoji variation selector (8F); C3 xx in a word is a soft-hyphen-eaten í.
    """
    positions = list(range(len(tail), -1, -1))
    if lead == 0xF0 and tail[:1] == b"\x9f":
        positions = [1] + [p for p in positions if p != 1]
    order = {0xE2: (0x8D, 0x9D, 0x90, 0x8F, 0x81, 0xAD), 0xC3: (0xAD, 0x81, 0x8D, 0x8F, 0x90, 0x9D)}.get(lead, _LOST)
    found: list[str] = []
    for position in positions:
        for lost in order:
            candidate = bytes([lead]) + tail[:position] + bytes([lost]) + tail[position:]
            try:
                char = candidate.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if _plausible(char) and char not in found:
                found.append(char)
    return found


def _repair_run(run: str, before: str = "", after: str = "") -> tuple[str, int, list[list[str]]] | None:
    best: tuple[str, int, list[list[str]]] | None = None
    for codec in _CODECS:
        try:
            data = run.encode(codec)
        except UnicodeEncodeError:
            continue
        decoded = _decode_with_gaps(data, before, after)
        if decoded and decoded[0] != run and (best is None or decoded[1] < best[1]):
            best = decoded
    return best


@lru_cache(maxsize=4096)
def repair_line(line: str) -> tuple[str, bool, bool]:
    """(repaired line, ftfy proved a wrong decode, a byte had to be inferred)."""
    result = _explain(line)
    exact = result.text != line and any(step[0] in ("encode", "apply") for step in result.explanation or [])
    text = result.text if exact else line
    inferred = False
    pieces: list[str] = []
    position = 0
    for match in _RUN.finditer(text):
        repaired = _repair_run(
            match.group(), text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        )
        if repaired is None:
            continue
        pieces.append(text[position : match.start()])
        pieces.append(repaired[0])
        position = match.end()
        inferred = inferred or repaired[1] > 0
    pieces.append(text[position:])
    text = "".join(pieces)
    if _IN_WORD_A_TILDE.search(text):
        text = _IN_WORD_A_TILDE.sub("í", text)
        inferred = True
    return text, exact, inferred


@rule(
    "mojibake",
    summary="Text decoded with the wrong codec (ğŸ§ , ðŸ”¥, Ã—, â€“), including sequences that lost a byte.",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe where exact, unsafe where a lost byte is inferred",
    bad="# ğŸ§  Awesome Biomedical Foundation Models\n8Ã— 80GB NVIDIA A100 GPUs",
    good="# 🧠 Awesome Biomedical Foundation Models\n8× 80GB NVIDIA A100 GPUs",
)
def mojibake(ctx: Context) -> Iterator[Finding]:
    """A README saved through an editor or script that read UTF-8 as Windows-1252 (or
    1254) shows emoji and accents as runs of Latin letters. Readers see garbage and
    search misses the names. Real text such as São Paulo, naïve, Ångström, ×, –, CJK
    and joined emoji is left alone: ftfy decides whether a run is a wrong decode."""
    doc = ctx.doc
    candidates = []
    proven = False
    for number, line in enumerate(doc.lines, start=1):
        if line.isascii() or not (_SUSPECT.search(line) or _IN_WORD_A_TILDE.search(line) or _REMNANT.search(line)):
            continue
        repaired, exact, inferred = repair_line(line)
        proven = proven or exact or (repaired != line and not inferred) or bool(_EMOJI_LEAD.search(line))
        candidates.append((number, line, repaired, exact, inferred))
    if not proven:
        return
    for number, line, repaired, _exact, inferred in candidates:
        base = doc.line_starts[number - 1]
        entry = ctx.entry_at(base)
        covered: list[tuple[int, int]] = []
        if repaired != line:
            for start, end, new in _changes(line, repaired):
                covered.append((start, end))
                doubts = _doubts(line, start, end) if inferred else []
                unsafe = bool(doubts) or (doc.in_html(base + start, base + end) and not _plain_text(line[start:end]))
                fix = (Fix.unsafe if unsafe else Fix.safe)(Edit(base + start, base + end, new))
                note = ""
                if doubts:
                    choices = " or ".join(" ".join(f"U+{ord(c):04X} {c!r}" for c in d) for d in doubts[:1])
                    note = f" (a lost byte was inferred; it may also have been {choices})"
                message = f"mojibake: '{_clip(line[start:end])}' should read '{_clip(new)}'{note}"
                yield ctx.finding(base + start, base + end, message, fix=fix, entry=entry)
        for match in _REMNANT.finditer(line):
            if any(low <= match.start() < high for low, high in covered):
                continue
            offset = base + match.start()
            message = f"mojibake remnant '{match.group()}': the bytes of a character were lost; retype it"
            yield ctx.finding(offset, offset + 1, message, entry=entry)


def _changes(line: str, repaired: str, gap: int = 3) -> list[tuple[int, int, str]]:
    """The changed stretches of a line, nearby ones merged: (start, end, replacement)."""
    # the repair leaves most of a line alone: diff only what lies between the common
    # prefix and suffix (a long line of many stretches is still diffed whole)
    head = len(commonprefix([line, repaired]))
    tail = len(commonprefix([line[head:][::-1], repaired[head:][::-1]]))
    middle = difflib.SequenceMatcher(
        None, line[head : len(line) - tail], repaired[head : len(repaired) - tail], autojunk=False
    )
    groups: list[list[int]] = []
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if groups and i1 - groups[-1][1] <= gap:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    return [(i1, i2, repaired[j1:j2]) for i1, i2, j1, j2 in groups]


def _doubts(line: str, start: int, end: int) -> list[list[str]]:
    """For a stretch whose repair inferred a lost byte: the other characters each inferred
    byte could have made, where its context (a joiner between two emoji, a variation
    selector after one, a letter in the case of its word) does not settle it. Empty: the
    repair is certain, and its fix safe."""
    piece = line[start:end]
    before, after = line[start - 1 : start], line[end : end + 1]
    exact = _explain(piece).text
    text = exact if exact != piece else piece
    doubts: list[list[str]] = []
    for match in _RUN.finditer(text):
        context_before = text[match.start() - 1 : match.start()] or before
        context_after = text[match.end() : match.end() + 1] or after
        repaired = _repair_run(match.group(), context_before, context_after)
        if repaired is not None:
            doubts.extend(d[1:] for d in repaired[2])
    return doubts


def _plain_text(piece: str) -> bool:
    """No markup character in it: repairing it inside HTML cannot touch a tag."""
    return not any(c in piece for c in "<>&\"'=")


def _clip(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
