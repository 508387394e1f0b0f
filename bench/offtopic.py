"""Evaluate the off-topic rule like a classifier, on mixtures of real lists.

Take one list, paste a handful of entries from a list on another subject into it
(rendered in the host list's own format: a bullet, a numbered item with sub-bullets, or
a table row), remember where they went, run the rule, and count. Far mixtures mix
unrelated subjects (Go libraries and medical datasets); near ones mix neighbours
(radiology models into a pathology list, Python libraries into Go libraries).

Usage: python bench/offtopic.py [--seeds 10] [--inserted 5] [--jobs 2] [--changed] [--metadata] [--ceiling | --promotion | --packages]
Prints precision/recall per mixture kind and per pair, and the flag rate on the unmodified
lists. Flags the host list gets on its own (without anything pasted) are counted apart:
"precision" sets them aside, "precision, host's own flags counted" counts them as false
alarms (except the pathology seed's own pasted block, which is off-topic for real).
With --changed the mixtures are judged as `check --changed-since` judges a pull request:
the pasted lines are the change, the entries that were there the list it is judged against.
With --metadata the rule reads the metadata a link-check run would hand it (GitHub
repositories' languages and topics, arXiv papers' categories, Hugging Face models' tags),
from fixtures written for these lists (`META_PROFILES`, `ARXIV_PROFILES`, `HF_PROFILES`: as
each list's subject implies, drawn per address; a pasted entry keeps its own list's).
With --packages it mixes the python and javascript lists both ways, offline and with
the metadata their repositories' packages really carry on PyPI and npm (captured by
`bench/capture_packages.py` into `bench/data/packages.json`), and reports what that
metadata makes of each list unmodified: the one measure here of real metadata.
With --ceiling it reports instead how many pasted entries the best possible bar on the
rule's scores would find: what the scores can tell apart at all, whatever the rule's logic.
With --promotion it pastes a promotional block (a product and three of its pages, once as
written with a double marker "- - [", once as double-marker's fix tidies it) into every
list of the corpus and the seeds at five places, and reports how much of it is found and
whether anything else of the list is flagged because of it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zlib
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # the bench runs from a bare checkout: imports come after

from awesomelint.engine.config import Config  # noqa: E402
from awesomelint.engine.linter import lint  # noqa: E402
from awesomelint.links.arxiv import arxiv_ids  # noqa: E402
from awesomelint.links.doi import doi_ids  # noqa: E402
from awesomelint.links.github import repo_urls  # noqa: E402
from awesomelint.links.huggingface import hf_ids  # noqa: E402
from awesomelint.links.packages import parse_npm, parse_pypi  # noqa: E402
from awesomelint.links.verdict import RepoInfo, Verdict  # noqa: E402
from awesomelint.model.document import Document  # noqa: E402
from awesomelint.model.entries import Entry, entries_of  # noqa: E402
from awesomelint.model.topicmodel import MIN_WORDS, robust_z  # noqa: E402
from awesomelint.rules.off_topic import list_model, neighbourhood_scores, units_of, written_entries  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "tests" / "fixtures"
LISTS = {
    "go": CORPUS / "avelino__awesome-go.md",
    "python": CORPUS / "vinta__awesome-python.md",
    "lists": CORPUS / "sindresorhus__awesome.md",
    "med-datasets": CORPUS / "openmedlab__Awesome-Medical-Dataset.md",
    "med-models": CORPUS / "PLM2233__Awesome-Medical-Foundation-Models.md",
    "imaging-tools": CORPUS / "fepegar__awesome-medical-imaging.md",
    "pathology": SEEDS / "004_e6471fc22fbee112.md",
    "radiology": SEEDS / "002_c114c8cf62b8fe9b.md",
    "single-cell": SEEDS / "003_b7bbfd329c0ce587.md",
    "javascript": SEEDS / "corpus" / "sorrycc__awesome-javascript.md",
}
FAR = [
    ("go", "med-datasets"),
    ("python", "med-models"),
    ("lists", "pathology"),
    ("pathology", "go"),
    ("med-models", "python"),
    ("med-datasets", "go"),
    ("single-cell", "go"),
]
NEAR = [
    ("pathology", "radiology"),
    ("go", "python"),
    ("python", "go"),
    ("med-models", "med-datasets"),
    ("med-datasets", "med-models"),
    ("imaging-tools", "python"),
]
CLEAN = ["go", "python", "lists", "med-datasets", "med-models", "imaging-tools", "radiology", "single-cell"]


# Fixture metadata, written for the bench's lists (no network): what each list's GitHub
# repositories would say they are, as the list's subject implies. Per list: its languages
# with their shares (None: no language, as for a list of lists), the topics most of its
# repositories carry, and a pool of the topics its subject suggests; and its arXiv
# papers' categories (ARXIV_PROFILES), its Hugging Face models' pipeline tags and tags
# (HF_PROFILES). A repository's description and a paper's abstract are the entry's own
# description in its own list when it reads like one (`said_of`), else none; a paper's
# title is the entry's. None of these lists links a package page (PyPI, npm, crates.io).
# A paper named by its DOI (DOI_PROFILES): a preprint on bioRxiv/medRxiv carries one of
# the list's preprint categories (bioRxiv's and medRxiv's own category names), a
# published paper one of the list's journals and one of its subjects (Crossref's
# container-title and subject), drawn per address as the other fixtures are.
META_PROFILES: dict[str, tuple[dict[str | None, float], list[str], list[str]]] = {
    "go": (
        {"Go": 0.93, "JavaScript": 0.02, "C": 0.02, "Shell": 0.01, None: 0.02},
        ["go", "golang"],
        ["api", "cli", "http", "database", "library", "microservices", "server", "tool"],
    ),
    "python": (
        {"Python": 0.93, "C": 0.02, "JavaScript": 0.02, "Rust": 0.01, None: 0.02},
        ["python", "python3"],
        ["library", "cli", "api", "web", "data", "testing", "django", "asyncio"],
    ),
    "lists": (
        {None: 0.85, "JavaScript": 0.05, "Python": 0.05, "Ruby": 0.05},
        ["awesome", "awesome-list", "lists"],
        ["resources", "curated-list", "learning", "tools", "list"],
    ),
    "med-datasets": (
        {"Python": 0.8, None: 0.2},
        ["medical-imaging", "dataset", "medical"],
        ["segmentation", "deep-learning", "radiology", "ct", "mri", "benchmark"],
    ),
    "med-models": (
        {"Python": 0.9, "Jupyter Notebook": 0.1},
        ["medical", "foundation-model", "deep-learning"],
        ["llm", "multimodal", "medical-imaging", "healthcare", "pytorch", "clinical"],
    ),
    "imaging-tools": (
        {"Python": 0.5, "C++": 0.3, "MATLAB": 0.1, "Java": 0.1},
        ["medical-imaging", "image-processing"],
        ["dicom", "mri", "segmentation", "registration", "neuroimaging", "visualization"],
    ),
    "pathology": (
        {"Python": 0.9, "Jupyter Notebook": 0.1},
        ["computational-pathology", "histopathology", "digital-pathology"],
        ["deep-learning", "whole-slide-imaging", "foundation-model", "pytorch", "cancer"],
    ),
    "radiology": (
        {"Python": 0.9, "Jupyter Notebook": 0.1},
        ["radiology", "medical-imaging"],
        ["foundation-model", "deep-learning", "ct", "x-ray", "report-generation", "multimodal"],
    ),
    "single-cell": (
        {"Python": 0.6, "R": 0.4},
        ["single-cell", "scrna-seq", "bioinformatics"],
        ["foundation-model", "transformer", "genomics", "deep-learning"],
    ),
}
# the arXiv categories each list's papers would carry: primary categories, cross-lists
ARXIV_PROFILES: dict[str, tuple[list[str], list[str]]] = {
    "go": (["cs.SE", "cs.DC", "cs.PL"], ["cs.NI", "cs.CR"]),
    "python": (["cs.SE", "cs.LG", "cs.MS"], ["cs.PL", "stat.ML"]),
    "lists": (["cs.LG", "cs.SE", "cs.CL"], ["cs.AI", "cs.IR"]),
    "med-datasets": (["eess.IV", "cs.CV"], ["physics.med-ph", "cs.LG"]),
    "med-models": (["cs.CV", "cs.CL"], ["cs.AI", "cs.LG", "eess.IV"]),
    "imaging-tools": (["eess.IV", "physics.med-ph"], ["cs.CV", "q-bio.NC"]),
    "pathology": (["eess.IV", "cs.CV"], ["cs.LG", "q-bio.QM", "q-bio.TO"]),
    "radiology": (["cs.CV", "eess.IV"], ["cs.CL", "cs.AI", "physics.med-ph"]),
    "single-cell": (["q-bio.GN", "cs.LG"], ["q-bio.QM", "stat.ML", "q-bio.MN"]),
}
# the pipeline tags and tags each list's Hugging Face models would carry
HF_PROFILES: dict[str, tuple[list[str], list[str]]] = {
    "med-models": (
        ["image-text-to-text", "text-generation", "image-feature-extraction"],
        ["medical", "biology", "clinical"],
    ),
    "radiology": (["image-feature-extraction", "image-classification"], ["radiology", "medical", "ct", "x-ray"]),
    "pathology": (["image-feature-extraction"], ["histopathology", "pathology", "biology"]),
}
# the journals, subjects (Scopus-style, as Crossref gives them) and preprint categories
# each list's papers would carry; general journals (Nature Medicine, Scientific Data)
# appear in several lists, as they do
DOI_PROFILES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "go": (["ACM Computing Surveys", "IEEE Software"], ["Software", "Computer Networks and Communications"], []),
    "python": (["Journal of Open Source Software", "SoftwareX"], ["Software", "Computer Science Applications"], []),
    "lists": (["ACM Computing Surveys", "Communications of the ACM"], ["General Computer Science"], []),
    "med-datasets": (
        ["Scientific Data", "Medical Image Analysis", "Radiology: Artificial Intelligence", "Nature Medicine"],
        ["Radiology, Nuclear Medicine and Imaging", "Statistics, Probability and Uncertainty"],
        ["radiology and imaging"],
    ),
    "med-models": (
        ["Nature Medicine", "Nature", "NEJM AI", "Nature Biomedical Engineering"],
        ["General Medicine", "Health Informatics"],
        ["health informatics", "radiology and imaging"],
    ),
    "imaging-tools": (
        ["NeuroImage", "Medical Image Analysis", "Human Brain Mapping"],
        ["Neurology", "Radiology, Nuclear Medicine and Imaging"],
        ["neuroscience", "radiology and imaging"],
    ),
    "pathology": (
        ["Nature Medicine", "Modern Pathology", "Nature Communications", "Medical Image Analysis"],
        ["Pathology and Forensic Medicine", "General Medicine"],
        ["pathology", "cancer biology"],
    ),
    "radiology": (
        ["Radiology", "Nature Medicine", "Radiology: Artificial Intelligence", "Medical Image Analysis"],
        ["Radiology, Nuclear Medicine and Imaging", "General Medicine"],
        ["radiology and imaging"],
    ),
    "single-cell": (
        ["Nature Methods", "Nature Biotechnology", "Genome Biology", "Nature"],
        ["Molecular Biology", "Genetics"],
        ["bioinformatics", "genomics"],
    ),
}
ANYWHERE = ["hacktoberfest", "machine-learning", "deep-learning", "api", "docker", "cli"]  # topics of any subject


def fixture_metadata(name: str) -> dict[str, RepoInfo]:
    """Metadata for the GitHub links of list `name`, the same for an address every time
    (seeded by it): the language drawn from the list's shares; each of its common topics
    with chance 0.6, one or two of its pool, a name of the repository's own (half the
    time), a topic of any subject (one time in ten); 15% of repositories carry no topics.
    An arXiv paper: one of the list's primary categories and up to two of its cross-lists.
    A Hugging Face model: one of the list's pipeline tags, one or two of its tags, and
    its library."""
    languages, common, pool = META_PROFILES[name]
    found: dict[str, RepoInfo] = {}
    entries = entries_of(Document.from_path(LISTS[name]))
    urls = [link.url.strip() for entry in entries for link in entry.web_links]
    said = {link.url.strip(): said_of(entry) for entry in reversed(entries) for link in entry.web_links}
    for url in repo_urls([u for u in urls if u.startswith(("http://", "https://"))]):  # what the GraphQL batch asks
        if url not in found:
            rng = random.Random(zlib.crc32(url.encode()))
            language = rng.choices(list(languages), weights=list(languages.values()))[0]
            topics: list[str] = []
            if rng.random() >= 0.15:
                topics = [t for t in common if rng.random() < 0.6] + rng.sample(pool, rng.randint(1, 2))
                if rng.random() < 0.5:
                    topics.append(re.sub(r"[^a-z0-9]+", "-", url.rstrip("/").rsplit("/", 1)[-1].lower()))
                if rng.random() < 0.1:
                    topics.append(rng.choice(ANYWHERE))
            found[url] = RepoInfo(language, tuple(dict.fromkeys(topics)), said[url], "2025-01-01T00:00:00Z")
    primaries, crosses = ARXIV_PROFILES[name]
    for url in arxiv_ids([u for u in urls if u.startswith(("http://", "https://"))]):
        rng = random.Random(zlib.crc32(url.encode()))
        categories = [rng.choice(primaries), *rng.sample(crosses, rng.randint(0, 2))]
        title = strip_markup(next(e.title for e in entries if any(l.url.strip() == url for l in e.web_links)))
        found[url] = RepoInfo(None, tuple(dict.fromkeys(categories)), f"{title}\n{said[url]}".strip(), None, "arXiv")
    journals, subjects, categories = DOI_PROFILES[name]
    for url, paper in doi_ids([u for u in urls if u.startswith(("http://", "https://"))]).items():
        rng = random.Random(zlib.crc32(url.encode()))
        title = strip_markup(next(e.title for e in entries if any(l.url.strip() == url for l in e.web_links)))
        text = f"{title}\n{said[url]}".strip()
        if paper.server:
            source = "medRxiv" if paper.server == "medrxiv" else "bioRxiv"
            found[url] = RepoInfo(None, (rng.choice(categories or ["bioinformatics"]),), text, None, source)
        else:
            topics = (rng.choice(journals), rng.choice(subjects))
            found[url] = RepoInfo(None, tuple(t.lower() for t in topics), text, None, source="Crossref")
    pipelines, tags = HF_PROFILES.get(name, (["feature-extraction"], ["pytorch"]))
    for url in hf_ids([u for u in urls if u.startswith(("http://", "https://"))]):
        rng = random.Random(zlib.crc32(url.encode()))
        topics = [rng.choice(pipelines), *rng.sample(tags, min(len(tags), rng.randint(1, 2))), "transformers"]
        found[url] = RepoInfo(None, tuple(dict.fromkeys(topics)), "", None, source="Hugging Face")
    return found


def strip_markup(text: str) -> str:
    return re.sub(r"[*_`]|!?\[([^\]]*)\]\([^)]*\)", r"\1", text).strip()


def said_of(entry: Entry) -> str:
    """What an entry of its own list says of the thing it links, when it reads like a
    description (a sentence of four words or more, not a name or a date): the fixture
    for the repository's description, a paper's abstract, as real as the bench can have
    it offline. None otherwise."""
    text = strip_markup(description(entry))
    return text if len(re.findall(r"[^\W\d_]{2,}", text)) >= 4 else ""


PACKAGES = ROOT / "bench" / "data" / "packages.json"
PACKAGE_PAIRS = [("python", "javascript"), ("javascript", "python")]


def captured_metadata(name: str) -> dict[str, RepoInfo]:
    """Real metadata for the GitHub links of list `name` (python or javascript): what the
    repository's package says it is on PyPI or npm, as `bench/capture_packages.py` asked
    the registries (kept only where the package names that repository), read by the
    rule's own parsers. Handed to the rule as a link-check run hands it a package page's:
    a summary and keywords (and PyPI's Topic classifiers), no language."""
    entries = entries_of(Document.from_path(LISTS[name]))
    return captured_metadata_from({link.url.strip() for entry in entries for link in entry.web_links})


def captured_metadata_from(urls: set[str]) -> dict[str, RepoInfo]:
    """`captured_metadata` for the addresses ``urls`` that were captured."""
    parsers = {"PyPI": parse_pypi, "npm": parse_npm}
    captured = _captured()
    found = {}
    for url in urls & captured.keys():
        info = parsers[captured[url]["registry"]](captured[url]["answer"])
        if info is not None:
            found[url] = info
    return found


@cache
def _captured() -> dict[str, dict]:
    return json.loads(PACKAGES.read_text())["packages"]


@cache
def _metadata(name: str, kind: str) -> dict[str, RepoInfo]:
    return captured_metadata(name) if kind == "packages" else fixture_metadata(name)


def link_results(host: str, donor: str | None, kind: str = "fixtures") -> dict[str, Verdict]:
    """What a link-check run would hand the rules: the host's repositories' metadata, and
    the donor's for what was pasted (an address in both lists keeps the host's); ``kind``:
    the hand-written fixtures, or the captured package metadata ("packages")."""
    infos = {**(_metadata(donor, kind) if donor else {}), **_metadata(host, kind)}
    return {url: Verdict(url, "ok", 200, repo=info) for url, info in infos.items()}


def description(entry: Entry) -> str:
    for key in ("description", "Highlight", "Key Feature", "Description", "notes"):
        if entry.fields.get(key):
            return entry.fields[key].replace("|", "/").replace("\n", " ")[:200]
    return ""


def render(donor: Entry, host: Entry, lines: list[str]) -> list[str]:
    """The donor entry written the way the host list writes its entries."""
    link = donor.main_link
    url = link.url if link else "https://example.org/x"
    title = donor.title.replace("|", "/").replace("[", "(").replace("]", ")") or "Untitled"
    desc = description(donor)
    first = lines[host.line - 1]
    if host.kind == "table-row":
        cells = []
        link_done = False
        title_header = next((h for h in host.headers if host.fields.get(h) == host.title), host.headers[0])
        for header in host.headers:
            value = host.fields.get(header, "")
            if header == title_header:
                # a table whose titles are sentences (paper titles) gets the donor's
                # description with its name, as a paper title would carry it
                long_titles = len(host.title) > 40 and desc and desc not in title
                cells.append(f"{title}: {desc}" if long_titles else title)
            elif not link_done and any(l.cell == host.headers.index(header) for l in host.links):
                cells.append(f"[Link]({url})")
                link_done = True
            elif len(value) > 40 and desc:
                cells.append(desc)
            else:
                cells.append("-")
        return ["| " + " | ".join(cells) + " |"]
    indent = first[: len(first) - len(first.lstrip())]
    stripped = first.lstrip()
    if stripped[:1].isdigit():
        marker = stripped.split(" ", 1)[0]
        sub = indent + " " * (len(marker) + 1)
        out = [f"{indent}{marker} 📜 **{title}**", f"{sub}- 📄 [PDF]({url})"]
        if desc:
            out.append(f"{sub}- 📌 Highlight: {desc}")
        return out + [""]
    marker = stripped[:1] if stripped[:1] in "-*+" else "-"
    if host.kind == "heading":
        return [f"### [{title}]({url})", "", desc or title, ""]
    return [f"{indent}{marker} [{title}]({url})" + (f" - {desc}" if desc else "")]


def mixture(host_path: Path, donor_path: Path, count: int, rng: random.Random, block: bool):
    host_doc = Document.from_path(host_path)
    donor_entries = [e for e in entries_of(Document.from_path(donor_path)) if e.title and e.main_link]
    hosts = [e for e in entries_of(host_doc) if e.kind != "card"]
    lines = host_doc.text.split("\n")
    chosen = rng.sample(donor_entries, min(count, len(donor_entries)))
    anchors = [rng.choice(hosts)] * len(chosen) if block else rng.sample(hosts, len(chosen))
    inserts: dict[int, list[tuple[Entry, list[str]]]] = {}
    for donor, host in zip(chosen, anchors):
        inserts.setdefault(host.end_line, []).append((donor, render(donor, host, lines)))
    out: list[str] = []
    marked: set[int] = set()
    added: set[int] = set()  # every line pasted in: what --changed-since would call new
    for number, line in enumerate(lines, start=1):
        out.append(line)
        for _donor, rendered in inserts.get(number, []):
            marked.add(len(out) + 1)
            added.update(range(len(out) + 1, len(out) + 1 + len(rendered)))
            out.extend(rendered)
    return "\n".join(out), marked, added


def flagged_lines(text: str) -> set[int]:
    return set(flags(text)[0])


SHOWN: dict[int, str] = {}  # with --show: the last `flags` call's messages, by line


def known_off_topic(entries: list[Entry]) -> set[int]:
    """Lines of entries off-topic before anything is pasted: the sixteen
    implicit-neural-representation papers of the pathology seed (the only entries there
    with a "Publication Date")."""
    return {e.line for e in entries if "Publication Date" in e.fields}


def flags(
    text: str, new_lines: set[int] | None = None, verdicts: dict[str, Verdict] | None = None
) -> tuple[dict[int, set[str]], set[int]]:
    """From one parse: the titles flagged, by line, and `known_off_topic` lines. With
    ``new_lines``, as `check --changed-since` runs: those lines are the change; with
    ``verdicts``, as `check --online` runs: the links' metadata."""
    doc = Document.from_text(text, "mix.md")
    titles: dict[int, set[str]] = {}
    for entry in entries_of(doc):
        titles.setdefault(entry.line, set()).add(entry.title)
    found = lint(doc, Config(), only=["off-topic"], new_lines=new_lines, link_results=verdicts).findings
    flagged = {line: titles.get(line, set()) for line in (doc.position(f.start)[0] for f in found)}
    SHOWN.clear()
    SHOWN.update({doc.position(f.start)[0]: f.message for f in found})
    return flagged, known_off_topic(entries_of(doc))


def evaluate_pair(
    host: str, donor: str, seeds: int, count: int, changed: bool = False, meta: str = ""
) -> tuple[list[int], list[str]]:
    """[TP, FP, FN, host's own flags, TP in block mixtures, TP in scattered ones] over `seeds`
    mixtures of donor entries pasted into the host list (even seeds paste one block), and
    each false flag: its seed, the host's line and the rule's message (for --show).
    ``changed``: the pasted lines are a pull request's (`--changed-since`); ``meta``: with
    which metadata ("fixtures", "packages"; "" for none)."""
    # what the host list is flagged for on its own (the pathology seed's own pasted
    # block) is neither a hit nor a false alarm of the mixture
    verdicts = link_results(host, donor, meta) if meta else None
    alone = link_results(host, None, meta) if meta else None
    already = set().union(*flags(LISTS[host].read_text(), None, alone)[0].values())
    tally = [0, 0, 0, 0, 0, 0]  # ..., then pasted entries found in one block / scattered
    false: list[str] = []
    for seed in range(seeds):
        rng = random.Random(seed)
        text, marked, added = mixture(LISTS[host], LISTS[donor], count, rng, block=seed % 2 == 0)
        titles, known = flags(text, added if changed else None, verdicts)
        flagged = set(titles) - known  # the pathology seed's block: off-topic for real
        own = {line for line in flagged - marked if titles[line] <= already}
        flagged -= own
        tally[0] += len(flagged & marked)
        tally[1] += len(flagged - marked)
        tally[2] += len(marked - flagged)
        tally[3] += len(own)
        tally[4 if seed % 2 == 0 else 5] += len(flagged & marked)
        lines = text.split("\n")
        false += [f"seed {seed}: {lines[n - 1].strip()[:160]}\n    {SHOWN[n]}" for n in sorted(flagged - marked)]
    return tally, false


def ceiling_pair(host: str, donor: str, seeds: int, count: int, allowed: tuple[int, ...]) -> list[int]:
    """The most pasted entries any bar on the rule's scores could find while flagging at
    most `allowed` other entries: rank every entry by the lower of its two robust z
    (scored with itself left out, and with its neighbourhood left out), walk up from the
    bottom. [found at each allowance..., pasted]."""
    found = [0] * len(allowed)
    pasted = 0
    for seed in range(seeds):
        text, marked, _ = mixture(LISTS[host], LISTS[donor], count, random.Random(seed), block=seed % 2 == 0)
        doc = Document.from_text(text, "mix.md")
        entries = written_entries([e for e in entries_of(doc) if e.title or e.text])
        units = units_of(entries)
        model = list_model(doc, entries, units=units)
        scores = [model.score(u) for u in range(len(units))]
        evidence = [u for u, score in enumerate(scores) if score.words >= MIN_WORDS and not units[u].link]
        plain = robust_z([scores[u].score for u in evidence])
        alone = neighbourhood_scores(model, evidence)
        apart = robust_z([alone[u].score for u in evidence])
        ranked = sorted(zip(map(min, plain, apart), evidence))
        known = known_off_topic(entries)
        pasted += sum(1 for e in entries if e.line in marked)
        for k, budget in enumerate(allowed):
            others = 0
            for _, u in ranked:
                line = entries[units[u].entry].line
                if line in known:
                    continue
                if line in marked:
                    found[k] += 1
                elif (others := others + 1) > budget:
                    break
    return [*found, pasted]


def evaluate(
    pairs, seeds: int, count: int, jobs: int, changed: bool = False, meta: str = ""
) -> dict[tuple[str, str], tuple[list[int], list[str]]]:
    with ProcessPoolExecutor(jobs) as pool:
        futures = {pair: pool.submit(evaluate_pair, *pair, seeds, count, changed, meta) for pair in pairs}
        return {pair: future.result() for pair, future in futures.items()}


def precision_recall(tp: int, fp: int, fn: int, own: int) -> tuple[float, float, float]:
    """Precision (the host's own flags set apart), precision counting them, recall."""
    return (
        (tp / (tp + fp) if tp + fp else 1.0),
        (tp / (tp + fp + own) if tp + fp + own else 1.0),
        (tp / (tp + fn) if tp + fn else 1.0),
    )


PROMOTION = """- - [Apex Health AI: clinical documentation assistant for hospitals](https://apexhealth.example/)
  - [Book a demo for your clinic and patients](https://apexhealth.example/demo)
  - [Pricing for hospitals and physicians](https://apexhealth.example/pricing)
  - [Patient care case studies](https://apexhealth.example/cases)
"""
PLACES = (0.1, 0.3, 0.5, 0.7, 0.9)


def paste_block(text: str, entry: Entry, block: str) -> tuple[str, range]:
    """`block` pasted after `entry`: as a list item of the entry's own list (its marker
    and indent) when the entry is one, else after the table or card with blank lines
    around. Returns the text and the lines the block took."""
    lines = text.split("\n")
    at = entry.end_line
    marker = re.match(r"(\s*)([-*+]|\d+[.)])\s", lines[entry.line - 1])
    if marker and entry.kind == "list-item":
        bullet = marker.group(2) if marker.group(2) in "-*+" else "-"
        written = block.rstrip("\n").replace("- - [", f"{bullet} {bullet} [").replace("\n- [", f"\n{bullet} [")
        written = f"{bullet} [" + written[3:] if written.startswith("- [") else written
        new = [marker.group(1) + line for line in written.split("\n")]
    else:
        while at < len(lines) and lines[at].lstrip().startswith("|"):
            at += 1  # after the whole table
        new = ["", *block.rstrip("\n").split("\n"), ""]
    return "\n".join(lines[:at] + new + lines[at:]), range(at + 1, at + len(new) + 1)


def promotion_row(path: Path) -> str:
    """One list: at each place, the block's lines flagged as written (of 4) and tidied (of 1), and other
    entries newly flagged."""
    doc = Document.from_path(path)
    entries = [e for e in entries_of(doc) if e.kind != "heading" and (e.title or e.text)]
    if len(entries) < 12:
        entries = [e for e in entries_of(doc) if e.title or e.text]
    before = len(lint(doc, Config(), only=["off-topic"]).findings)
    cells = []
    for place in PLACES:
        entry = entries[int(place * (len(entries) - 1))]
        counts = []
        for block in (PROMOTION, PROMOTION.replace("- - [", "- [", 1)):
            text, taken = paste_block(doc.text, entry, block)
            mixed = Document.from_text(text, "mix.md")
            lines = {mixed.position(f.start)[0] for f in lint(mixed, Config(), only=["off-topic"]).findings}
            found = len([line for line in lines if line in taken])
            others = len(lines) - found - before
            counts.append(f"{found}" + (f" (+{others} other)" if others > 0 else ""))
        cells.append(" / ".join(counts))
    return f"| {path.name} | {len(entries)} | " + " | ".join(cells) + " |"


def print_promotion(args) -> None:
    paths = (
        sorted(CORPUS.glob("*.md"))
        + sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.md"))
        + sorted(SEEDS.glob("0*.md"))
    )
    print("| list | entries | " + " | ".join(f"at {int(p * 100)}%: as written / tidied" for p in PLACES) + " |")
    print("|---|---:|" + "---|" * len(PLACES))
    with ProcessPoolExecutor(args.jobs) as pool:
        for row in pool.map(promotion_row, paths):
            print(row, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--inserted", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="instead: the recall the best possible bar on the rule's scores would reach",
    )
    parser.add_argument(
        "--promotion",
        action="store_true",
        help="instead: a promotional block pasted into every list, as written and tidied",
    )
    parser.add_argument(
        "--changed",
        action="store_true",
        help="judge as `check --changed-since` does: the pasted lines are the change, the rest the list as it was",
    )
    parser.add_argument(
        "--metadata",
        action="store_true",
        help="with the metadata a link-check run reads (fixtures: META_PROFILES, ARXIV_PROFILES, HF_PROFILES), as `check --online`",
    )
    parser.add_argument(
        "--packages",
        action="store_true",
        help="instead: python and javascript mixed both ways, offline and with real package metadata (bench/data/packages.json)",
    )
    parser.add_argument("--show", action="store_true", help="also print each false flag: its host line and message")
    args = parser.parse_args()
    if args.ceiling:
        print_ceiling(args)
        return
    if args.promotion:
        print_promotion(args)
        return
    if args.packages:
        print_packages(args)
        return
    per_pair, by_mode, false_flags = {}, {}, {}
    header = "| precision | precision, host's own flags counted | recall | TP | FP | FN | host's own flags |"
    rule = "|---:|---:|---:|---:|---:|---:|---:|"
    print(f"| mixtures {header}\n|---{rule}")
    for name, pairs in (("far subject", FAR), ("near subject", NEAR)):
        results = evaluate(pairs, args.seeds, args.inserted, args.jobs, args.changed, "fixtures" * args.metadata)
        counts = {pair: tally for pair, (tally, _) in results.items()}
        per_pair.update(counts)
        false_flags.update({pair: false for pair, (_, false) in results.items() if false})
        totals = [sum(c[k] for c in counts.values()) for k in range(4)]
        by_mode[name] = [sum(c[k] for c in counts.values()) for k in (4, 5)]
        p, p_all, r = precision_recall(*totals)
        label = f"{name} ({len(pairs)} pairs x {args.seeds} seeds x {args.inserted})"
        print(f"| {label} | {p:.2f} | {p_all:.2f} | {r:.2f} | " + " | ".join(map(str, totals)) + " |")
    print(f"\n| host <- donor {header}\n|---{rule}")
    for (host, donor), tally in per_pair.items():
        p, p_all, r = precision_recall(*tally[:4])
        print(f"| {host} <- {donor} | {p:.2f} | {p_all:.2f} | {r:.2f} | " + " | ".join(map(str, tally[:4])) + " |")
    print("\n| mixtures | recall, pasted as one block | recall, scattered |\n|---|---:|---:|")
    for name, (block, scattered) in by_mode.items():
        per_seed = args.inserted * len(FAR if name.startswith("far") else NEAR)
        blocks, scatters = (args.seeds + 1) // 2 * per_seed, args.seeds // 2 * per_seed
        print(f"| {name} | {block / max(blocks, 1):.2f} | {scattered / max(scatters, 1):.2f} |")
    if args.show:
        for (host, donor), false in false_flags.items():
            print(f"\nfalse flags, {host} <- {donor}:")
            print("\n".join(f"  {line}" for line in false))
    print()
    print("| unmodified list | entries | flags | per 100 |")
    print("|---|---:|---:|---:|")
    for name in CLEAN:
        doc = Document.from_path(LISTS[name])
        count = len(entries_of(doc))
        flagged = len(set(flags(doc.text, None, link_results(name, None) if args.metadata else None)[0]))
        print(f"| {name} | {count} | {flagged} | {100 * flagged / max(count, 1):.2f} |")
    pathology = Document.from_path(LISTS["pathology"])
    lines = flagged_lines(pathology.text)
    inr = known_off_topic(entries_of(pathology))
    print(
        f"\npathology seed: {len(lines & inr)}/{len(inr)} INR entries flagged, {len(lines - inr)} pathology entries flagged"
    )


def print_packages(args) -> None:
    """The python and javascript lists mixed both ways, judged offline and with the
    metadata their packages really carry on PyPI and npm (`captured_metadata`), side by
    side; and what that metadata makes of each list unmodified."""
    header = "| host <- donor | metadata | precision | recall | TP | FP | FN | host's own flags |"
    print(f"{header}\n|---|---|---:|---:|---:|---:|---:|---:|")
    false_flags = {}
    for meta, label in (("", "none (offline)"), ("packages", "PyPI / npm, captured")):
        for (host, donor), (tally, false) in evaluate(
            PACKAGE_PAIRS, args.seeds, args.inserted, args.jobs, args.changed, meta
        ).items():
            p, _, r = precision_recall(*tally[:4])
            print(f"| {host} <- {donor} | {label} | {p:.2f} | {r:.2f} | " + " | ".join(map(str, tally[:4])) + " |")
            if false:
                false_flags[(host, donor, label)] = false
    print("\n| unmodified list | entries | links with package metadata | flags offline | flags with metadata |")
    print("|---|---:|---:|---:|---:|")
    for name in ("python", "javascript"):
        doc = Document.from_path(LISTS[name])
        offline = len(flags(doc.text)[0])
        online, _ = flags(doc.text, None, link_results(name, None, "packages"))
        print(f"| {name} | {len(entries_of(doc))} | {len(_metadata(name, 'packages'))} | {offline} | {len(online)} |")
        if args.show:
            print("\n".join(f"  line {line}: {SHOWN[line]}" for line in sorted(online)))
    if args.show:
        for (host, donor, label), false in false_flags.items():
            print(f"\nfalse flags, {host} <- {donor}, {label}:")
            print("\n".join(f"  {line}" for line in false))


def print_ceiling(args) -> None:
    allowed = (0, 1, 5)
    print("| host <- donor | " + " | ".join(f"best recall, {a} other entries flagged" for a in allowed) + " |")
    print("|---|" + "---:|" * len(allowed))
    with ProcessPoolExecutor(args.jobs) as pool:
        futures = {pair: pool.submit(ceiling_pair, *pair, args.seeds, args.inserted, allowed) for pair in FAR + NEAR}
        totals = {"far subject": [0] * (len(allowed) + 1), "near subject": [0] * (len(allowed) + 1)}
        for pair, future in futures.items():
            *found, pasted = future.result()
            kind = totals["far subject" if pair in FAR else "near subject"]
            for k, value in enumerate([*found, pasted]):
                kind[k] += value
            print(f"| {pair[0]} <- {pair[1]} | " + " | ".join(f"{f / pasted:.2f}" for f in found) + " |")
    for name, (*found, pasted) in totals.items():
        print(f"| **{name}** | " + " | ".join(f"**{f / pasted:.2f}**" for f in found) + " |")


if __name__ == "__main__":
    main()
