"""off-topic: the shapes of the false alarms found on real lists, each as a small list of
its own, and the pasted promotional block found whatever its markup; then the seeds'
pasted block, hand-written lists with a stray entry or block, the clean corpus, and the
word model under the rule.

The real lists the shapes come from are named in the report, never here: each test is
the shape (a leaderboard tool among solutions, a calendar program under "Calendars", a
generator's "PyPi (📥 240 / month)" lines), written by hand.
"""

import json
import os
import random
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from awesomelint import data
from awesomelint.cli import main
from awesomelint.engine.config import Config
from awesomelint.engine.linter import lint
from awesomelint.links.verdict import RepoInfo, Verdict
from awesomelint.model import metadata
from awesomelint.model.document import Document
from awesomelint.model.entries import entries_of
from awesomelint.model.formmodel import FormModel
from awesomelint.model.topicmodel import (
    MIN_SPREAD,
    TopicModel,
    center_spread,
    english,
    generated,
    variants,
    without_frame,
    words_of,
)
from awesomelint.rules import off_topic

from ..conftest import CORPUS, corpus, corpus_list, file_findings, findings, seed
from ..servers import github_graphql

VERBS = [
    "Parse",
    "Build",
    "Serve",
    "Encode",
    "Decode",
    "Validate",
    "Generate",
    "Test",
    "Cache",
    "Route",
    "Stream",
    "Compress",
    "Schedule",
    "Mock",
    "Profile",
]
THINGS = [
    "JSON",
    "HTTP requests",
    "command-line flags",
    "config files",
    "SQL queries",
    "gRPC services",
    "templates",
    "log messages",
    "YAML",
    "websockets",
    "metrics",
    "goroutines",
    "structs",
    "middleware",
    "TLS certificates",
    "database migrations",
    "CSV files",
    "SSH sessions",
]
TAILS = [
    "in Go.",
    "for Go programs.",
    "with a small, fast Go library.",
    "in pure Go, without cgo.",
    "for Go, with generics.",
    "in Go with zero dependencies.",
]
SECTIONS = [
    "Web Frameworks",
    "Databases",
    "Command Line",
    "Testing",
    "Encoding",
    "Networking",
    "Logging",
    "Configuration",
]
SYLLABLES = ["go", "ka", "zen", "fast", "lo", "mux", "bolt", "ray", "qu", "vi", "per", "tor", "lex", "dash", "cli"]


@cache
def plain_english() -> list[str]:
    """English words neither rare nor everyday (Zipf 3.5 to 4.5): what real descriptions
    vary with, each entry its own few."""
    return sorted(w for w, p in english().items() if 10**-5.5 <= p <= 10**-4.5 and w.isalpha())


def go_list(seed: int, sections: int = 6, per_section: int = 20, marker: str = "-", extra: dict | None = None) -> str:
    """A list of Go libraries in the usual form (``- [name](github) - Verb thing in Go.``),
    with `extra` entries written into the sections they name, after the first entry."""
    rng = random.Random(seed)
    out = ["# Awesome Go Libraries", "", "A curated list of Go libraries, frameworks and tools.", ""]
    for s in range(sections):
        heading = SECTIONS[s % len(SECTIONS)]
        out += [f"## {heading}", ""]
        for i in range(per_section):
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) + str(i)
            extras = rng.sample(plain_english(), rng.randint(0, 4))  # each description's words of its own
            also = f" With {', '.join(extras)}." if extras else ""
            out.append(
                f"{marker} [{name}](https://github.com/{rng.choice(SYLLABLES)}{s}/{name}) - "
                f"{rng.choice(VERBS)} {rng.choice(THINGS)} {rng.choice(TAILS)}{also}"
            )
            if i == 0:
                out.extend((extra or {}).get(heading, []))
        out.append("")
    return "\n".join(out)


def flagged(text: str) -> list[str]:
    """The source lines of the entries off-topic flags."""
    doc = Document.from_text(text, "README.md")
    return [doc.lines[doc.position(f.start)[0] - 1] for f in findings(text, "off-topic")]


# the promotional block -----------------------------------------------------------

PROMOTION = """- - [Apex Health AI: clinical documentation assistant for hospitals](https://apexhealth.example/)
  - [Book a demo for your clinic and patients](https://apexhealth.example/demo)
  - [Pricing for hospitals and physicians](https://apexhealth.example/pricing)
  - [Patient care case studies](https://apexhealth.example/cases)
"""
TIDIED = PROMOTION.replace("- - [", "- [", 1)  # what double-marker's fix makes of it


def with_block(text: str, after: int, block: str, marker: str = "-", indent: str = "") -> str:
    """`block` (its markers made `marker`, its lines indented by `indent`) pasted after
    line `after` (counted from 1)."""
    lines = text.split("\n")
    pasted = [indent + line.replace("- ", f"{marker} ") for line in block.rstrip("\n").split("\n")]
    return "\n".join(lines[:after] + pasted + lines[after:])


@settings(max_examples=60)
@given(
    seed=st.integers(0, 10**6),
    sections=st.integers(2, 6),
    per_section=st.integers(6, 30),
    marker=st.sampled_from("-*"),
    place=st.floats(0, 1),
)
def test_a_promotional_block_is_found_as_written_and_tidied(
    seed: int, sections: int, per_section: int, marker: str, place: float
) -> None:
    # four entries (a list inside an empty item) or one entry with three sub-links: the
    # same block, found either way, wherever it lands (a small section of six entries or
    # a big one, sorted or not), and nothing of the list with it
    text = go_list(seed, sections, per_section, marker)
    items = [n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(f"{marker} [")]
    after = items[int(place * (len(items) - 1))]
    assert flagged(text) == []
    as_written = flagged(with_block(text, after, PROMOTION, marker))
    tidied = flagged(with_block(text, after, TIDIED, marker))
    assert len(as_written) == 4 and all("apexhealth.example" in line for line in as_written)
    assert len(tidied) == 1 and "Apex Health AI" in tidied[0]


def test_a_tidied_block_reads_as_the_same_units() -> None:
    text = go_list(1, 3, 10)
    units = {}
    for name, block in (("as written", PROMOTION), ("tidied", TIDIED)):
        doc = Document.from_text(with_block(text, 8, block), "README.md")
        entries = [e for e in entries_of(doc) if e.title or e.text]
        units[name] = [(u.text, u.site) for u in off_topic.units_of(entries) if u.site == "apexhealth.example"]
    assert len(units["as written"]) == 4
    assert units["tidied"] == units["as written"]


def test_labels_are_no_units_of_their_own() -> None:
    # "[Paper](…)", "[Code](…)" are fields; a one-word link is a name
    doc = Document.from_text(
        "# X\n\n- [Work](https://a.org/w) - About.\n  - [Paper](https://arxiv.org/abs/1)\n"
        "  - [Code](https://github.com/a/w)\n  - [Demo video of the tool](https://a.org/v)\n",
        "README.md",
    )
    units = off_topic.units_of(entries_of(doc))
    assert [(u.title, u.link) for u in units] == [("Work", False), ("Demo video of the tool", True)]


def test_an_odd_neighbour_of_a_found_block_is_not_swept_into_it() -> None:
    # a short entry beside the block shares a word with it ("documentation"): the block is
    # found, and the entry is judged on its own
    text = go_list(3, extra={"Testing": ["- [cgasm](https://github.com/b/cgasm) - x86 assembly documentation."]})
    after = text.split("\n").index("- [cgasm](https://github.com/b/cgasm) - x86 assembly documentation.") + 1
    lines = flagged(with_block(text, after, PROMOTION))
    assert len(lines) == 4 and all("apexhealth" in line for line in lines)


GO_BLOCK = """  - [gpool](https://github.com/Sherifabdlnaby/gpool) - manages a resizeable pool of context-aware goroutines to bound concurrency.
  - [goscore](https://github.com/asafschers/goscore) - Go Scoring API for PMML.
  - [otter](https://github.com/maypok86/otter) - A high performance lockless cache for Go. Many times faster than Ristretto and friends.
  - [Code with Mukesh](https://codewithmukesh.com/categories/golang) - Software Engineer and Blogs @ codewithmukesh.com.
  - [reform](https://github.com/go-reform/reform) - Better ORM for Go, based on non-empty interfaces and code generation.
"""


