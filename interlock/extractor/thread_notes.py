"""What a docstring says about threads: a class's "not thread-safe", "use one per thread"; a
method's "safe to call from any thread".

RacerD stays quiet on a class annotated `@NotThreadSafe`: its users must keep each object to one
thread. The Python analogue is what the code says about itself, in plain words, in the class
docstring::

    class Pipeline:
        \"\"\"Queue commands and send them in one go. Not thread-safe: use one per thread.\"\"\"

    class Redis:
        \"\"\"... It is not safe to pass PubSub or Pipeline objects between threads.\"\"\"

A sentence that says so names the classes it is about (`PubSub`, `Pipeline`: words that are
classes in scope), or, naming none, the class whose docstring it is. A sentence that makes it
conditional ("if `single_connection_client` is set, ... is not thread safe", "not thread-safe
unless ...", "not thread-safe to call without the lock") says nothing about the class, nor does
a sentence in a method's docstring. The phrases are few and plain on purpose: a false "confined"
silences true races (checker/confined.py says what confinement does).
"""
from __future__ import annotations

import re

import libcst as cst

#: the phrases, on one sentence with its whitespace folded, case-insensitive
_UNSAFE = re.compile(
    r"(?:\bnot|n't|\bnever)\s+(?:(?:\w+/)*thread(?:/\w+)*[\s-]?safe)\b(?=\s*(?:$|[.;:!,)]))"  # not thread-safe,
    #                                                      not threadsafe, not thread/process/fork safe
    r"|\bnot\s+safe\s+to\s+(?:share|pass|use|access)\b.*\b(?:between|across|among|from\s+(?:multiple|several|"
    r"different|other))\s+threads\b"                                                               # not safe to share between threads
    r"|\b(?:should|must|can)\s*(?:not|n't)\s+be\s+(?:shared|passed|used)\s+(?:between|across|among|"
    r"from\s+(?:multiple|several|different))\s+threads\b"                                          # should not be shared between threads
    r"|\bnot\s+safe\s+for\s+(?:concurrent|multi-?threaded)\s+use\b"
    r"|\b(?:use|create)\s+(?:one|an?\s+(?:separate|new|different))\s+(?:(?:instance|object|client)\s+)?"
    r"(?:per|for\s+each|in\s+each)\s+thread\b"                                                    # use one per thread
    r"|\beach\s+thread\s+(?:must|should)\s+(?:use|create|have)\s+its\s+own\b",
    re.IGNORECASE)
#: the sentence says it only under a condition, or of one use, not of the class
_CONDITION = re.compile(r"\b(?:if|unless|when|whenever|while|without|except|but|however|although|though)\b"
                        r"|\bthread[\s-]?safe\s+to\b|\bsafe\s+to\s+call\b"
                        # ... or of a part of the class (its lazy properties, one method), not of its objects
                        r"|\b(?:methods?|propert(?:y|ies)|functions?|operations?|calls?|attributes?|fields?|"
                        r"access(?:es)?|initiali[sz]ation|creation|caches?|counters?)\s+(?:is|are)\s+(?:not|n't)",
                        re.IGNORECASE)
#: ... or it is about the class itself, whatever else it names
_ITSELF = re.compile(r"\bthis\s+(?:class|object|client|instance|type)\b|\binstances\s+of\s+this\b"
                     r"|\b(?:its|these|such)\s+(?:objects|instances)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z`\"'(*])|\n\s*\n")
_WORD = re.compile(r"\b[A-Z][A-Za-z0-9_]*\b")


def docstring(node: cst.FunctionDef | cst.ClassDef) -> str | None:
    """The docstring of a class or function, None when it has none or it is computed (an f-string
    or a concatenation as the first statement)."""
    try:
        return node.get_docstring()
    except Exception:               # noqa: BLE001 - libcst raises on computed docstrings
        return None


def unsafe_sentences(doc: str | None) -> list[str]:
    """The sentences of `doc` that say, unconditionally, that something must stay in one thread."""
    if not doc:
        return []
    out = []
    for sentence in _SENTENCE.split(doc):
        text = " ".join(sentence.split())
        if _UNSAFE.search(text) and not _CONDITION.search(text):
            out.append(text)
    return out


def confined_by_doc(doc: str | None, own: str, is_class) -> tuple[str, ...]:
    """The class names `doc` (the docstring of class `own`) says must stay in one thread: those
    a sentence names for which `is_class(name)` holds, or `own` for a sentence naming none."""
    out: list[str] = []
    for text in unsafe_sentences(doc):
        named = [] if _ITSELF.search(text) else \
            [w for w in dict.fromkeys(_WORD.findall(text)) if w != own and is_class(w)]
        named = named or [own]
        out += [n for n in named if n not in out]
    return tuple(out)


#: a method's own word that other threads may call it, on one sentence (whitespace folded,
#: markdown emphasis dropped): "It is safe to call this method from any thread at any time",
#: "This is the only thread-safe method in IOLoop", "this method is thread-safe", "Thread-safe."
_SAFE = re.compile(
    r"\bsafe\s+to\s+(?:be\s+)?call(?:ed)?\s+(?:this\s+(?:method|function)\s+|it\s+)?from\s+"
    r"(?:any|another|other|multiple|several|different)\s+threads?\b"
    r"|\b(?:can|may)\s+(?:safely\s+)?be\s+(?:safely\s+)?called\s+from\s+(?:any|another|other|multiple|several|"
    r"different)\s+threads?\b"
    r"|\bthe\s+only\s+thread[\s-]?safe\s+(?:method|function|call|operation)\b"
    r"|\b(?:this\s+(?:method|function|call)|it)\s+is\s+(?:fully\s+)?thread[\s-]?safe\b"
    r"|^thread[\s-]?safe\b(?=\s*(?:$|[.;:!,]))",
    re.IGNORECASE)
#: ... unless the sentence denies it or makes it conditional
_DENIED = re.compile(r"\b(?:not|never|no|if|unless|when|whenever|while|without|only\s+if|provided)\b|n't\b",
                     re.IGNORECASE)


def says_threadsafe(doc: str | None) -> bool:
    """`doc` (a method's docstring) says, in a sentence of its own and without a condition, that
    the method may be called from any thread: that method only, not the rest of its class."""
    if not doc:
        return False
    for sentence in _SENTENCE.split(doc):
        text = " ".join(sentence.replace("*", "").replace("`", "").split())
        if _SAFE.search(text) and not _DENIED.search(text):
            return True
    return False
