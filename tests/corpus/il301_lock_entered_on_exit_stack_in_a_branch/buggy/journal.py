"""IL301 on `Journal._audit_lock` / `Journal._data_lock`: `record` enters the audit lock on its
ExitStack only when asked to audit (`if audit: stack.enter_context(self._audit_lock)`), and on
that branch it still holds it when it takes the data lock, until the stack's `with` ends.
`snapshot` takes the data lock first, then the audit lock: an audited `record` and a `snapshot`
on two threads each hold one and wait for the other."""
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
        with self._data_lock:
            with self._audit_lock:
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