@corpus
def test_a_pasted_run_takes_its_own_entries_not_the_odd_ones_of_the_section() -> None:
    # Go libraries pasted among awesome-python's mocking libraries: the run of
    # below-typical entries reaches past the block, over the section's own odd entries;
    # those the block shares no words with ("Record and replay HTTP interactions") stay
    text = corpus_list("vinta__awesome-python.md").read_text(encoding="utf-8")
    at = text.index("\n", text.index("  - [responses](https://github.com/getsentry/responses)")) + 1
    names = [line.split("](")[0].strip(" -[") for line in flagged(text[:at] + GO_BLOCK + text[at:])]
    assert {"gpool", "goscore", "otter"} <= set(names)
    assert "vcrpy" not in names


MODELS = """  - [UniMedVL: Unifying Medical Multimodal Understanding and Generation through Observation-Knowledge-Analysis](https://github.com/uni-medical/UniMedVL) - MLLM
  - [TITAN: A multimodal whole-slide foundation model for pathology](https://github.com/mahmoodlab/TITAN) - iBOT+CLIP
  - [MEDICALNARRATIVES: Connecting Medical Vision and Language with Localized Narratives (GenMedClip)](https://huggingface.co/wisdomik/GenMedClip) - CLIP
  - [Phikon v2: Scaling Self-Supervised Learning for Histopathology with Masked Image Modeling](https://huggingface.co/owkin/phikon-v2) - iBOT+DINOv2
  - [Curia: A Multi-Modal Foundation Model for Radiology](https://huggingface.co/raidium/curia) - DINOv2
"""


@corpus
def test_a_pasted_run_of_odd_form_is_found_less_far_below_typical() -> None:
    # foundation models pasted among awesome-python's database drivers: a list of
    # libraries knows "learning" and "language", so their words are only somewhat rare;
    # their form ("Name: a paper's title" over a model name) is rarer, and settles it
    text = corpus_list("vinta__awesome-python.md").read_text(encoding="utf-8")
    at = text.index("\n", text.index("  - [clickhouse-driver](")) + 1
    lines = flagged(text[:at] + MODELS + text[at:])
    assert len(lines) >= 3 and all(line in MODELS for line in lines)


@corpus
def test_a_found_block_does_not_make_its_neighbours_a_run() -> None:
    # once the block is found by its site, the entries around it are judged without it:
    # "x86 assembly documentation" two entries up shares a word with it, and "Record and
    # replay HTTP interactions" sits in a run of below-typical entries it would lengthen
    for name, after in (("agarrharr__awesome-cli-apps.md", "- [grex]("), ("vinta__awesome-python.md", "  - [vcrpy](")):
        text = corpus_list(name).read_text(encoding="utf-8")
        line = next(n for n, written in enumerate(text.split("\n"), start=1) if written.startswith(after))
        indent = after[: len(after) - len(after.lstrip())]
        lines = flagged(with_block(text, line, PROMOTION, "-", indent))
        assert len(lines) == 4 and all("apexhealth" in written for written in lines), name


def test_links_to_one_site_in_the_lists_own_words_are_no_block() -> None:
    talks = [
        f"- [Go {t} talk](https://www.youtube.com/watch?v={n}) - Encode JSON and serve HTTP requests in Go."
        for n, t in enumerate(["concurrency", "generics", "testing"])
    ]
    assert flagged(go_list(4, extra={"Networking": talks})) == []


