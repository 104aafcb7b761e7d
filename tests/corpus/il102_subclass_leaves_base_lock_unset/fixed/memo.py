"""A memoizer with hit counters: `memoize(store)` builds the lock-free `_CountingWrapper` (its
caller's single thread only: it asked for no lock), `memoize(store, lock)` the locked one. The
lock-free wrapper inherits the `lock` field of `_Base` but never fills it: it owns no lock and
is not meant for several threads, so its unguarded counters are no race."""


class _Base:
    def __init__(self, func, store, lock=None):
        self.func = func
        self.store = store
        self.lock = lock


class _CountingWrapper(_Base):
    def __init__(self, func, store):
        _Base.__init__(self, func, store)
        self.hits = self.misses = 0

    def __call__(self, *args):
        if args in self.store:
            self.hits += 1
            return self.store[args]
        self.misses += 1
        value = self.store[args] = self.func(*args)
        return value

    def clear(self):
        self.store.clear()
        self.hits = self.misses = 0

    def info(self):
        return self.hits, self.misses


class _LockedCountingWrapper(_Base):
    def __init__(self, func, store, lock):
        _Base.__init__(self, func, store, lock)
        self.hits = self.misses = 0

    def __call__(self, *args):
        with self.lock:
            if args in self.store:
                self.hits += 1
                return self.store[args]
            self.misses += 1
        value = self.func(*args)
        with self.lock:
            return self.store.setdefault(args, value)

    def clear(self):
        with self.lock:
            self.store.clear()
            self.hits = self.misses = 0

    def info(self):
        with self.lock:
            return self.hits, self.misses


def memoize(store, lock=None):
    def decorate(func):
        if lock is None:
            return _CountingWrapper(func, store)
        return _LockedCountingWrapper(func, store, lock)

    return decorate
