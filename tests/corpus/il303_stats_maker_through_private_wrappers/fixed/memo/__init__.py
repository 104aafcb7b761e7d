"""A memoizing decorator package: `memoize(info=True)` builds a wrapper whose `stats()` calls,
under the wrapper's lock, the stats maker stored at construction. Every door passes the
package's own `Stats._build` (or None) down through the private wrapper classes: no callback
from outside runs under the lock."""
from collections import namedtuple


class Stats(namedtuple("Stats", "hits misses size")):
    __slots__ = ()

    @classmethod
    def _build(cls, store, hits, misses):
        return cls(hits, misses, len(store))


def memoize(store, lock=None, info=False):
    from ._plain import _wrap

    def decorate(func):
        maker = Stats._build if info else None
        return _wrap(func, store, lock, maker)

    return decorate


def memoize_method(store, lock=None, info=False):
    from ._bound import _wrap

    def decorate(method):
        maker = Stats._build if info else None
        return _wrap(method, store, lock, maker)

    return decorate