@corpus
def test_a_promotional_block_is_found_in_every_corpus_list() -> None:
    for path in CORPUS:
        doc = Document.from_path(path)
        entries = [
            e
            for e in entries_of(doc)
            if e.kind == "list-item" and e.end_line == e.line and doc.lines[e.line - 1][:2] in ("- ", "* ")
        ]
        if len(entries) < 12 or not findings_run(doc):
            continue  # entries that are tables, cards or numbered, or a list the rule leaves alone
        entry = entries[len(entries) // 2]
        marker = doc.lines[entry.line - 1][0]
        for block, count in ((PROMOTION, 4), (TIDIED, 1)):
            lines = flagged(with_block(doc.text, entry.end_line, block, marker))
            assert len([line for line in lines if "apexhealth" in line]) == count, path.name
            assert len(lines) == count, path.name  # and nothing of the list with it


def findings_run(doc: Document) -> bool:
    """Whether off-topic judges this list at all (Chinese, Japanese or Korean lists it leaves alone)."""
    from awesomelint.model.topicmodel import cjk_share

    return cjk_share(" ".join(e.text for e in entries_of(doc))) <= off_topic.CJK_ABSTAIN


# what says nothing of the subject -------------------------------------------------


def best_of_list() -> str:
    """Projects in the form a list generator writes: each project's links as lines of
    metadata ("PyPi (📥 240 / month · ⏱️ 19.09.2022)"), the same words under every one."""
    rng = random.Random(5)
    out = ["# Best-of Go", "", "A ranked list of Go libraries.", ""]
    for s, heading in enumerate(SECTIONS[:4]):
        out += [f"## {heading}", ""]
        for i in range(12):
            name = f"{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}{i}"
            out += [
                f"<details><summary><b>{name}</b> - {rng.choice(VERBS)} {rng.choice(THINGS)} {rng.choice(TAILS)}"
                "</summary>",
                "",
                f"- [GitHub](https://github.com/o{s}/{name}) (👨‍💻 {i + 3} · 🔀 {i * 7} · 📋 {i + 1} - 14% open):",
                f"- [PyPi](https://pypi.org/project/{name}) (📥 {i * 40}K / month · 📦 {i} · ⏱️ 19.09.2022):",
                "",
                "</details>",
                "",
            ]
        out += [
            f"- [{t}](https://github.com/x/{t}) - {d}"
            for t, d in (
                ("antialiased", "pip install antialiased to improve stability and shift-invariance."),
                ("tensorsensor", "The goal of this library is to generate more helpful exception messages."),
                ("tez", "A super-simple and lightweight trainer."),
            )
        ]
        out.append("")
    return "\n".join(out)


def test_a_generators_metadata_lines_are_not_the_lists_entries() -> None:
    text = best_of_list()
    doc = Document.from_text(text, "README.md")
    entries = [e for e in entries_of(doc) if e.title or e.text]
    written = off_topic.written_entries(entries)
    assert {e.title for e in entries} >= {"GitHub", "PyPi"}
    assert {e.title for e in written} == {"antialiased", "tensorsensor", "tez"}
    assert flagged(text) == []


def test_generated_lines_are_bags_many_entries_repeat_word_for_word() -> None:
    bags = [{"pypi": None, "month": None}] * 5 + [{"pypi": None, "month": None, "name": None}, {}]
    assert generated(bags) == [True] * 5 + [False, False]


def test_words_nearly_every_entry_writes_are_its_frame_unless_the_title_names_them() -> None:
    bags = [{"paper": None, "code": None, "mamba": None, f"w{i}": None} for i in range(9)] + [{"mamba": None}]
    kept = without_frame(bags, keep=frozenset({"mamba"}))
    assert kept[0] == {"mamba": None, "w0": None}  # "paper" and "code" on 9 of 10; "mamba" names the list


def test_scores_that_tie_keep_a_spread() -> None:
    # most entries of a generated list score alike: a spread of 0 would put any other
    # entry millions of deviations out
    center, spread = center_spread([1.6] * 20 + [0.4, -1.0])
    assert center == 1.6 and spread == MIN_SPREAD and (-1.0 - center) / spread > -6


# a lone entry: rare words and a rare form at once ----------------------------------


def test_a_stray_in_the_lists_own_form_is_not_flagged_and_in_a_form_of_its_own_it_is() -> None:
    # the same words, once written as the list writes its entries, once in a form of its own
    words = "Brain tumor MRI scans of glioma patients."
    own_form = go_list(7, extra={"Testing": [f"- [brats](https://github.com/b/brats) - {words}"]})
    other_form = go_list(
        7,
        extra={
            "Testing": [
                "- [BraTS: Brain Tumor Segmentation Challenge](https://www.synapse.org/brats) "
                "- Brain tumor MRI scans of glioma patients with expert annotations, "
                "for segmentation: see the challenge site for the data"
            ]
        },
    )
    assert flagged(own_form) == []
    assert [line[:9] for line in flagged(other_form)] == ["- [BraTS:"]


CALENDARS = """
## Calendars

- [khal](https://github.com/pimutils/khal) - CalDAV ready CLI and TUI for calendars.
- [vdirsyncer](https://github.com/pimutils/vdirsyncer) - CalDAV sync of calendars and contacts.
- [calcurse](https://github.com/lfos/calcurse) - Calendars and scheduling on the command line.
- [remind](https://dianne.skoll.ca/projects/remind/) - A sophisticated calendar and alarm program.
- [birthday](https://github.com/IonicaBizau/birthday) - Know when a friend's birthday is coming.
"""


def test_a_sections_heading_says_what_its_entries_are_about() -> None:
    # "a calendar and alarm program" under "Calendars" on its own site, where no other
    # entry says "calendar": the heading vouches for the words of its own section
    assert variants(["calendars", "libraries", "benchmark", "class"]) == {
        "calendars": None,
        "calendar": None,
        "libraries": None,
        "library": None,
        "benchmark": None,
        "benchmarks": None,
        "class": None,
        "classs": None,
    }
    text = go_list(8) + CALENDARS
    doc = Document.from_text(text, "README.md")
    entries = [e for e in entries_of(doc) if e.title or e.text]
    model = off_topic.list_model(doc, entries)
    remind = next(i for i, e in enumerate(entries) if e.title == "remind")
    assert model.score(remind).ratios["calendar"] > 0
    assert flagged(text) == []


def test_an_entry_in_the_lists_own_words_is_no_lone_outlier() -> None:
    # two words the list uses far more than English does (here "JSON", "HTTP"), among many
    # it does not, in a form of its own: the shape of a SAR dataset under "SAR"
    odd = (
        "- [Labeled corpus of ten geophysical phenomena for JSON and HTTP requests](https://www.seanoe.org/data/1) "
        "consists of more than 37,000 vignettes divided into ten defined geophysical categories"
    )
    assert flagged(go_list(9, extra={"Encoding": [odd]})) == []


def test_everyday_words_do_not_make_a_lone_outlier() -> None:
    # "Make SSH apps, just like that!": a tool written in plainer English than its
    # neighbours ("make", "just", "like"), with a capitalised name among lower-case ones
    wish = "- [Wish](https://github.com/charmbracelet/wish) - Make SSH apps, just like that!"
    tview = "- [tview](https://github.com/rivo/tview) - Build terminal apps in Go."  # "apps" is a word of the list
    assert flagged(go_list(10, extra={"Networking": [wish], "Command Line": [tview]})) == []


def test_a_footer_credit_says_too_little_to_judge() -> None:
    text = go_list(11) + "\n----\n- *Logo created with* [*Brandmark*](https://app.brandmark.io/v3/)\n"
    assert flagged(text) == []


def test_a_tools_section_beside_solutions_is_not_flagged() -> None:
    # most entries are solutions with a badge; a section of tools speaks of leaderboards,
    # timers and inputs: words the solutions never use, written in the list's own form
    rng = random.Random(12)
    solutions = [
        f"* [{rng.choice(SYLLABLES)}{i}/advent-of-code](https://github.com/u{i}/aoc) - Solutions in "
        f"{rng.choice(['Go', 'Rust', 'Python', 'Haskell'])}. ![Last Commit on GitHub](https://img.shields.io/x{i})"
        for i in range(150)
    ]
    does = [
        "Download your puzzle input and submit answers",
        "Combine private leaderboards in a single page",
        "Show all participants in one global scoreboard",
        "Measure your solution time in relative units",
        "Generate a template project with a runner",
        "Add badges with your stars to your README",
        "Chart private leaderboards with medals per day",
        "Parse ascii art letters of the puzzles",
    ]
    tools = [
        f"* [{rng.choice(SYLLABLES)}-{i}](https://github.com/t{i}/tool) -- {rng.choice(does)}, "
        f"{rng.choice(['from the terminal', 'in your browser', 'with a small library', 'for every year'])}."
        for i in range(40)
    ]
    tools[20:20] = [
        "* [aocleaderboard](https://github.com/s/aocleaderboard) -- get over the 200-member limit for "
        "private leaderboards and combine multiple leaderboards in a single page with recalculated scores.",
        "* [aoctimer](https://github.com/c/aoctimer) -- A language-agnostic, multiplatform tool to measure "
        "your solution time in relative units, so you can share and compare your results with others.",
    ]
    text = (
        "# Awesome Advent of Code\n\nSolutions and tools for Advent of Code.\n\n## Solutions\n\n"
        + "\n".join(solutions)
        + "\n\n## Tools and Utilities\n\n"
        + "\n".join(tools)
        + "\n"
    )
    assert flagged(text) == []


# the form model --------------------------------------------------------------------


def form_of(text: str) -> tuple[FormModel, list]:
    entries = [e for e in entries_of(Document.from_text(text, "README.md")) if e.title or e.text]
    return FormModel(entries), entries


def test_a_row_that_leaves_the_tables_columns_empty_is_odd() -> None:
    rows = [
        f"| 2024 | [Model {i}](https://github.com/m/{i}) | Nature | ViT-B | 224 | 1M slides | [x](https://hf.co/{i}) |"
        for i in range(20)
    ]
    rows.insert(9, "| - | [Dask 1](https://github.com/dask/dask) | - | - | - | - | - |")  # a row from another table
    table = (
        "# Models\n\n| Year | Title | Journal | Model | Resolution | Scale | Weights |\n|---|---|---|---|---|---|---|\n"
    )
    form, entries = form_of(table + "\n".join(rows) + "\n")
    odd = {e.title: form.oddness[i] for i, e in enumerate(entries)}
    assert odd["Dask 1"] >= off_topic.FORM_NATS and form.as_odd(odd["Dask 1"]) == 1
    assert max(o for title, o in odd.items() if title != "Dask 1") == 0


def test_a_site_few_entries_link_to_is_odd_only_where_the_others_share_one() -> None:
    books = "".join(f"- [Go Book {i}](https://publisher{i}.com/book) - A book about Go.\n" for i in range(10))
    tools = "".join(f"- [tool{i}](https://github.com/o/tool{i}) - A Go tool.\n" for i in range(30))
    stray = "- [tool](https://tool.example/) - A Go tool.\n"
    form, entries = form_of(f"# Go\n\n## Books\n\n{books}\n## Tools\n\n{tools}{stray}")
    odd = {e.title: form.oddness[i] for i, e in enumerate(entries)}
    assert odd["Go Book 3"] == 0  # every book has its publisher's site
    assert odd["tool"] > odd["tool3"] == 0  # among GitHub links, any other site stands out


def test_a_form_odd_only_a_little_is_no_evidence() -> None:
    # two nats: one value shared by 1 in 74 of the entry's neighbours; a list has some
    form, entries = form_of(go_list(13, 2, 10))
    assert off_topic._odd_peers(form, 2.0, len(entries)) is None
    assert off_topic._odd_peers(form, 50.0, len(entries)) == 1


# the seeds, hand-written lists, the corpus ---------------------------------------------------

GO_LIST = """\
# Awesome Go Tools

A curated list of Go libraries and tools for building servers and command-line programs.

## Web

- [gin](https://github.com/gin-gonic/gin) - HTTP web framework for Go with a martini-like API.
- [echo](https://github.com/labstack/echo) - High performance, minimalist Go web framework.
- [chi](https://github.com/go-chi/chi) - Lightweight, idiomatic router for building Go HTTP services.
- [fiber](https://github.com/gofiber/fiber) - Express inspired web framework written in Go.
- [mux](https://github.com/gorilla/mux) - Powerful HTTP router and URL matcher for Go web servers.
- [httprouter](https://github.com/julienschmidt/httprouter) - High performance HTTP request router for Go.

## Command Line

- [cobra](https://github.com/spf13/cobra) - Commander for modern Go command-line interfaces.
- [urfave/cli](https://github.com/urfave/cli) - Simple package for building command-line apps in Go.
- [kong](https://github.com/alecthomas/kong) - Command-line parser for Go with struct tags.
- [pflag](https://github.com/spf13/pflag) - Drop-in replacement for Go's flag package, POSIX style flags.
- [bubbletea](https://github.com/charmbracelet/bubbletea) - Go framework for terminal apps, based on The Elm Architecture.
- [survey](https://github.com/AlecAivazis/survey) - Build interactive prompts for terminal command-line apps in Go.

## Databases

- [gorm](https://github.com/go-gorm/gorm) - ORM library for Go with associations, hooks and migrations.
- [sqlx](https://github.com/jmoiron/sqlx) - Extensions to Go's database/sql package.
- [pgx](https://github.com/jackc/pgx) - PostgreSQL driver and toolkit for Go.
- [bolt](https://github.com/etcd-io/bbolt) - Embedded key/value database for Go.
- [redis](https://github.com/redis/go-redis) - Redis client library for Go.
- [migrate](https://github.com/golang-migrate/migrate) - Database migrations for Go, as a CLI and a library.
"""
BRATS = "- [BraTS](https://www.synapse.org/brats) - Brain tumor MRI scans of glioma patients with expert annotations.\n"
LONE = GO_LIST.replace("- [kong]", BRATS.replace("annotations.", "annotations for segmentation.") + "- [kong]")
PASTED = GO_LIST.replace(
    "- [sqlx]",
    BRATS
    + (
        "- [LIDC](https://wiki.cancerimagingarchive.net/lidc) - Lung nodule CT scans from patients, annotated by radiologists.\n"
        "- [CAMELYON](https://camelyon17.grand-challenge.org) - Whole-slide images of breast cancer lymph node metastases.\n"
        "- [sqlx]"
    ),
)


def flagged_titles(text: str) -> list[str]:
    doc = Document.from_text(text, "README.md")
    entries = entries_of(doc)
    return [next(e.title for e in entries if e.start == f.start) for f in findings(text, "off-topic")]


def test_finds_the_pasted_inr_block_in_the_pathology_list() -> None:
    doc, found = file_findings(seed("004"), "off-topic")
    entries = {e.line: e for e in entries_of(doc)}
    flagged = {doc.position(f.start)[0] for f in found}
    inr = {line for line, e in entries.items() if "Publication Date" in e.fields}
    assert len(inr) == 16
    assert flagged == inr  # all sixteen, and none of the 27 pathology papers
    message = found[0].message
    assert found[0].severity.value == "warning"
    # why (the foreign fields), what it is about instead, the inferred subject without
    # the block, and the scores to compare with
    assert "fields (authors, publication date)" in message
    assert "implicit" in message.split("it is about")[1].split("not the list")[0]
    assert "not the list's subject (pathology" in message
    assert "implicit" not in message.split("subject (")[1]
    assert "a typical entry scores" in message and "nearest on-topic neighbour" in message


@pytest.mark.parametrize("prefix", ["002", "003", "000", "001"])
def test_silent_on_coherent_seed_lists(prefix: str) -> None:
    assert file_findings(seed(prefix), "off-topic")[1] == []


def test_a_clean_small_list_is_silent() -> None:
    assert flagged_titles(GO_LIST) == []


def test_a_lone_stray_entry_is_flagged_with_what_it_is_about() -> None:
    assert flagged_titles(LONE) == ["BraTS"]
    message = findings(LONE, "off-topic")[0].message
    assert "its words are rare in this list" in message
    assert "brain" in message.split("it is about")[1].split("not the list")[0]
    assert "subject (go" in message


def test_a_pasted_block_is_flagged_although_its_entries_vouch_for_each_other() -> None:
    # "scans" and "patients" are shared by the pasted entries: only scored without the
    # block do they all stand out
    assert flagged_titles(PASTED) == ["BraTS", "LIDC", "CAMELYON"]
    assert all("one of 3 neighbouring entries" in f.message for f in findings(PASTED, "off-topic"))


MEDICAL_DATASETS = (
    "- [KiTS19](https://kits19.grand-challenge.org/) - 3D CT, 300 Cases, 2 Categories of Kidney and Kidney Tumor Segmentation.\n"
    "- [LiTS](https://competitions.codalab.org/competitions/17094) - 3D CT, 201 Cases, 2 Categories of Liver and Liver Tumor Segmentation.\n"
    "- [BraTS2021](https://www.synapse.org/brats2021) - 3D MRI, 2000 Cases, 4 Categories of Brain Tumor Segmentation.\n"
    "- [ACDC](https://www.creatis.insa-lyon.fr/Challenge/acdc/) - 3D MRI, 150 Cases, 3 Categories of Cardiac Segmentation.\n"
    "- [AMOS](https://amos22.grand-challenge.org/) - 3D CT and MRI, 600 Cases, 15 Categories of Abdominal Organ Segmentation.\n"
)


def awesome_go_with(pastes: dict[str, str]) -> str:
    """awesome-go with each text pasted after the entry whose line starts with its key."""
    text = corpus_list("avelino__awesome-go.md").read_text(encoding="utf-8")
    for after, pasted in pastes.items():
        at = text.index("\n", text.index("\n" + after)) + 1
        text = text[:at] + pasted.rstrip("\n") + "\n" + text[at:]
    return text


def pasted_into_awesome_go(after: str) -> tuple[str, list[str]]:
    """awesome-go with the five datasets pasted after the entry whose line starts with `after`."""
    return awesome_go_with({after: MEDICAL_DATASETS}), ["KiTS19", "LiTS", "BraTS2021", "ACDC", "AMOS"]


@corpus
def test_a_pasted_block_in_a_long_list_is_scored_without_its_neighbourhood() -> None:
    # five datasets sharing "cases", "categories", "segmentation" vouch for each other
    # so well that each scores above awesome-go's typical entry; left out together with
    # their neighbours, none of them does
    text, block = pasted_into_awesome_go("- [cobra](")
    flagged = flagged_titles(text)
    assert [t for t in flagged if t in block] == block
    assert len(flagged) == len(block)  # and none of the list's own (a lone odd word is no evidence in a long list)
    assert all(
        "one of 5 neighbouring entries whose words the rest of the list does not use" in f.message
        for f in findings(text, "off-topic")
        if "categories" in f.message
    )


@corpus
def test_an_odd_entry_next_to_a_pasted_block_is_not_swept_into_it() -> None:
    # banner ("Add beautiful banners into your Go applications") scores low without its
    # neighbours too, but the block lifts nothing of it: it is judged on its own
    text, block = pasted_into_awesome_go("- [avgRating](")
    flagged = flagged_titles(text)
    assert set(block) <= set(flagged)
    assert "banner" not in flagged


PYTHON_STRAYS = {  # pasted after the awesome-go entry whose line starts with the key
    "- [gaper](": "- [pyodide](https://github.com/pyodide/pyodide) - Python distribution for the browser and Node.js based on WebAssembly.",
    "- [Death](": "- [statsmodels](https://github.com/statsmodels/statsmodels) - Statistical modeling and econometrics in Python.",
    "- [KubeVPN](": "- [watchfiles](https://github.com/samuelcolvin/watchfiles) - Simple, modern and fast file watching and code reload in python.",
    "- [Effective Go:": "- [iredis](https://github.com/laixintao/iredis) - Redis CLI with autocompletion and syntax highlighting.",
    "- [The Go Learning Path](": "- [redis](https://github.com/redis/redis-py) - The Python client for Redis.",
}


@corpus
def test_a_run_that_is_most_of_its_section_is_the_sections_theme() -> None:
    # five Python libraries scattered over awesome-go shift its typical score just enough
    # that the five conferences not in the run of eleven cities look typical: the run is
    # then most of "Conferences", the section's own theme, not a paste
    text = awesome_go_with(PYTHON_STRAYS)
    doc = Document.from_text(text, "README.md")
    sections = {e.start: e.section[-1] for e in entries_of(doc)}
    assert "Conferences" not in {sections[f.start] for f in findings(text, "off-topic")}


def test_neighbourhood_scores_leave_out_five_entries_either_side() -> None:
    model, entries = model_of(GO_LIST)
    assert entries[10].title == "bubbletea"
    plain = model.score(10)
    alone = off_topic.neighbourhood_scores(model, [10])[10]
    assert alone.score == model.score(10, left_out=tuple(range(5, 16))).score
    # "terminal apps" loses survey, its section-mate; "Command Line", the section's
    # heading, still vouches for the section's own words
    assert alone.ratios["terminal"] < 0 < plain.ratios["terminal"]
    assert model.score(8).ratios["line"] == off_topic.neighbourhood_scores(model, [8])[8].ratios["line"] > 0


def test_options_state_the_subject_silence_words_and_raise_the_bar(tmp_path: Path, runner: CliRunner) -> None:
    from awesomelint.cli import main

    path = tmp_path / "README.md"
    path.write_text(LONE)
    check = ["check", "--select", "off-topic", str(path)]
    assert runner.invoke(main, check).exit_code == 1
    config = tmp_path / ".awesomelint.yaml"
    words = "brain, tumor, mri, scans, glioma, patients, expert, annotations, segmentation"
    for option in ("{threshold: 50}", f"{{allow: [{words}]}}", f"{{topic: [go, {words}]}}"):
        config.write_text(f"off-topic: {option}\n")
        assert runner.invoke(main, check).exit_code == 0, option
    path.write_text(seed("004").read_text())
    config.write_text("off-topic: {threshold: 50}\n")
    assert runner.invoke(main, check).exit_code == 0


def test_an_inline_comment_silences_it() -> None:
    text = LONE.replace(
        BRATS.split(" - ")[0], "<!-- awesomelint-disable-next-line off-topic -->\n" + BRATS.split(" - ")[0]
    )
    assert flagged_titles(text) == []


@corpus
def test_flag_rate_on_clean_corpus_lists() -> None:
    for path in CORPUS:
        doc, found = file_findings(path, "off-topic")
        assert len(found) <= 0.01 * len(entries_of(doc)), path.name


@corpus
def test_sections_about_something_of_their_own_are_judged_against_themselves() -> None:
    # awesome-go lists conferences and meetups (cities), medical datasets list platforms
    # (Kaggle): whole sections unlike the rest, written by the maintainers
    for path in CORPUS:
        doc, found = file_findings(path, "off-topic")
        assert not any("neighbouring entries" in f.message for f in found), path.name
        sections = {
            e.start: e.section[-1] for e in entries_of(doc) if e.section
        }  # entries before any heading have none
        assert not {sections.get(f.start) for f in found} & {"Conferences", "Meetups", "Dataset Platforms"}


# the word model -------------------------------------------------------------


def model_of(text: str) -> tuple[TopicModel, list]:
    doc = Document.from_text(text, "README.md")
    entries = entries_of(doc)
    return off_topic.list_model(doc, entries), entries


def test_english_background_is_shipped_data() -> None:
    table = english()
    assert len(table) > 20000
    assert table["the"] > table["library"] > table["tumor"]
    assert "glioma" not in table  # jargon: evidence only when the list itself uses it


def test_names_say_nothing_list_words_say_on_topic_foreign_words_say_off_topic() -> None:
    model, entries = model_of(LONE)
    brats = next(i for i, e in enumerate(entries) if e.title == "BraTS")
    router = next(i for i, e in enumerate(entries) if e.title == "httprouter")
    assert "httprouter" not in model.score(router).ratios  # a name nobody else uses, unknown to English
    assert model.score(router).ratios["go"] > 0 and model.score(router).ratios["router"] > 0
    assert model.score(brats).ratios["tumor"] < 0
    assert model.score(brats).score < 0 < model.score(router).score
    assert model.subject_terms()[0] == "go"


def test_a_block_scored_without_itself_loses_its_own_support() -> None:
    model, entries = model_of(PASTED)
    block = tuple(i for i, e in enumerate(entries) if e.title in ("BraTS", "LIDC", "CAMELYON"))
    for i in block[:2]:  # BraTS and LIDC share "scans" and "patients"
        assert model.score(i, left_out=block).score < model.score(i).score
    assert model.score(block[0]).ratios["scans"] > 0 > model.score(block[0], left_out=block).ratios["scans"]


def test_a_small_list_cannot_score_as_far_below_zero_as_a_big_one() -> None:
    # few words of its own against 300 pseudo-words of English: a word nobody else uses
    # costs about a quarter of the cap in an 18-entry list, the whole cap in awesome-go
    small, _ = model_of(GO_LIST)
    assert 0.15 < small.depth(0) < 0.4
    if any(p.name == "avelino__awesome-go.md" for p in CORPUS):
        big, _ = model_of(corpus_list("avelino__awesome-go.md").read_text(encoding="utf-8"))
        assert big.depth(100) == 1.0


def test_stopwords_are_function_words_only() -> None:
    stopwords = data.load("stopwords")["words"]
    # YAML 1.1 reads a bare on/no as a boolean: they were never stopped
    assert all(isinstance(w, str) for w in stopwords) and {"on", "no"} <= set(stopwords)
    # subject words of a list ("library", "dataset") must stay evidence
    assert not {"library", "dataset", "model", "tool", "framework"} & set(stopwords)
    assert words_of("A library of datasets for the web", frozenset({"a", "of", "for", "the"})) == [
        "library",
        "datasets",
        "web",
    ]


def test_the_lone_bar_grows_with_the_list() -> None:
    bars = [off_topic._lone_bar(n, 3.5) for n in (20, 100, 1000, 5000)]
    assert bars == sorted(bars) and bars[2] == pytest.approx(3.5)


def test_template_blocks_are_runs_of_foreign_field_names() -> None:
    doc = Document.from_path(seed("004"))
    entries = [e for e in entries_of(doc) if e.title or e.text]
    blocks = off_topic._template_blocks(entries)
    assert [sorted(keys) for _, keys in blocks] == [["authors", "publication date"]]
    assert len(blocks[0][0]) == 16
    for path in [seed("000"), seed("002"), seed("003"), *CORPUS]:
        doc = Document.from_path(path)
        assert off_topic._template_blocks([e for e in entries_of(doc) if e.title or e.text]) == [], path.name


def test_the_same_list_gets_the_same_findings_in_every_process() -> None:
    # sets iterate in a per-process order; float sums over them would differ in the last
    # bits and flip ties between runs
    import os
    import subprocess
    import sys

    script = (
        "import sys; from tests.conftest import file_findings, seed; "
        "print([f.message for f in file_findings(seed('004'), 'off-topic')[1]])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(n)},
        ).stdout
        for n in (1, 2, 3)
    }
    assert len(outputs) == 1


