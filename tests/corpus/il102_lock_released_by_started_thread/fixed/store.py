"""A store whose worker thread opens the database while `connect`'s lock is held.

`connect` takes `_lock`, clears `failure` and starts the worker; the worker releases the lock
once the connection is open (or failed). `check` waits on `_lock`, so it never reads `failure`
before the worker's first write to it is done.
"""
import queue
import sqlite3
import sys
import threading


class Store:
    def __init__(self, path):
        self.path = path
        self.jobs = queue.Queue()
        self._lock = threading.Lock()
        self.failure = None

    def connect(self):
        self._lock.acquire()
        self.failure = None
        threading.Thread(target=self._run, daemon=True).start()

    def _open(self):
        try:
            return sqlite3.connect(self.path, check_same_thread=False)
        except Exception:
            self.failure = sys.exc_info()
            raise

    def _run(self):
        try:
            conn = self._open()
        finally:
            self._lock.release()
        while True:
            sql = self.jobs.get()
            if sql is None:
                break
            try:
                conn.execute(sql)
            except Exception:
                with self._lock:
                    self.failure = sys.exc_info()
        conn.close()

    def check(self):
        with self._lock:
            if self.failure:
                kind, value, tb = self.failure
                self.failure = None
                raise value.with_traceback(tb)

    def submit(self, sql):
        self.check()
        self.jobs.put(sql)
