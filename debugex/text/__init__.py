"""The text of an exercise: explanations and thinking written from the evidence.

`explanations` writes the `Line N: ...` entries, `thinking` the paragraph before the
program; both read only what an edit and its verdict carry (`facts`, `evidence`) and the
programs themselves (`program`). Per-injector wording lives in `phrasings`; an injector
id without phrasings gets text built from its class and the evidence.
"""