def test_text_without_spaces_is_read_as_character_pairs() -> None:
    from awesomelint.model.topicmodel import words_of

    assert words_of("基于ChatGLM的中文模型 and Python", frozenset({"and"})) == [
        "基于",
        "chatglm",
        "的中",
        "中文",
        "文模",
        "模型",
        "python",
    ]


def test_a_list_mostly_in_chinese_is_left_alone() -> None:
    entries = "".join(
        f"* 模型{i}：\n  * 地址：https://github.com/o/m{i}\n  * 简介：一个基于大语言模型的中文对话系统，开源可商用。\n"
        for i in range(20)
    )
    stray = "* Guide：\n  * 地址：https://github.com/o/guide\n  * 简介：This repo aims at recording open source alternatives.\n"
    assert flagged_titles("# 中文大模型\n\n## 模型\n\n" + entries + stray) == []


@corpus
def test_a_pasted_block_of_promotional_links_is_found() -> None:
    flagged = flagged_titles(awesome_go_with({"- [cobra](": PROMOTION}))
    assert flagged[0].startswith("Apex Health AI") and len(flagged) == 4


def _long_go_list(odd: str) -> str:
    """240 hand-made Go library entries in 8 sections, with one odd-worded tool among them."""
    verbs = ["Parse", "Build", "Serve", "Encode", "Decode", "Validate", "Generate", "Test"]
    things = THINGS[:10]
    sections = []
    for s in range(8):
        rows = [
            f"- [go{s}x{i}](https://github.com/o/go{s}x{i}) - {verbs[(s + i) % 8]} {things[(s * 3 + i) % 10]} "
            f"in Go with a small, fast library."
            for i in range(30)
        ]
        if s == 5:
            rows.insert(17, odd)
        sections.append(f"## Section {s}\n\n" + "\n".join(rows) + "\n")
    return "# Awesome Go Tools\n\nGo libraries and tools.\n\n" + "\n".join(sections)


