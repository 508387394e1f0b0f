"""Online link checking: the checker, its cache, GitHub's API, and one run over many lists."""
