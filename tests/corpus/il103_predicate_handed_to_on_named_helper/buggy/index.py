"""An index whose check hands a predicate to a helper named for the event it handles.

`on_fresh_item(item, alone)` calls `alone` at once, on the caller's thread: it registers nothing.
"""
import threading

_SEEN: dict = {}


def on_fresh_item(item, alone):
    """What to do with an item seen for the first time: ask the predicate now."""
    return item not in _SEEN and alone(item)


class Index:
    def __init__(self):
        self.checked = 0
        self._lock = threading.Lock()

    def _alone(self, item):
        if len(_SEEN) > 1000:
            _SEEN.clear()
        _SEEN[item] = True
        return True

    def report(self):
        print(self.checked)

    def check(self, item):
        self.checked += 1
        return on_fresh_item(item, self._alone)


def main():
    index = Index()
    worker = threading.Thread(target=index.report, daemon=True)
    worker.start()
    for item in range(10):
        index.check(item)
    worker.join()


if __name__ == "__main__":
    main()