def test_a_lone_tool_with_rare_words_in_a_long_list_is_not_flagged() -> None:
    # the shape of MInference, rnote or BigML in real lists: a single tool whose own words are rare
    text = _long_go_list(
        "- [rnote](https://github.com/o/rnote) - Sketch and take handwritten notes on tablets with pressure-sensitive pens."
    )
    assert flagged_titles(text) == []


# pull-request mode: --changed-since judges what a change adds against the list as it was ----------

LIDC = "- [LIDC](https://wiki.cancerimagingarchive.net/lidc) - Lung nodule CT scans from patients, annotated by radiologists.\n"
CAMELYON = "- [CAMELYON](https://camelyon17.grand-challenge.org) - Whole-slide images of breast cancer lymph node metastases.\n"
VIPER = (
    "- [viper](https://github.com/spf13/viper) - Go configuration library for command-line apps, with flags and env.\n"
)
# three medical datasets and one Go library, added in three sections of the Go list
SCATTERED = (
    GO_LIST.replace("- [echo]", BRATS + "- [echo]")
    .replace("- [kong]", LIDC + VIPER + "- [kong]")
    .replace("- [pgx]", CAMELYON + "- [pgx]")
)


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


def _pull_request(tmp_path: Path, before: str, after: str) -> Path:
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text(before)
    _git(tmp_path, "add", "README.md")
    _git(tmp_path, "commit", "-q", "-m", "the list")
    (tmp_path / "README.md").write_text(after)  # the change, not yet committed
    return tmp_path / "README.md"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_judges_only_the_added_entries_against_the_list_as_it_was(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = _pull_request(tmp_path, GO_LIST, SCATTERED)
    judged: list[int] = []
    original = off_topic.additions

    def counted(entries: list, new_lines: frozenset[int] | None) -> frozenset[int] | None:
        added = original(entries, new_lines)
        judged.append(-1 if added is None else len(added))
        return added

    monkeypatch.setattr(off_topic, "additions", counted)
    result = runner.invoke(
        main, ["check", "--select", "off-topic", "--format", "json", "--changed-since", "HEAD", str(readme)]
    )
    assert judged == [4]  # the four added entries, and none of the 17 that were there
    flagged = [f["entry"] for f in json.loads(result.stdout)]
    assert flagged == ["BraTS", "LIDC", "CAMELYON"]
    assert "one of 3 entries this change adds" in json.loads(result.stdout)[0]["message"]
    # scattered in three sections, they are three lone entries to a check of the whole list
    judged.clear()
    assert (
        json.loads(runner.invoke(main, ["check", "--select", "off-topic", "--format", "json", str(readme)]).stdout)
        == []
    )
    assert judged == [-1]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_an_added_entry_that_belongs_is_not_flagged(tmp_path: Path, runner: CliRunner) -> None:
    readme = _pull_request(tmp_path, GO_LIST, GO_LIST.replace("- [kong]", VIPER + "- [kong]"))
    result = runner.invoke(main, ["check", "--select", "off-topic", "--changed-since", "HEAD", str(readme)])
    assert result.exit_code == 0, result.stdout


CHARTS = (
    "- [go-echarts](https://github.com/go-echarts/go-echarts) - Colourful pie, radar and scatter diagrams with legends and tooltips.\n"
    "- [gonum/plot](https://github.com/gonum/plot) - Scatter plots, histograms and axes drawn to vector images.\n"
    "- [candela](https://github.com/wcharczuk/candela) - Stock candlestick and donut diagrams for quarterly sales reports.\n"
)


def test_a_large_change_with_a_few_entries_of_new_words_is_not_a_foreign_block(monkeypatch: pytest.MonkeyPatch) -> None:
    # the shape of real merges into awesome-javascript and awesome-python
    # (bench/offtopic_history.py: 26 and 3 false flags before this rule): a change adds
    # a dozen entries, among them the list's first chart libraries, whose words the list
    # as it was never used (charts, diagrams). Scored without the whole change, they sit
    # low; a few of many is not a pasted block. Counted as one regardless of the change's
    # size (FOREIGN_CHANGE 0), the chart libraries are flagged as one.
    more_go = (
        "- [httprate](https://github.com/go-chi/httprate) - Rate limiter middleware for Go HTTP servers.\n"
        "- [negroni](https://github.com/urfave/negroni) - Idiomatic HTTP middleware for Go web servers.\n"
        "- [gorilla/websocket](https://github.com/gorilla/websocket) - WebSocket implementation for Go web servers.\n"
        "- [cli](https://github.com/mitchellh/cli) - Go library for implementing command-line interfaces.\n"
        "- [go-prompt](https://github.com/c-bata/go-prompt) - Library for building interactive prompts in Go.\n"
        "- [ent](https://github.com/ent/ent) - Entity framework for Go with a database schema as code.\n"
        "- [bun](https://github.com/uptrace/bun) - SQL-first ORM for Go with PostgreSQL and MySQL support.\n"
        "- [sqlc](https://github.com/sqlc-dev/sqlc) - Generate type-safe Go code from SQL database queries.\n"
    )
    rows = more_go.splitlines(keepends=True)
    after = (
        GO_LIST.replace("- [mux]", "".join(rows[:3]) + "- [mux]")
        .replace("- [kong]", "".join(rows[3:5]) + "- [kong]")
        .replace("- [pgx]", "".join(rows[5:]) + "- [pgx]")
        + CHARTS  # at the end of the last section, under a heading that was there
    )
    before_lines = set(GO_LIST.splitlines())
    new = {n for n, line in enumerate(after.splitlines(), start=1) if line not in before_lines}
    doc = Document.from_text(after, "README.md")
    assert lint(doc, Config(), only=["off-topic"], new_lines=new).findings == []
    monkeypatch.setattr(off_topic, "FOREIGN_CHANGE", 0.0)
    flagged = lint(doc, Config(), only=["off-topic"], new_lines=new).findings
    assert [f.entry for f in flagged] == ["go-echarts", "gonum/plot", "candela"]
    assert all("one of 3 entries this change adds" in f.message for f in flagged)


def test_a_change_that_founds_a_section_is_not_judged_as_a_block() -> None:
    # the shape of a real merge into openmedlab/Awesome-Medical-Dataset (26 false flags
    # before this rule): the maintainers open new sections (platforms, benchmarks,
    # methods) and fill them. Entries under a heading the change adds bring a subject of
    # their own, as a section of its own does in a whole list: each is judged alone. The
    # same three entries added under a heading that was there are a foreign block.
    for after, flagged in [
        (GO_LIST + "\n## Charts\n\n" + CHARTS, []),
        (GO_LIST + CHARTS, ["go-echarts", "gonum/plot", "candela"]),
    ]:
        new = {n for n, line in enumerate(after.splitlines(), start=1) if line not in set(GO_LIST.splitlines())}
        found = lint(Document.from_text(after, "README.md"), Config(), only=["off-topic"], new_lines=new).findings
        assert [f.entry for f in found] == flagged
        assert all("one of 3 entries this change adds" in f.message for f in found)


def test_a_change_that_is_most_of_the_list_is_judged_as_a_whole_list() -> None:
    entries = entries_of(Document.from_text(GO_LIST, "README.md"))
    everything = frozenset(range(1, len(GO_LIST.splitlines()) + 2))
    assert off_topic.additions(entries, None) is None
    assert off_topic.additions(entries, everything) is None  # a new list: nothing to judge it against
    assert off_topic.additions(entries, frozenset({entries[3].line})) == frozenset({3})


# what the linked thing says it is: GitHub metadata from a link-check run (a fake API on 127.0.0.1) --

REQUESTS = "- [requests](https://github.com/psf/requests) - Simple HTTP library with a friendly API for web requests.\n"
WITH_REQUESTS = GO_LIST.replace("- [mux]", REQUESTS + "- [mux]")
SECTION_TOPICS = {"Web": "web", "Command Line": "cli", "Databases": "database"}


def go_repos(languages: list[str] | None = None) -> dict[str, dict]:
    """GO_LIST's repositories as GitHub would describe them: Go (or ``languages`` in
    turn), topics go, golang and their section's."""
    repos: dict[str, dict] = {}
    section = ""
    for line in GO_LIST.splitlines():
        if line.startswith("## "):
            section = SECTION_TOPICS[line[3:]]
        elif "https://github.com/" in line:
            name = line.split("https://github.com/")[1].split(")")[0]
            language = languages[len(repos) % len(languages)] if languages else "Go"
            repos[name] = {"language": language, "topics": ["go", "golang", section]}
    return repos


def online_findings(
    runner: CliRunner, httpserver: HTTPServer, path: Path, repos: dict[str, dict], *extra: str
) -> tuple[list[dict], str]:
    httpserver.expect_request("/graphql", method="POST").respond_with_handler(github_graphql(repos))
    result = runner.invoke(
        main,
        ["check", "--online", "--select", "off-topic", "--allow-private", "--no-cache", "--format", "json"]
        + ["--github-api", httpserver.url_for("/graphql"), *extra, str(path)],
    )
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.stdout) if f["rule"] == "off-topic"], result.stderr


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "t")


