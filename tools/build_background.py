"""Write rules/background_en.tsv: how often English uses each common word.

The off-topic rule asks whether an entry's words are typical of *this list* or merely of
English; this table is the "English" side. It is generated once from wordfreq's small
English list (https://github.com/rspeer/wordfreq, data CC BY-SA 4.0) and shipped as
plain data, so installing awesomelint does not pull wordfreq's 56 MB of wordlists for
every language.

Usage: pip install wordfreq && python tools/build_background.py
"""

from __future__ import annotations

import re
from pathlib import Path

import wordfreq

WORD = re.compile(r"[^\W\d_][^\W_]+\Z")
OUT = Path(__file__).resolve().parent.parent / "rules" / "background_en.tsv"
HEADER = """\
# Word frequencies of English, for the off-topic rule's background model.
# Derived from wordfreq 3.1 (small English list) by tools/build_background.py.
# wordfreq data: Robyn Speer et al., https://github.com/rspeer/wordfreq, CC BY-SA 4.0;
# this derived table is distributed under the same licence.
# Columns: word, Zipf frequency x 100 (log10 of uses per billion words, x 100).
"""


def main() -> None:
    rows = []
    for word in wordfreq.get_frequency_dict("en", "small"):
        if WORD.match(word) and word == word.lower():
            rows.append((word, round(wordfreq.zipf_frequency(word, "en") * 100)))
    rows.sort(key=lambda row: (-row[1], row[0]))
    OUT.write_text(HEADER + "".join(f"{word}\t{zipf}\n" for word, zipf in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} words")


if __name__ == "__main__":
    main()
