"""Fixed twin: `snapshot` takes the audit lock before the data lock, the order an audited
`record` takes them in (the audit lock entered on its ExitStack in one branch)."""
import contextlib
import threading


class Journal:
    def __init__(self):
        self._audit_lock = threading.Lock()
        self._data_lock = threading.Lock()
        self.count = 0
        self.audit_log = []

    def record(self, n, audit=True):
        with contextlib.ExitStack() as stack:
            if audit:
                stack.enter_context(self._audit_lock)
            with self._data_lock:
                self.count += n
            if audit:
                self.audit_log.append(n)

    def snapshot(self):
        with self._audit_lock:
            with self._data_lock:
                return self.count, list(self.audit_log)


def main():
    journal = Journal()
    workers = [threading.Thread(target=journal.record, args=(5,)),
               threading.Thread(target=journal.snapshot)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


if __name__ == "__main__":
    main()
