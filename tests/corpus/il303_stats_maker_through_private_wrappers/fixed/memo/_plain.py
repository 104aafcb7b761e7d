from ._mixins import _GuardedStatsMixin


class _Base:
    def __init__(self, store, lock=None):
        self.store = store
        self.guard = lock


class _GuardedStatsWrapper(_Base, _GuardedStatsMixin):
    def __init__(self, func, store, lock, maker):
        _Base.__init__(self, store, lock)
        _GuardedStatsMixin.__init__(self, func, maker)


def _wrap(func, store, lock, maker):
    return _GuardedStatsWrapper(func, store, lock, maker)