PYTHON_REQUESTS = {"language": "Python", "topics": ["python", "http-client", "requests", "humans"]}


def test_an_entry_whose_repository_says_it_is_something_else_is_flagged_with_the_evidence(
    tmp_path: Path, runner: CliRunner, httpserver: HTTPServer, token: None
) -> None:
    assert flagged_titles(WITH_REQUESTS) == []  # its words are the list's: offline it passes
    path = tmp_path / "README.md"
    path.write_text(WITH_REQUESTS)
    found, _ = online_findings(runner, httpserver, path, {**go_repos(), "psf/requests": PYTHON_REQUESTS})
    assert [f["entry"] for f in found] == ["requests"]
    message = found[0]["message"]
    assert "GitHub: Python, topics python, http-client, requests, humans" in message
    assert "6 of 6 repositories in this section are Go" in message
    assert "none of the list's own topics (go, golang, " in message


def test_language_alone_never_flags_and_says_nothing_in_a_list_of_mixed_languages(
    tmp_path: Path, runner: CliRunner, httpserver: HTTPServer, token: None
) -> None:
    path = tmp_path / "README.md"
    path.write_text(WITH_REQUESTS)
    # another language, topics the list shares: one kind of evidence only
    python_go_topics = {"language": "Python", "topics": ["go", "golang", "web"]}
    assert online_findings(runner, httpserver, path, {**go_repos(), "psf/requests": python_go_topics})[0] == []
    httpserver.clear()
    # a list of mixed languages: Python is one of its languages, the topics alone do not flag
    mixed = go_repos(["Go", "Rust", "Python", "JavaScript"])
    assert online_findings(runner, httpserver, path, {**mixed, "psf/requests": PYTHON_REQUESTS})[0] == []


