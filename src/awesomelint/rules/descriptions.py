"""How an entry is written: '[Name](url) - Description.' — the separator (entry-separator),
and under `profile: awesome` the description's end, start, first words and quotes,
and the spelling of well-known names (term-spelling)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from .. import data
from ..described import DASHES, Described, described_entries, mark_of
from ..findings import Edit, Fix, Severity
from ..linkspans import parsed_links
from ..registry import AWESOME, Context, FixAvailability, rule

EXPECTED = " - "
_DOMINANT_SHARE = 0.8  # of a list's entries, the share one separator needs to be the list's own
_DOMINANT_MIN = 10  # entries with a separator before a list has a habit to hold others to
_ENDINGS = ".!?…"
_CLOSERS = "\"'”’)]»」』）】》*_"
_FIRST_WORD = re.compile(r"[^\s\-;./']+")


def _separator_name(separator: str) -> str:
    shown = separator.replace("\u00a0", "⍽")
    return f"'{shown}'"


@rule(
    "entry-separator",
    summary="The separator between an entry's link and its description differs from the list's own (' - ' under profile awesome): an en/em dash, a colon, an arrow, a no-break space, missing or doubled spaces.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe for spacing or one dash for another (' – ', '-  ' to ' - '; ' ->  ' to ' -> '); unsafe from another mark (':', '->', '--')",
    bad="- [Alpha](https://alpha.example/) - A tool.\n- [Beta](https://beta.example/) – A tool.",
    good="- [Alpha](https://alpha.example/) - A tool.\n- [Beta](https://beta.example/) - A tool.",
    setting=("# Awesome Things\n\n{example}\n" + "".join(
        f"- [Tool {n}](https://tool{n}.example/) - A tool.\n" for n in range(1, 11))),
)
def entry_separator(ctx: Context):
    """Editors turn ' - ' into an en dash, pasted text brings no-break spaces, and one
    entry in a thousand ends up with '-  ' or ' – ': the list reads unevenly and
    scripts that split entries on ' - ' miss it. By default an entry is held to the
    separator the list itself uses (at least 80% of at least 10 entries); a list that
    writes ': ' throughout is left alone. Under `profile: awesome` the separator is
    ' - ', as sindresorhus/awesome asks. A separator is read whole: '->' is an arrow,
    not a hyphen and a stray '>'; shapes the rule does not know ('---->', '- - ') are
    left alone. Changing the spaces around a mark, or one dash for another, is safe;
    replacing another mark (a colon, an arrow, a double dash) is a choice of the
    author's, so its fix is unsafe."""
    entries = described_entries(ctx.doc)
    if ctx.profile == AWESOME:
        expected = EXPECTED
    else:
        counts = Counter(d.separator for d in entries)
        if not counts:
            return
        expected, share = counts.most_common(1)[0]
        if share < _DOMINANT_MIN or share < _DOMINANT_SHARE * len(entries):
            return
    for entry in entries:
        if entry.separator == expected:
            continue
        edit = Edit(entry.separator_start, entry.separator_end, expected)
        mark, wanted = mark_of(entry.separator), mark_of(expected)
        same_kind = mark == wanted or {mark, wanted} <= DASHES  # spacing only, or one dash for another
        yield ctx.finding(entry.separator_start, max(entry.separator_end, entry.separator_start + 1),
                          f"separator {_separator_name(entry.separator)} between '{entry.title}' and its description; "
                          f"this list uses {_separator_name(expected)}",
                          fix=Fix.safe(edit) if same_kind else Fix.unsafe(edit), entry=entry.title)


def _profile_entries(ctx: Context) -> list[Described]:
    return [d for d in described_entries(ctx.doc) if d.text]


def _ends_well(text: str) -> bool:
    text = text.rstrip()
    while text and (text[-1] in _CLOSERS or unicodedata.category(text[-1]) in ("So", "Sk", "Mn", "Cf")):
        text = text[:-1].rstrip()
    return not text or text[-1] in _ENDINGS


@rule(
    "description-period",
    summary="An entry's description that does not end in '.', '!', '?' or '…'.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe: add '.' when the description ends in a letter or digit",
    bad="- [Alpha](https://alpha.example/) - A tool for things",
    good="- [Alpha](https://alpha.example/) - A tool for things.",
    profile=AWESOME,
)
def description_period(ctx: Context):
    """sindresorhus/awesome asks for descriptions written as sentences, ending in
    punctuation, so a list reads evenly. Closing quotes and brackets after the
    period, trailing emoji, and descriptions that end in a link, an image, emphasis
    or HTML are accepted, as awesome-lint accepts them; one that ends in code is
    reported without a fix (the period goes after the code span)."""
    for entry in _profile_entries(ctx):
        if entry.ends_in not in ("text", "code_inline") or _ends_well(entry.text):
            continue  # a link, an image, emphasis or HTML ends it: as in awesome-lint
        last = ctx.doc.text[entry.end - 1] if entry.end else ""
        fix = Fix.safe(Edit(entry.end, entry.end, ".")) if last.isalnum() and entry.text.endswith(last) else None
        yield ctx.finding(entry.separator_start, entry.end, f"description of '{entry.title}' does not end in . ! ? or …",
                          fix=fix, entry=entry.title)


