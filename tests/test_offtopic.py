"""off-topic: the seeds' pasted block, hand-written lists with a stray entry or block,
the clean corpus, and the word model under the rule."""

import pytest

from awesomelint import data
from awesomelint.document import Document
from awesomelint.entries import entries_of
from awesomelint.rules import offtopic
from awesomelint.topicmodel import TopicModel, english, words_of

from .conftest import CORPUS, corpus, corpus_list, file_findings, findings, seed

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
PASTED = GO_LIST.replace("- [sqlx]", BRATS + (
    "- [LIDC](https://wiki.cancerimagingarchive.net/lidc) - Lung nodule CT scans from patients, annotated by radiologists.\n"
    "- [CAMELYON](https://camelyon17.grand-challenge.org) - Whole-slide images of breast cancer lymph node metastases.\n"
    "- [sqlx]"))


def flagged_titles(text: str) -> list[str]:
    doc = Document.from_text(text, "README.md")
    entries = entries_of(doc)
    return [next(e.title for e in entries if e.start == f.start) for f in findings(text, "off-topic")]


def test_finds_the_pasted_inr_block_in_the_pathology_list():
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
def test_silent_on_coherent_seed_lists(prefix):
    assert file_findings(seed(prefix), "off-topic")[1] == []


def test_a_clean_small_list_is_silent():
    assert flagged_titles(GO_LIST) == []


def test_a_lone_stray_entry_is_flagged_with_what_it_is_about():
    assert flagged_titles(LONE) == ["BraTS"]
    message = findings(LONE, "off-topic")[0].message
    assert "its words are rare in this list" in message
    assert "brain" in message.split("it is about")[1].split("not the list")[0]
    assert "subject (go" in message


def test_a_pasted_block_is_flagged_although_its_entries_vouch_for_each_other():
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
def test_a_pasted_block_in_a_long_list_is_scored_without_its_neighbourhood():
    # five datasets sharing "cases", "categories", "segmentation" vouch for each other
    # so well that each scores above awesome-go's typical entry; left out together with
    # their neighbours, none of them does
    text, block = pasted_into_awesome_go("- [cobra](")
    flagged = flagged_titles(text)
    assert [t for t in flagged if t in block] == block
    assert len(flagged) == len(block)  # and none of the list's own (a lone odd word is no evidence in a long list)
    assert all("one of 5 neighbouring entries whose words the rest of the list does not use" in f.message
               for f in findings(text, "off-topic") if "categories" in f.message)


@corpus
def test_an_odd_entry_next_to_a_pasted_block_is_not_swept_into_it():
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
def test_a_run_that_is_most_of_its_section_is_the_sections_theme():
    # five Python libraries scattered over awesome-go shift its typical score just enough
    # that the five conferences not in the run of eleven cities look typical: the run is
    # then most of "Conferences", the section's own theme, not a paste
    text = awesome_go_with(PYTHON_STRAYS)
    doc = Document.from_text(text, "README.md")
    sections = {e.start: e.section[-1] for e in entries_of(doc)}
    assert "Conferences" not in {sections[f.start] for f in findings(text, "off-topic")}


def test_neighbourhood_scores_leave_out_five_entries_either_side():
    model, entries = model_of(GO_LIST)
    assert entries[10].title == "bubbletea"
    plain = model.score(10)
    alone = offtopic.neighbourhood_scores(model, [10])[10]
    assert alone.score == model.score(10, left_out=tuple(range(5, 16))).score
    # "terminal apps" loses survey, its section-mate; "Command Line", the section's
    # heading, still vouches for the section's own words
    assert alone.ratios["terminal"] < 0 < plain.ratios["terminal"]
    assert model.score(8).ratios["line"] == offtopic.neighbourhood_scores(model, [8])[8].ratios["line"] > 0


def test_options_state_the_subject_silence_words_and_raise_the_bar(tmp_path, runner):
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


def test_an_inline_comment_silences_it():
    text = LONE.replace(BRATS.split(" - ")[0], "<!-- awesomelint-disable-next-line off-topic -->\n" + BRATS.split(" - ")[0])
    assert flagged_titles(text) == []


@corpus
def test_flag_rate_on_clean_corpus_lists():
    for path in CORPUS:
        doc, found = file_findings(path, "off-topic")
        assert len(found) <= 0.01 * len(entries_of(doc)), path.name


@corpus
def test_sections_about_something_of_their_own_are_judged_against_themselves():
    # awesome-go lists conferences and meetups (cities), medical datasets list platforms
    # (Kaggle): whole sections unlike the rest, written by the maintainers
    for path in CORPUS:
        doc, found = file_findings(path, "off-topic")
        assert not any("neighbouring entries" in f.message for f in found), path.name
        sections = {e.start: e.section[-1] for e in entries_of(doc) if e.section}  # entries before any heading have none
        assert not {sections.get(f.start) for f in found} & {"Conferences", "Meetups", "Dataset Platforms"}


# the word model -------------------------------------------------------------

def model_of(text: str) -> tuple[TopicModel, list]:
    doc = Document.from_text(text, "README.md")
    entries = entries_of(doc)
    return offtopic.list_model(doc, entries), entries


def test_english_background_is_shipped_data():
    table = english()
    assert len(table) > 20000
    assert table["the"] > table["library"] > table["tumor"]
    assert "glioma" not in table  # jargon: evidence only when the list itself uses it


def test_names_say_nothing_list_words_say_on_topic_foreign_words_say_off_topic():
    model, entries = model_of(LONE)
    brats = next(i for i, e in enumerate(entries) if e.title == "BraTS")
    router = next(i for i, e in enumerate(entries) if e.title == "httprouter")
    assert "httprouter" not in model.score(router).ratios  # a name nobody else uses, unknown to English
    assert model.score(router).ratios["go"] > 0 and model.score(router).ratios["router"] > 0
    assert model.score(brats).ratios["tumor"] < 0
    assert model.score(brats).score < 0 < model.score(router).score
    assert model.subject_terms()[0] == "go"


