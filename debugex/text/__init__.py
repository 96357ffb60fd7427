"""The text of an exercise: explanations and thinking written from the evidence.

`explanations` writes the `Line N: ...` entries, `thinking` the paragraph before the
program; both read only what an edit and its verdict carry (`facts`, `evidence`) and the
programs themselves (`program`). Per-injector wording lives in `phrasings`; an injector
id without phrasings gets text built from its class and the evidence.
"""

from .class_words import CLASS_WORDS, claimed_class
from .explanations import explanation
from .facts import COMPARISONS, ErrorFacts
from .premises import alike
from .program import squash, visible
from .styles import DEFAULT_STYLE, STYLES
from .thinking import thinking

__all__ = ["CLASS_WORDS", "COMPARISONS", "DEFAULT_STYLE", "STYLES", "ErrorFacts", "alike",
           "claimed_class", "explanation", "squash", "thinking", "visible"]
