"""A store whose worker thread opens the database while `connect`'s lock is held.

`connect` takes `_lock` and starts the worker, then clears `failure` itself: the lock now
belongs to the worker, which may already have stored its failure to open, and `connect`
wipes it out; `check` then reports nothing and the jobs go to a worker that has died.
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
        threading.Thread(target=self._run, daemon=True).start()
        self.failure = None

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
