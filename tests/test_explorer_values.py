"""The `values` of an explorer finding name program things, not the explorer's z3 symbols."""
from __future__ import annotations

from interlock.checker.explorer.report import shown_name

THREADS = {"api", "api#2", "audio-stream"}
ARGS = {"chunk_size@audio-stream", "seconds@api#2"}


def test_initial_fields_and_lengths():
    assert shown_name("PlaybackController.position@0", THREADS, ARGS) == "PlaybackController.position (initial)"
    assert shown_name("QueueManager.tracks#len@0", THREADS, ARGS) == "len(QueueManager.tracks) (initial)"


def test_arguments_of_each_thread_even_a_second_instance():
    assert shown_name("chunk_size@audio-stream", THREADS, ARGS) == "chunk_size (audio-stream)"
    assert shown_name("seconds@api#2", THREADS, ARGS) == "seconds (api#2)"


def test_unmodelled_results_say_what_they_are_and_where():
    assert shown_name("len@api#9", THREADS, ARGS) == "len(...) #9 (api)"
    assert shown_name("more@api#2", THREADS, ARGS) == "loop goes on #2 (api)"      # not api#2's argument
    assert shown_name("exists@api#2#4", THREADS, ARGS) == "exists(...) #4 (api#2)"
    assert shown_name("default_rate@init", THREADS, ARGS) == "default_rate (constructor)"


def test_an_unknown_owner_is_left_as_is():
    assert shown_name("x@elsewhere", THREADS, ARGS) == "x@elsewhere"


def test_whether_a_call_answered_none_is_named_after_the_call():
    assert shown_name("self._cache.get@api#3 is None", THREADS, ARGS) == "self._cache.get(...) #3 is None (api)"


def test_only_answers_that_may_be_none_compare_equal_to_none_on_some_path():
    """`d.get(k)` (an "opt" symbol) is None on one path and not on the other, with one Bool for every
    test of it; a field's or an argument's symbol is a used object, never None."""
    import z3
    from interlock.checker.explorer.values import evaluate, symbol

    def ev(e):
        return evaluate(e, lambda k: symbol(f"{k}@0"), lambda n: symbol(f"{n}@t"), lambda l: symbol(f"{l}@t"))
    hit = ev(("opt", "self._d.get#1"))
    is_none = ev(("cmp", "==", ("opt", "self._d.get#1"), ("c", None)))
    assert z3.is_bool(is_none.term) and ev(("cmp", "!=", ("c", None), ("opt", "self._d.get#1"))).term.eq(z3.Not(is_none.term))
    assert hit == ev(("sym", "self._d.get#1"))          # the same value, only marked as maybe None
    assert ev(("cmp", "!=", ("f", "Box.value"), ("c", None))) is True
    assert ev(("cmp", "==", ("sym", "other#2"), ("c", None))) is False