def test_too_few_repositories_make_no_profile(
    tmp_path: Path, runner: CliRunner, httpserver: HTTPServer, token: None
) -> None:
    path = tmp_path / "README.md"
    path.write_text(WITH_REQUESTS)
    few = dict(list(go_repos().items())[:5])
    assert online_findings(runner, httpserver, path, {**few, "psf/requests": PYTHON_REQUESTS})[0] == []


def test_a_failing_api_falls_back_to_the_words_and_says_so_once(
    tmp_path: Path, runner: CliRunner, httpserver: HTTPServer, token: None
) -> None:
    path = tmp_path / "README.md"
    path.write_text(WITH_REQUESTS.replace("- [kong]", BRATS + "- [kong]"))
    httpserver.expect_request("/graphql", method="POST").respond_with_data("rate limited", status=403)
    result = runner.invoke(
        main,
        ["check", "--online", "--select", "off-topic", "--allow-private", "--no-cache", "--format", "json"]
        + ["--github-api", httpserver.url_for("/graphql"), str(path)],
    )
    assert [f["entry"] for f in json.loads(result.stdout) if f["rule"] == "off-topic"] == ["BraTS"]  # as offline
    assert result.stderr.count("without metadata (GitHub API answered HTTP 403)") == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_judges_an_added_repository_against_the_metadata_of_the_list_as_it_was(
    tmp_path: Path, runner: CliRunner, httpserver: HTTPServer, token: None
) -> None:
    readme = _pull_request(tmp_path, GO_LIST, WITH_REQUESTS)
    asked: list[str] = []
    repos = {**go_repos(), "psf/requests": PYTHON_REQUESTS}
    httpserver.expect_request("/graphql", method="POST").respond_with_handler(github_graphql(repos, asked))
    result = runner.invoke(
        main,
        ["check", "--online", "--select", "off-topic", "--allow-private", "--no-cache", "--format", "json"]
        + ["--github-api", httpserver.url_for("/graphql"), "--changed-since", "HEAD", str(readme)],
    )
    assert [f["entry"] for f in json.loads(result.stdout) if f["rule"] == "off-topic"] == ["requests"]
    # the unchanged repositories were asked of the API (the profile), in one batch with the new one
    assert sorted(asked) == sorted(repos)
    assert [r.path for r, _ in httpserver.log] == ["/graphql"]


def test_a_change_mostly_of_repositories_that_say_they_are_something_else_is_flagged_as_a_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # three Python HTTP libraries added over three sections of the Go list, described in
    # its words: each alone has language evidence only, and a lone entry needs a second
    # kind. Added together, most of the change says it is something else: flagged as one.
    # The same three in a change that adds four Go libraries as well (three of seven) are
    # each judged alone, and pass.
    python = [
        "- [httpx](https://github.com/encode/httpx) - HTTP client library with connection pooling and a router API.\n",
        "- [click](https://github.com/pallets/click) - Package for building command-line apps with flags.\n",
        "- [peewee](https://github.com/coleifer/peewee) - Small ORM library for SQL database queries.\n",
    ]
    go = [
        "- [resty](https://github.com/go-resty/resty) - Simple HTTP and REST client library for Go.\n",
        "- [kingpin](https://github.com/alecthomas/kingpin) - Go command-line and flag parser.\n",
        "- [goqu](https://github.com/doug-martin/goqu) - SQL builder and query library for Go.\n",
        "- [xorm](https://github.com/go-xorm/xorm) - Simple and powerful ORM for Go.\n",
    ]

    def change(*rows: str) -> tuple[Document, set[int], dict[str, Verdict]]:
        anchors = ["- [echo]", "- [kong]", "- [pgx]", "- [gorm]"]
        text = GO_LIST
        for i, row in enumerate(rows):
            text = text.replace(anchors[i % 4], row + anchors[i % 4])
        new = {n for n, line in enumerate(text.splitlines(), start=1) if line not in set(GO_LIST.splitlines())}
        verdicts = {}
        for line in text.splitlines():
            if "https://github.com/" in line:
                url = line.split("](")[1].split(")")[0]
                language = "Python" if any(url in row for row in python) else "Go"
                verdicts[url] = Verdict(url, "ok", 200, repo=RepoInfo(language, ()))
        return Document.from_text(text, "README.md"), new, verdicts

    doc, new, verdicts = change(*python)
    found = lint(doc, Config(), only=["off-topic"], new_lines=new, link_results=verdicts).findings
    assert [f.entry for f in found] == ["httpx", "click", "peewee"]
    assert all(
        "one of 3 entries this change adds whose links each say they are something else" in f.message for f in found
    )
    assert all("repositories in this " in f.message and "are Go" in f.message for f in found)
    assert (
        lint(doc, Config(), only=["off-topic"], link_results=verdicts).findings == []
    )  # a whole list: three lone ones
    doc, new, verdicts = change(*python, *go)
    assert lint(doc, Config(), only=["off-topic"], new_lines=new, link_results=verdicts).findings == []
    monkeypatch.setattr(off_topic, "FOREIGN_CHANGE", 0.0)
    found = lint(doc, Config(), only=["off-topic"], new_lines=new, link_results=verdicts).findings
    assert [f.entry for f in found] == ["httpx", "click", "peewee"]


def test_a_list_whose_every_entry_links_to_one_site_is_no_one_site_block() -> None:
    # a small list of arXiv papers: every entry links to arxiv.org, which is the list's
    # own site, not a block pasted into it (fails without ONE_SITE_SHARE)
    rows = [
        f"- [A study of {thing}, part {i}](https://arxiv.org/abs/24{i:02d}.{10000 + i}) - Slides of tissue and {other}.\n"
        for i, (thing, other) in enumerate(
            zip(
                ["whole-slide images", "tissue grading", "stain transfer", "weak labels", "tumour segmentation"] * 3,
                ["tumour cells", "cancer grades", "stains", "labels", "nuclei"] * 3,
            )
        )
    ]
    text = "# Awesome Pathology Papers\n\nComputational pathology: slides, tissue, tumour.\n\n## Papers\n\n" + "".join(
        rows
    )
    assert flagged_titles(text) == []


