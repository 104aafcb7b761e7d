class _GuardedStatsMixin:
    def __init__(self, func, maker):
        self.__func = func
        self.__maker = maker
        self.__hits = self.__misses = 0

    def __call__(self, *args):
        with self.guard:
            if args in self.store:
                self.__hits += 1
                return self.store[args]
            self.__misses += 1
        value = self.__func(*args)
        with self.guard:
            return self.store.setdefault(args, value)

    def clear(self):
        with self.guard:
            self.store.clear()
            self.__hits = self.__misses = 0

    def stats(self):
        with self.guard:
            return self.__maker(self.store, self.__hits, self.__misses)