@cache
def _lowercase_names() -> frozenset[str]:
    return frozenset(data.load("lowercase_names")["names"])


def _cased_script(char: str) -> bool:
    """Latin, Greek or Cyrillic: the scripts with upper and lower case."""
    if not char.isalpha():
        return False
    name = unicodedata.name(char, "")
    return name.startswith(("LATIN", "GREEK", "CYRILLIC"))


@rule(
    "description-case",
    summary="An entry's description that starts with a lower-case word (brand names like npm, iOS and macOS pass).",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="capitalize the first letter",
    bad="- [Alpha](https://alpha.example/) - a tool for things.",
    good="- [Alpha](https://alpha.example/) - A tool for things.",
    profile=AWESOME,
)
def description_case(ctx: Context):
    """Descriptions start like sentences. Names pass: a first word written in lower
    case by its owner (npm, webpack: rules/lowercase_names.yaml), one with an inner
    capital (iOS, jQuery, gRPC), a digit or code punctuation (rebar3, go:generate),
    one that is part of the entry's own name or address ('gonum' for gonum/plot,
    'isatty' for go-isatty), or another entry's name ('logrus' where logrus is
    listed), an address or file name ('deezer.com'), a word no English word list has
    ('pywal', 'sklearn': a name as its owner writes it), and a description that starts
    with a link. So do starts with a digit, a quote or '@#/$~&%', and scripts with no
    case (Chinese, Japanese, Arabic…). The fix is unsafe: a person knows whether the
    word is a name."""
    entries = _profile_entries(ctx)
    listed = {e.title.strip().casefold() for e in entries}  # 'logrus plug-in for…': logrus is an entry too
    for entry in entries:
        text = entry.text
        if not text or text[0] in "@#/$~&%\"'“‘(`[0123456789" or not _cased_script(text[0]):
            continue
        word_match = _FIRST_WORD.match(text)
        word = word_match.group(0) if word_match else ""
        letters = "".join(c for c in word if c.isalpha())
        if not letters or letters != letters.lower() or word.casefold() in _lowercase_names():
            continue
        if any(c.isdigit() or c in ":_@" for c in word) or text.casefold().startswith(entry.title.strip().casefold()):
            continue  # an identifier, or the project's own lower-case name (description-repeats-name says the rest)
        if word.casefold() in _name_words(entry) or word.casefold() in listed:
            continue  # 'gonum…' under gonum/plot, 'logrus…' where logrus is listed: a name
        if text[len(word) : len(word) + 2][:1] == "." and text[len(word) + 1 : len(word) + 2].isalpha():
            continue  # 'deezer.com…', 'setup.py…': an address or a file's name
        if ctx.doc.text[entry.separator_end : entry.separator_end + 1] == "[":
            continue  # it starts with a link: its label is a name, not a sentence's first word
        if not _english(word):
            continue  # 'pywal…', 'sklearn…', 'libyaml…': no English word, so a name written as its owner writes it
        start = entry.separator_end
        fix = None
        if ctx.doc.text[start : start + 1] == text[0]:
            fix = Fix.unsafe(Edit(start, start + 1, text[0].upper()))
        yield ctx.finding(start, start + len(word), f"description of '{entry.title}' starts with lower-case '{word}'",
                          fix=fix, entry=entry.title)


def _english(word: str) -> bool:
    """Is ``word`` English (the off-topic rule's English word table, or a function word)?"""
    folded = word.casefold()
    return len(folded) <= 2 or folded in data.table("background_en") or folded in _function_words()


@cache
def _function_words() -> frozenset[str]:
    return frozenset(data.load("stopwords")["words"])


def _name_words(entry: Described) -> set[str]:
    """The words of an entry's name and address ('gonum', 'plot' for [gonum/plot](…/gonum/plot))."""
    return set(re.split(r"[^\w]+|_", f"{entry.title} {entry.url}".casefold())) - {""}