def test_a_block_scored_without_itself_loses_its_own_support():
    model, entries = model_of(PASTED)
    block = tuple(i for i, e in enumerate(entries) if e.title in ("BraTS", "LIDC", "CAMELYON"))
    for i in block[:2]:  # BraTS and LIDC share "scans" and "patients"
        assert model.score(i, left_out=block).score < model.score(i).score
    assert model.score(block[0]).ratios["scans"] > 0 > model.score(block[0], left_out=block).ratios["scans"]


def test_a_small_list_cannot_score_as_far_below_zero_as_a_big_one():
    # few words of its own against 300 pseudo-words of English: a word nobody else uses
    # costs about a quarter of the cap in an 18-entry list, the whole cap in awesome-go
    small, _ = model_of(GO_LIST)
    assert 0.15 < small.depth(0) < 0.4
    if CORPUS:
        big, _ = model_of(corpus_list("avelino__awesome-go.md").read_text(encoding="utf-8"))
        assert big.depth(100) == 1.0


def test_stopwords_are_function_words_only():
    stopwords = data.load("stopwords")["words"]
    # YAML 1.1 reads a bare on/no as a boolean: they were never stopped
    assert all(isinstance(w, str) for w in stopwords) and {"on", "no"} <= set(stopwords)
    # subject words of a list ("library", "dataset") must stay evidence
    assert not {"library", "dataset", "model", "tool", "framework"} & set(stopwords)
    assert words_of("A library of datasets for the web", frozenset({"a", "of", "for", "the"})) == [
        "library", "datasets", "web"]


def test_the_lone_bar_grows_with_the_list():
    bars = [offtopic._lone_bar(n, 3.5) for n in (20, 100, 1000, 5000)]
    assert bars == sorted(bars) and bars[2] == pytest.approx(3.5)


def test_template_blocks_are_runs_of_foreign_field_names():
    doc = Document.from_path(seed("004"))
    entries = [e for e in entries_of(doc) if e.title or e.text]
    blocks = offtopic._template_blocks(entries)
    assert [sorted(keys) for _, keys in blocks] == [["authors", "publication date"]]
    assert len(blocks[0][0]) == 16
    for path in [seed("000"), seed("002"), seed("003"), *CORPUS]:
        doc = Document.from_path(path)
        assert offtopic._template_blocks([e for e in entries_of(doc) if e.title or e.text]) == [], path.name


def test_the_same_list_gets_the_same_findings_in_every_process():
    # sets iterate in a per-process order; float sums over them would differ in the last
    # bits and flip ties between runs
    import os
    import subprocess
    import sys

    script = ("import sys; from tests.conftest import file_findings, seed; "
              "print([f.message for f in file_findings(seed('004'), 'off-topic')[1]])")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(n)}).stdout for n in (1, 2, 3)}
    assert len(outputs) == 1


def test_text_without_spaces_is_read_as_character_pairs():
    from awesomelint.topicmodel import words_of

    assert words_of("基于ChatGLM的中文模型 and Python", frozenset({"and"})) == [
        "基于", "chatglm", "的中", "中文", "文模", "模型", "python"]


def test_a_list_mostly_in_chinese_is_left_alone():
    entries = "".join(f"* 模型{i}：\n  * 地址：https://github.com/o/m{i}\n  * 简介：一个基于大语言模型的中文对话系统，开源可商用。\n"
                      for i in range(20))
    stray = "* Guide：\n  * 地址：https://github.com/o/guide\n  * 简介：This repo aims at recording open source alternatives.\n"
    assert flagged_titles("# 中文大模型\n\n## 模型\n\n" + entries + stray) == []


PROMOTION = """- - [Apex Health AI: clinical documentation assistant for hospitals](https://apexhealth.example/)
  - [Book a demo for your clinic and patients](https://apexhealth.example/demo)
  - [Pricing for hospitals and physicians](https://apexhealth.example/pricing)
  - [Patient care case studies](https://apexhealth.example/cases)
"""


@corpus
def test_a_pasted_block_of_promotional_links_is_found():
    flagged = flagged_titles(awesome_go_with({"- [cobra](": PROMOTION}))
    assert flagged[0].startswith("Apex Health AI") and len(flagged) == 4


def _long_go_list(odd: str) -> str:
    """240 hand-made Go library entries in 8 sections, with one odd-worded tool among them."""
    verbs = ["Parse", "Build", "Serve", "Encode", "Decode", "Validate", "Generate", "Test"]
    things = ["JSON", "HTTP requests", "command-line flags", "config files", "SQL queries", "gRPC services",
              "templates", "log messages", "YAML", "websockets"]
    sections = []
    for s in range(8):
        rows = [f"- [go{s}x{i}](https://github.com/o/go{s}x{i}) - {verbs[(s + i) % 8]} {things[(s * 3 + i) % 10]} "
                f"in Go with a small, fast library." for i in range(30)]
        if s == 5:
            rows.insert(17, odd)
        sections.append(f"## Section {s}\n\n" + "\n".join(rows) + "\n")
    return "# Awesome Go Tools\n\nGo libraries and tools.\n\n" + "\n".join(sections)


def test_a_lone_tool_with_rare_words_in_a_long_list_is_not_flagged():
    # the shape of MInference, rnote or BigML in real lists: a single tool whose own words are rare
    text = _long_go_list("- [rnote](https://github.com/o/rnote) - Sketch and take handwritten notes on tablets with pressure-sensitive pens.")
    assert flagged_titles(text) == []
