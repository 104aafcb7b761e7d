from ._mixins import _GuardedStatsMixin


class _Base:
    def __init__(self, store, lock=None):
        self.store = store
        self.guard = lock


class _BoundStatsWrapper(_Base, _GuardedStatsMixin):
    def __init__(self, method, store, lock, maker):
        _Base.__init__(self, store, lock)
        _GuardedStatsMixin.__init__(self, method, maker)


def _wrap(method, store, lock, maker):
    return _BoundStatsWrapper(method, store, lock, maker)
