"""copied-link: one entry's address under another entry's name. The shapes it must
report (a neighbour's repository, one paper under two titles, a name right below a
paper with the paper's link), the shapes real lists share an address by on purpose
(parts of one repository, models from one paper, a toolkit in a Code column, a
catalogue page, an announcement, a model and the toolkit its description names), and
two property tests over generated lists: a copied address is found on the copy, in
every list shape and spelling of the address, and no pair is reported by both
copied-link and duplicate-entry."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from awesomelint.rules.copied_link import address_keys

from ..conftest import findings


def copied(text: str) -> list:
    return findings(text, "copied-link")


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


FEAST = (
    "# T\n\n- [Feast](https://github.com/gojek/feast) - Feature store for machine learning.\n"
    "- [PyTorch Geometric Temporal](https://github.com/gojek/feast) - Temporal graph neural networks.\n"
)


# what it reports ------------------------------------------------------------------------


def test_a_neighbours_repository_under_another_name_is_reported_on_the_copy() -> None:
    (found,) = copied(FEAST)
    assert found.entry == "PyTorch Geometric Temporal"
    assert found.message == (
        "'PyTorch Geometric Temporal' links to github.com/gojek/feast, "
        "the address of 'Feast' (line 3), whose name it fits"
    )
    assert [r.line for r in found.related] == [3]
    assert FEAST[found.start : found.end] == "[PyTorch Geometric Temporal](https://github.com/gojek/feast)"


def test_the_entry_that_fits_worse_is_reported_whichever_comes_first() -> None:
    text = (
        "# T\n\n- [PyTorch Geometric Temporal](https://github.com/gojek/feast) - Temporal graph neural networks.\n"
        "- [Feast](https://github.com/gojek/feast) - Feature store for machine learning.\n"
    )
    (found,) = copied(text)
    assert found.entry == "PyTorch Geometric Temporal" and found.related[0].line == 4


def test_one_site_under_its_usual_spellings_is_one_address() -> None:
    text = (
        "# T\n\n- [Bar](https://bar.dev/) - The bar.\n- [Baz](http://bar.dev) - A baz.\n"
        "- [Qux](https://www.bar.dev/index.html?utm_source=awesome) - A qux.\n"
    )
    assert [f.entry for f in copied(text)] == ["Baz", "Qux"]


def test_a_misspelt_product_linking_its_siblings_page() -> None:
    text = (
        "# T\n\n- [Lexicon](https://www.lexicon.example/docs/) - Definitions and synonyms.\n"
        "- [Thesaurus Pro](https://www.lexicon.example/docs/) - Synonyms for writers.\n"
    )
    (found,) = copied(text)
    assert found.entry == "Thesaurus Pro" and "'Lexicon' (line 3)" in found.message


def test_names_with_dots_are_names() -> None:
    text = (
        "# T\n\n- [Vue.js](https://github.com/vuejs/vue) - Framework.\n"
        "- [Chart.js](https://github.com/vuejs/vue) - Charts.\n"
    )
    assert [f.entry for f in copied(text)] == ["Chart.js"]


def test_one_paper_under_two_titles_is_reported_on_the_later() -> None:
    text = (
        "# T\n\n* Soft Masked Mamba Diffusion for CT to MRI [[paper](https://arxiv.org/abs/2406.17815)] (2024.06.22)\n"
        "* SUM: Saliency Unification through Mamba for Visual Attention [[paper](https://arxiv.org/pdf/2406.17815v2)]"
        " (2024.06.25)\n"
    )
    (found,) = copied(text)
    assert found.entry == "SUM" and found.related[0].line == 3
    assert "under another title" in found.message


def test_a_name_right_below_a_paper_with_the_papers_link() -> None:
    paper = "- [Scaling Laws for Neural Language Models](https://openreview.net/pdf?id=XyZ123) - The paper.\n"
    lab = "- [Applied AI Lab](https://openreview.net/pdf?id=XyZ123) - A research lab.\n"
    (found,) = copied("# T\n\n" + paper + lab)
    assert found.entry == "Applied AI Lab"
    between = "- [Other Work](https://other.example/) - Something else.\n"
    assert copied("# T\n\n" + paper + between + lab) == []


# what it leaves alone -------------------------------------------------------------------


def test_one_work_under_two_spellings_of_its_name_is_duplicate_entrys() -> None:
    text = (
        "# T\n\n- [ANTs](https://github.com/ANTsX/ANTs) - Registration.\n"
        "- [ANTs - Advanced Normalization Tools](https://github.com/ANTsX/ANTs) - Registration.\n"
    )
    assert copied(text) == []
    assert len(findings(text, "duplicate-entry")) == 1


def test_parts_of_one_repository_that_extend_its_name() -> None:
    text = (
        "# T\n\n- [uv](https://github.com/astral-sh/uv) - Manager.\n- [uv-build](https://github.com/astral-sh/uv) - Backend.\n"
        "- [hatch](https://github.com/pypa/hatch) - Manager.\n- [hatchling](https://github.com/pypa/hatch) - Backend.\n"
    )
    assert copied(text) == []


def test_monorepo_subfolders_and_sections_of_a_page_are_different_addresses() -> None:
    text = (
        "# T\n\n- [pkg-a](https://github.com/o/mono/tree/main/pkg-a) - A.\n"
        "- [Other Thing](https://github.com/o/mono/tree/main/pkg-b) - B.\n"
        "- [meeseeks](https://github.com/o/meeseeks#html) - HTML.\n- [Scraper](https://github.com/o/meeseeks#xml) - XML.\n"
    )
    assert copied(text) == []


def test_a_toolkit_in_a_code_column_under_several_rows() -> None:
    table = (
        "| Model | Code |\n|---|---|\n| mmdetection | [GitHub](https://github.com/open-mmlab/mmdetection) |\n"
        "| Faster R-CNN | [GitHub](https://github.com/open-mmlab/mmdetection) |\n"
    )
    assert copied(table) == []


def test_models_from_one_paper_and_a_dataset_row_citing_its_paper() -> None:
    models = (
        "| Model | Paper |\n|---|---|\n| Sarashina | [Paper](https://arxiv.org/abs/2401.00001) |\n"
        "| Tanuki | [Paper](https://arxiv.org/abs/2401.00001) |\n"
    )
    assert copied(models) == []
    named = "# T\n\n- [gpt-oss-20b-Ja-Fin (CPT, Thinking)](https://arxiv.org/abs/2603.01353)\n- [Qwen3-14B-Ja-Fin (CPT, Thinking)](https://arxiv.org/abs/2603.01353)\n"
    assert copied(named) == []
    cited = (
        "# T\n\n- [ShareGPT4V: Improving Large Multi-Modal Models](https://arxiv.org/pdf/2311.12793.pdf) - A model.\n\n"
        "## Datasets\n\n| Name | Paper |\n|---|---|\n"
        "| **ShareGPT4V-Data** | [ShareGPT4V: Improving Large Multi-Modal Models](https://arxiv.org/pdf/2311.12793.pdf) |\n"
    )
    assert copied(cited) == []


def test_an_announcement_of_two_models_that_neither_name_fits() -> None:
    text = (
        "# T\n\n- [Karasu](https://vendor.example/2024/01/15/news) - A model.\n"
        "- [Qarasu](https://vendor.example/2024/01/15/news) - Another model.\n"
    )
    assert copied(text) == []
    titled = (
        "# T\n\n- [Karasu: A Japanese Chat Model](https://vendor.example/2024/01/15/news) - A model.\n"
        "- [Qarasu: Long Context Japanese Chat](https://vendor.example/2024/01/15/news) - Another model.\n"
    )
    assert copied(titled) == []


def test_a_catalogue_page_with_its_own_entry() -> None:
    text = (
        "# T\n\n- [CrowdFlower: Data for Everyone](https://crowdflower.example/data-for-everyone) - Hub.\n"
        + "".join(
            f"- [{name}](https://crowdflower.example/data-for-everyone) - A dataset.\n"
            for name in ("Twitter sentiment", "News pairings", "Key phrases")
        )
    )
    assert copied(text) == []


def test_a_description_that_says_where_the_work_lives() -> None:
    text = (
        "# T\n\n- [Robin](https://github.com/OptimalScale/LMFlow) - A bilingual model by the LMFlow team.\n"
        "- [LMFlow](https://github.com/OptimalScale/LMFlow) - A toolbox for finetuning.\n"
    )
    assert copied(text) == []
    mentioned = (
        "# T\n\n- [Robin](https://github.com/OptimalScale/LMFlow) - A bilingual model.\n"
        "- [LMFlow](https://github.com/OptimalScale/LMFlow) - A toolbox that trains the Robin model.\n"
    )
    assert copied(mentioned) == []
    assert len(copied(mentioned.replace("that trains the Robin model", "for finetuning"))) == 1


def test_an_address_written_as_a_field_is_where_a_work_is_kept() -> None:
    text = (
        "# T\n\n* MeChat：\n  * 地址：https://github.com/qiuhuachuan/smile\n  * 简介：a model\n"
        "* SmileConv\n  * 地址：https://github.com/qiuhuachuan/smile\n  * 说明：a dataset\n"
    )
    assert copied(text) == []
    labelled = (
        "# T\n\n* **MeChat** - a model\n  * [GitHub](https://github.com/qiuhuachuan/smile)\n"
        "* **SmileConv** - a dataset\n  * [GitHub](https://github.com/qiuhuachuan/smile)\n"
    )
    assert copied(labelled) == []


def test_a_row_whose_description_opens_with_the_papers_title_is_duplicate_entrys() -> None:
    table = (
        "| Title | Description | Link |\n|---|---|---|\n"
        "| Scaling Laws for Neural Language Models | The first study of loss against size. | [paper](https://arxiv.org/abs/2001.08361) |\n"
        "| Power Laws in Model Training Runs | Scaling Laws for Neural Language Models, retold. | [paper](https://arxiv.org/abs/2001.08361) |\n"
    )
    assert copied(table) == []
    assert len(findings(table, "duplicate-entry")) == 1


def test_one_work_under_its_repositorys_name_and_its_papers_is_duplicate_entrys() -> None:
    text = (
        "# T\n\n- [MCANet](https://github.com/o/SOLC) -> A joint segmentation framework of optical and SAR images.\n"
        "- [SOLC](https://github.com/o/SOLC) -> MCANet: A joint segmentation framework of optical and SAR images.\n"
    )
    assert copied(text) == []
    assert len(findings(text, "duplicate-entry")) == 1


def test_a_sub_item_filed_under_the_entry_it_belongs_to() -> None:
    text = (
        "# T\n\n* [Feast](https://github.com/gojek/feast)\n"
        "  * [Temporal plugin](https://github.com/gojek/feast) - Adds temporal joins.\n"
        "  * [Spark source](https://github.com/other/spark-source) - Reads Spark.\n"
    )
    assert copied(text) == []


def test_address_keys_are_the_words_that_name_a_work() -> None:
    assert address_keys("https://github.com/gojek/feast/tree/main") == {"gojek", "feast"}
    assert address_keys("https://docs.feast.dev/getting-started") == {"feast"}
    assert address_keys("https://www.lexicon.com/docs/") == {"lexicon"}
    assert address_keys("https://arxiv.org/abs/2406.17815") == {"arxiv"}


# properties -----------------------------------------------------------------------------

# owners' names are drawn from a-m and strays' from n-z, so a stray's name can never fit
# an owner's address, extend an owner's name or be said in an owner's description
_OWNER = st.text(alphabet="abcdefghijklm", min_size=4, max_size=9)
_STRAY = st.lists(st.text(alphabet="nopqrstuvwxyz", min_size=3, max_size=8), min_size=1, max_size=3).map(" ".join)
# two strays that cannot name one work: one from n-s, one from t-z
_STRAYS = st.tuples(
    st.text(alphabet="nopqrs", min_size=3, max_size=8), st.text(alphabet="tuvwxyz", min_size=3, max_size=8)
)
_SHAPES = {
    "dash": ("# T\n\n", "- [{name}]({url}) - A tool for {word} work.\n"),
    "colon": ("# T\n\n", "* [{name}]({url}): A tool for {word} work.\n"),
    "numbered": ("# T\n\n", "1. [{name}]({url}) - A tool for {word} work.\n"),
    "table": ("# T\n\n| Name | Description |\n|---|---|\n", "| [{name}]({url}) | A tool for {word} work. |\n"),
}
_SPELLINGS = [
    "https://github.com/q/{repo}",
    "http://www.github.com/q/{repo}/",
    "https://github.com/q/{repo}/tree/main",
    "https://github.com/q/{repo}?utm_source=list",
    "https://github.com/Q/{repo}.git",
]


def _render(shape: str, rows: list[tuple[str, str]]) -> str:
    head, row = _SHAPES[shape]
    return head + "".join(row.format(name=name, url=url, word=name[:3]) for name, url in rows)


@given(
    owners=st.lists(_OWNER, min_size=1, max_size=8, unique=True),
    stray=_STRAY,
    shape=st.sampled_from(sorted(_SHAPES)),
    spelling=st.sampled_from(_SPELLINGS),
    data=st.data(),
)
def test_a_copied_address_is_found_on_the_copy_in_every_shape_and_spelling(
    owners: list[str], stray: str, shape: str, spelling: str, data: st.DataObject
) -> None:
    rows = [(name, f"https://github.com/q/{name}") for name in owners]
    assert copied(_render(shape, rows)) == []
    source = data.draw(st.integers(0, len(rows) - 1))
    at = data.draw(st.integers(0, len(rows)))
    rows.insert(at, (stray, spelling.format(repo=owners[source])))
    text = _render(shape, rows)
    (found,) = copied(text)
    assert found.entry == stray
    assert text[found.start : found.end].startswith(f"[{stray}](")
    assert found.related[0].line == line_of(text, _SHAPES[shape][1].split("{name}")[0] + owners[source] + "]")


@given(
    owners=st.lists(_OWNER, min_size=2, max_size=6, unique=True),
    two=_STRAYS,
    count=st.integers(0, 2),
    repeats=st.lists(st.integers(0, 5), max_size=3),
    data=st.data(),
)
def test_no_pair_is_reported_by_both_rules(
    owners: list[str], two: tuple[str, str], count: int, repeats: list[int], data: st.DataObject
) -> None:
    strays = two[:count]
    rows = [(name, f"https://github.com/q/{name}") for name in owners]
    for index in repeats:  # the same work again, under its own name: duplicate-entry's
        rows.append(rows[index % len(owners)])
    for stray in strays:  # another name at an owner's address: copied-link's
        rows.insert(data.draw(st.integers(0, len(rows))), (stray, rows[data.draw(st.integers(0, len(owners) - 1))][1]))
    text = _render("dash", rows)
    pairs = {
        rule: {frozenset((text.count("\n", 0, f.start) + 1, f.related[0].line)) for f in findings(text, rule)}
        for rule in ("copied-link", "duplicate-entry")
    }
    assert not pairs["copied-link"] & pairs["duplicate-entry"]
    assert len(pairs["copied-link"]) == len(strays)
