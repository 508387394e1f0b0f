"""nested-link: link syntax that broke when a list was edited by hand."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.brokenlinks import BrokenLink, broken_links
from ..model.placeholders import placeholder_reason
from ..model.urls import github_repo, host_of, host_words, within

# link texts that name no site but, between two merged targets, point at one kind of host
_KIND_HOSTS = {"code": ["github.com"]}


@rule(
    "nested-link",
    summary="Link syntax that broke: two targets merged into one link, a space before '(', a stray '[' or '(' before the address, an unclosed link, or words where the address belongs.",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe when one target is clearly right, else unsafe; none when the target is words",
    bad="[SToFM](https://paper.link](https://arxiv.org/pdf/2507.11588)\n[HF]([https://huggingface.co/org/model](https://drive.google.com/x))",
    good="[SToFM](https://arxiv.org/pdf/2507.11588)\n[HF](https://drive.google.com/x)",
)
def nested_link(ctx: Context) -> Iterator[Finding]:
    """Hand-merged rows leave links with two targets, or links that never close. GitHub
    then shows the raw brackets, or a link to a made-up address. The fix rebuilds one
    link, keeping the target that is not a placeholder and that matches the link text
    (an owner/repo, a host such as HF or arXiv); when neither clearly wins it keeps the
    last one, which is usually the later correction, and marks the fix unsafe. A link
    whose target is words ('[BioRxiv](DoubletDecon: Cell-State Aware Removal of …)') has
    no address to keep: it is reported without a fix."""
    for broken in broken_links(ctx.doc):
        entry = ctx.entry_at(broken.start)
        if not broken.candidates:  # '[BioRxiv](DoubletDecon: Cell-State Aware …)': no address to keep
            words = ctx.doc.text[broken.start : broken.end].split("](", 1)[-1][:-1]
            shown = words if len(words) <= 60 else words[:59] + "…"
            yield ctx.finding(
                broken.start,
                broken.end,
                f"{_name(broken)} has words where its address belongs ('{shown}'), so GitHub shows "
                "it all as plain text",
                entry=entry,
            )
            continue
        target, clear = choose_target(broken)
        urls = " and ".join(url for url, _ in broken.candidates)
        if broken.shape == "double-open":
            message = f"{_name(broken)} has a second '(' before its address, so it renders as plain text"
        elif broken.shape in ("spaced", "unclosed"):
            problem = "has a space between ']' and '('" if broken.shape == "spaced" else "is never closed"
            message = f"{_name(broken)} {problem}, so it renders as plain text"
        elif broken.shape == "stray-bracket":
            message = f"{_name(broken)} has a stray '[' before its address, so it leads to a page that does not exist"
        else:
            message = f"{_name(broken)} is broken: it holds two targets ({urls}); keep {target}"
        fix = Fix.safe if clear else Fix.unsafe
        edit = Edit(broken.start, broken.end, f"{broken.written_label}({target})")
        yield ctx.finding(broken.start, broken.end, message, fix=fix(edit), entry=entry)


def _name(broken: BrokenLink) -> str:
    """How a message names the link: by its text, or as the badge link it is."""
    return (
        f"link '{broken.text}'"
        if broken.text.strip() and not broken.text.lstrip().startswith("![")
        else "the badge link"
    )


def choose_target(broken: BrokenLink) -> tuple[str, bool]:
    """The target to keep, and whether it is clearly right."""
    urls = [url for url, _ in broken.candidates]
    if len(urls) == 1:
        return urls[0], True
    real = [u for u in urls if placeholder_reason(u) is None]
    if len(real) == 1:
        return real[0], True
    matching = [u for u in real if _matches_text(broken.text, u)]
    if len(matching) == 1:
        return matching[0], True
    return (real or urls)[-1], False


def _matches_text(text: str, url: str) -> bool:
    text = text.strip().lower()
    repo = github_repo(url)
    if repo and text == f"{repo[0]}/{repo[1]}".lower():
        return True
    expected = _KIND_HOSTS.get(text) or host_words().get(text)
    return expected is not None and within(host_of(url), expected)