def test_topics_the_list_does_not_share_beside_an_odd_form_are_two_kinds_of_evidence() -> None:
    # a Go repository (no language evidence) whose topics are another subject's: in the
    # list's own form it passes, written with no description (a form no other entry has)
    # it is flagged, the form named as the second kind
    def verdicts(requests_topics: list[str]) -> dict[str, Verdict]:
        repos = {**go_repos(), "psf/requests": {"language": "Go", "topics": requests_topics}}
        return {
            f"https://github.com/{name}": Verdict(
                f"https://github.com/{name}", "ok", 200, repo=RepoInfo(r["language"], tuple(r["topics"]))
            )
            for name, r in repos.items()
        }

    foreign = ["python", "http-client", "requests", "humans"]
    bare = GO_LIST.replace("- [mux]", "- [requests](https://github.com/psf/requests)\n- [mux]")
    for text, topics, flagged in [
        (WITH_REQUESTS, foreign, []),
        (bare, foreign, ["requests"]),
        (bare, ["go", "web"], []),
    ]:
        doc = Document.from_text(text, "README.md")
        found = lint(doc, Config(), only=["off-topic"], link_results=verdicts(topics)).findings
        assert [f.entry for f in found] == flagged
        assert all("its form is odd too" in f.message for f in found)


def test_a_description_says_something_only_where_the_entry_does_not() -> None:
    # a Go repository whose topics are another subject's, in the list's own words and
    # form: topics alone do not flag it; its description, read where the entry says
    # something else (DICOM, scans, hospitals), is the second kind; the same
    # description copied into the entry (as the other repositories' are) is no evidence
    dicom = "- [dcm](https://github.com/suyashkumar/dicom) - Fast parser written in Go.\n"
    text = GO_LIST.replace("- [mux]", dicom + "- [mux]")
    topics = ("dicom", "medical-imaging", "radiology")
    about = "Read and write DICOM files of radiology scans from hospitals and their imaging devices"

    def verdicts(description: str) -> dict[str, Verdict]:
        found = {}
        for line in text.splitlines():
            if "https://github.com/" in line:
                url = line.split("](")[1].split(")")[0]
                own = line.split(") - ", 1)[1]  # the entry's own text, as a maintainer copies it
                repo = RepoInfo("Go", topics, description) if "dicom" in url else RepoInfo("Go", ("go",), own)
                found[url] = Verdict(url, "ok", 200, repo=repo)
        return found

    assert flagged_titles(text) == []
    doc = Document.from_text(text, "README.md")
    for description, flagged in [(about, ["dcm"]), ("Fast parser written in Go.", []), ("", [])]:
        found = lint(doc, Config(), only=["off-topic"], link_results=verdicts(description)).findings
        assert [f.entry for f in found] == flagged
        assert all("its description and its topics" in f.message for f in found)
        assert all("its description's device, dicom, file, hospital used by no other" in f.message for f in found)
    # the description copied into the entry: the entry's words speak (rare in this list),
    # the description says nothing more and is not counted a second time
    text = text.replace("Fast parser written in Go.", about)
    doc = Document.from_text(text, "README.md")
    found = lint(doc, Config(), only=["off-topic"], link_results=verdicts(about)).findings
    assert [f.entry for f in found] == ["dcm"]
    assert "its words are rare in this list too" in found[0].message and "description" not in found[0].message


def test_topics_and_descriptions_speak_only_where_the_lists_own_links_seldom_stand_apart_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the dcm repository of the test above, in a list whose own repositories carry
    # keywords and a summary each of its own, as real PyPI and npm packages do (see
    # bench/offtopic.py --packages: before this test's rule, 20 false flags on each of
    # awesome-python and awesome-javascript). There every other repository stands apart
    # by the same tests, so standing apart tells dcm from the list's own no better than
    # chance: no flag. With the bar lifted (KIND_SHARE 1.0), the same list flags dcm and
    # every one of its own.
    dicom = "- [dcm](https://github.com/suyashkumar/dicom) - Fast parser written in Go.\n"
    text = GO_LIST.replace("- [mux]", dicom + "- [mux]")
    syllables = ["zor", "vex", "quil", "mab", "trin", "kel", "dro", "fyn"]
    own_words = (a + b + "ax" for a in syllables for b in syllables)  # words no English text holds
    found: dict[str, Verdict] = {}
    for line in text.splitlines():
        if "https://github.com/" in line:
            url = line.split("](")[1].split(")")[0]
            if "dicom" in url:
                repo = RepoInfo(
                    "Go",
                    ("dicom", "medical-imaging", "radiology"),
                    "Read and write DICOM files of radiology scans from hospitals and their imaging devices",
                )
            else:
                words = [next(own_words) for _ in range(3)]
                shared = f"group{len(found) // 3}"  # a keyword shared with two others, as "testing" is
                repo = RepoInfo("Go", (*words[:2], shared), f"Handles {' '.join(words)} for everyone")
            found[url] = Verdict(url, "ok", 200, repo=repo)
    doc = Document.from_text(text, "README.md")
    assert lint(doc, Config(), only=["off-topic"], link_results=found).findings == []
    monkeypatch.setattr(metadata, "KIND_SHARE", 1.0)
    flagged = [f.entry for f in lint(doc, Config(), only=["off-topic"], link_results=found).findings]
    assert "dcm" in flagged and len(flagged) == len(found)


def go_repositories(text: str, owner: str, topics: tuple[str, ...]) -> dict[str, Verdict]:
    """Every GitHub link of ``text`` a Go repository: those under ``owner`` ("/sci/") with
    ``topics``, the rest with the Go list's own ("go", "golang")."""
    found = {}
    for line in text.splitlines():
        if "https://github.com/" in line:
            url = line.split("](")[1].split(")")[0]
            found[url] = Verdict(url, "ok", 200, repo=RepoInfo("Go", topics if owner in url else ("go", "golang")))
    return found


def test_neighbours_whose_links_stand_apart_once_they_are_left_out_are_a_block() -> None:
    # three repositories pasted together share their topics among themselves, so none
    # stands apart on its own; with the run left out of the list's profile each does,
    # and their words sit below the list's typical entry: a block. The same three
    # scattered over the sections share the same topics and are left alone.
    pasted = [
        ("numpy", "Fundamental package for arrays and numerical computing in Go."),
        ("scipy", "Numerical routines for optimization and integration in Go."),
        ("sympy", "Symbolic mathematics library for algebra written in Go."),
    ]
    rows = [f"- [{name}](https://github.com/sci/{name}) - {about}\n" for name, about in pasted]
    block = GO_LIST.replace("- [sqlx]", "".join(rows) + "- [sqlx]")
    scattered = GO_LIST.replace("- [mux]", rows[0] + "- [mux]").replace("- [kong]", rows[1] + "- [kong]")
    scattered = scattered.replace("- [sqlx]", rows[2] + "- [sqlx]")

    def verdicts(text: str) -> dict[str, Verdict]:
        return go_repositories(text, "/sci/", ("scientific-computing", "numerical", "math"))

    assert flagged_titles(block) == [] and flagged_titles(scattered) == []
    doc = Document.from_text(block, "README.md")
    found = lint(doc, Config(), only=["off-topic"], link_results=verdicts(block)).findings
    assert [f.entry for f in found] == ["numpy", "scipy", "sympy"]
    assert all("one of 3 neighbouring entries whose links each say they are something else" in f.message for f in found)
    doc = Document.from_text(scattered, "README.md")
    assert lint(doc, Config(), only=["off-topic"], link_results=verdicts(scattered)).findings == []


def test_strays_far_below_the_list_vouch_for_no_others_metadata() -> None:
    # three medical repositories scattered over a list of Go tools, written in its form:
    # offline their words alone do not flag them (the form is the list's); their topics
    # are shared, but only among themselves. camelyon's words sit at a lone entry's bar:
    # it vouches for no other's metadata, so brats and lidc, shared with one other
    # each, stand apart by their topics (camelyon itself is shared by the two, whose
    # words the list explains better, and is left alone)
    rows = [
        "- [brats](https://github.com/med/brats) - Brain tumor MRI scans of glioma patients with expert annotations.\n",
        "- [lidc](https://github.com/med/lidc) - Lung nodule CT scans from patients, annotated by radiologists.\n",
        "- [camelyon](https://github.com/med/camelyon) - Breast cancer metastases in lymph node slides of hospital patients.\n",
    ]
    text = GO_LIST.replace("- [mux]", rows[0] + "- [mux]").replace("- [kong]", rows[1] + "- [kong]")
    text = text.replace("- [sqlx]", rows[2] + "- [sqlx]")
    verdicts = go_repositories(text, "/med/", ("medical-imaging", "dataset", "radiology"))
    assert flagged_titles(text) == []
    found = lint(Document.from_text(text, "README.md"), Config(), only=["off-topic"], link_results=verdicts).findings
    assert [f.entry for f in found] == ["brats", "lidc"]
    assert all("none of the list's own topics (go, golang)" in f.message for f in found)
