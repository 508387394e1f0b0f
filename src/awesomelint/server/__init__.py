"""`awesomelint server`: a Language Server Protocol server over stdio (pygls).

One job per module: ``positions`` (offsets into the text <-> the client's line and
character units, UTF-16 by default), ``settings`` (the editor's settings), ``analysis``
(one lint of one buffer through the public API, a crash turned into a diagnostic),
``diagnostics`` (findings -> LSP diagnostics), ``actions`` (quick fixes, fix all, disable
comments, formatting) and ``wiring`` (the pygls server: documents, debouncing,
publishing). Nothing here imports pygls until the server starts: the command line never
pays for it.
"""
