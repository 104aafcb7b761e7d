"""What a docstring says about threads (extractor/thread_notes.py): a small, plain phrase set."""
from __future__ import annotations

import pytest

from interlock.extractor.thread_notes import confined_by_doc, says_threadsafe

CLASSES = {"PubSub", "Pipeline", "ConnectionPool"}


@pytest.mark.parametrize("doc, confined", [
    ("It is not safe to pass PubSub or Pipeline objects between threads.", ("PubSub", "Pipeline")),
    ("Queue commands. Not thread-safe: use one per thread.", ("Own",)),
    ("This client isn't thread-safe.", ("Own",)),
    ("Note: This client is not thread/process/fork safe.", ("Own",)),
    ("NOT THREADSAFE.", ("Own",)),
    ("A cursor. Instances should not be shared between threads.", ("Own",)),
    ("Each thread must use its own session.", ("Own",)),
    ("Use one instance per thread.", ("Own",)),
    ("Not safe for concurrent use.", ("Own",)),
    ("Unlike ConnectionPool, this class is not thread-safe.", ("Own",)),
    # not about the class, or not unconditional: nothing
    ("Thread-safe blocking connection pool.", ()),
    ("If single_connection_client is True, the client is not thread safe.", ()),
    ("It is not thread-safe to call reset() without the lock.", ()),
    ("The pool keeps one connection per thread.", ()),
    ("Create one Session per thread.", ()),
    ("Safe to share between threads.", ()),
    # a part of the class, qualified: a known race the author accepts, not a confined class
    ("Thread Safety:\n    Lazy getters are not thread-safe for first use, but since they run at start-up "
     "this does not matter in practice.", ()),
    ("Cached properties are not thread-safe.", ()),
    ("The method is not thread-safe.", ()),
    (None, ()),
])
def test_docstring_sentences_that_confine_a_class(doc, confined):
    assert confined_by_doc(doc, "Own", lambda w: w in CLASSES) == confined


@pytest.mark.parametrize("doc, safe", [
    ("Calls the callback on the next loop iteration.\n\nIt is safe to call this method from any thread at any "
     "time, except from a signal handler.  Note that this is the **only** method that makes this guarantee.", True),
    ("NOTE: This is the only thread-safe method in IOLoop. All other manipulations must be done on its thread.", True),
    ("Wake the poller. As the name indicates, this method is thread-safe.", True),
    ("May be called from another thread.", True),
    ("Thread-safe.", True),
    # denied, conditional, about something else, or only where it runs
    ("This method is not thread-safe.", False),
    ("It is not safe to call this from another thread.", False),
    ("Safe to call from another thread if you hold the lock.", False),
    ("Thread-safe weighted list.", False),
    ("Add an item to the queue from any thread.", False),
    ("Runs the callback on the loop's thread.", False),
    (None, False),
])
def test_docstring_sentences_that_declare_a_method_threadsafe(doc, safe):
    assert says_threadsafe(doc) is safe