@rule(
    "description-repeats-name",
    summary="An entry's description that starts with the entry's own name ('[Foo](…) - Foo is a…').",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [Alpha](https://alpha.example/) - Alpha is a tool for things.",
    good="- [Alpha](https://alpha.example/) - A tool for things.",
    profile=AWESOME,
)
def description_repeats_name(ctx: Context):
    """The name is right there in the link; a description that starts by repeating it
    as its subject ('Foo is a library for…', 'Foo: a library…') wastes the reader's
    first words. A name that is a word of the description ('[csv](…) - CSV decoding
    for Elixir', '[Serve](…) - Serve static files': what the package implements or does)
    passes, as do names that are not words ('#elixir-lang', '@user'): '#hashtag -
    #hashtag on IRC' says where, not what. The words that make a name the subject are
    in rules/descriptions.yaml."""
    followers, marks = _subject_words()
    for entry in _profile_entries(ctx):
        name = entry.title.strip()
        if not name or not name[0].isalnum():
            continue
        text = entry.text
        if not text.casefold().startswith(name.casefold()) or (len(text) > len(name) and text[len(name)].isalnum()):
            continue
        rest = text[len(name) :].lstrip()
        following = rest.split(maxsplit=1)[0].casefold() if rest else ""
        if rest and following not in followers and rest[0] not in marks:
            continue  # '[csv](…) - CSV decoding for Elixir': the name is a word of the description, not its subject
        start = entry.separator_end
        yield ctx.finding(start, start + len(name), f"description of '{name}' starts with its own name",
                          entry=name)


@cache
def _subject_words() -> tuple[frozenset[str], frozenset[str]]:
    rules = data.load("descriptions")
    return frozenset(rules["subject-followers"]), frozenset(rules["subject-marks"])


_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ("【", "】"), ("《", "》"), ("（", "）"))


def _unbalanced(text: str) -> str | None:
    """The first quote or bracket that is not closed (or closed without opening)."""
    text = re.sub(r"(?<=[^\W\d_])‘(?=[^\W\d_])", "", text)  # It‘s: a mistyped apostrophe, not a quote
    for opening, closing in _PAIRS:
        opened = text.count(opening)
        closed = text.count(closing)
        if closing == "’":  # an apostrophe (don’t, users’) is not a closing quote
            closed = len(re.findall(r"’(?!\w)", text)) - len(re.findall(r"(?<=[^\W\d_]s)’(?!\w)", text))
            closed = max(closed, 0)
        if opened != closed:
            return opening if opened > closed else closing
    if text.count('"') % 2 and not re.search(r'\d"', text):  # an odd one after a digit is an inch mark: 27"
        return '"'
    return None


@rule(
    "unbalanced-quotes",
    summary="A description with a quote or CJK bracket that is opened and not closed (“ ‘ \" 「 『 【 《 （).",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [Alpha](https://alpha.example/) - The “fast tool for things.",
    good="- [Alpha](https://alpha.example/) - The “fast” tool for things.",
    profile=AWESOME,
)
def unbalanced_quotes(ctx: Context):
    """An unclosed quote is a half-edited description. Apostrophes (don’t, users’)
    and inch marks (27") are not quotes; code spans are read as written."""
    for entry in _profile_entries(ctx):
        mark = _unbalanced(entry.text)
        if mark is not None:
            start = entry.separator_end
            yield ctx.finding(start, max(entry.end, start + 1), f"description of '{entry.title}' has an unbalanced {mark}",
                              entry=entry.title)


@cache
def _terms() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every wrong form (longest first), and wrong form -> right form."""
    right_of = {wrong: right for right, wrongs in data.load("terms")["terms"].items() for wrong in wrongs}
    forms = "|".join(re.escape(w) for w in sorted(right_of, key=len, reverse=True))
    return re.compile(r"(?<![\w./_-])(?:" + forms + r")(?![\w/_-]|[.-]\w)"), right_of


@rule(
    "term-spelling",
    summary="A well-known name misspelled in text ('Javascript', 'Github', 'Nodejs'; the list is rules/terms.yaml).",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="write the name as its owner does",
    bad="- [Alpha](https://alpha.example/) - A Javascript tool on Github.",
    good="- [Alpha](https://alpha.example/) - A JavaScript tool on GitHub.",
    profile=AWESOME,
)
def term_spelling(ctx: Context):
    """Names spelled as their owners spell them read as care. Only text is read:
    code, URLs and link targets are left alone, a name joined to '.', '-', '_' or '/'
    is part of something else ('github.com', 'node.js-foo'), and an all-lower-case form
    is not judged in link text, where it is usually a package's own name. 'Github.' at
    the end of a sentence is still 'Github'."""
    doc = ctx.doc
    pattern, right_of = _terms()
    links_by_inline: dict[int, list] = {}
    for link in parsed_links(doc):
        links_by_inline.setdefault(id(link.inline), []).append(link)
    for token in doc.tokens:
        if token.type != "inline" or not token.map:
            continue
        links = links_by_inline.get(id(token), [])
        for match in pattern.finditer(token.content):
            wrong = match.group(0)
            right, lower = right_of[wrong], wrong == wrong.lower()
            start, end = doc.inline_span(token, match.start(), match.end())
            if doc.in_code(start) or doc.in_html(start) or doc.text[start:end] != match.group(0):
                continue
            around = [link for link in links if link.start <= start < link.end]
            if any(link.kind == "autolink" or (link.dest and link.dest[0] <= start < link.dest[1])
                   for link in around):
                continue  # a URL
            if lower and around:
                continue  # 'pytorch' in link text is the package's name
            yield ctx.finding(start, end, f"'{match.group(0)}' is spelled '{right}'",
                              fix=Fix.unsafe(Edit(start, end, right)), entry=ctx.entry_at(start))
