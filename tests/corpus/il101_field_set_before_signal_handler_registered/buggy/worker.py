"""IL101: the worker installs the SIGQUIT handler that shuts its thread pool down before it builds
the pool: a SIGQUIT that arrives in between runs the handler on `self.pool` still None (the
handler races the set-up code that follows its registration)."""
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor


class Worker:
    def __init__(self, threads, jobs):
        self.threads = threads
        self.jobs = jobs
        self.alive = True
        self.pool = None

    def init_process(self):
        self.init_signals()
        self.pool = self.get_thread_pool()
        self.run()

    def get_thread_pool(self):
        """Override to customise the pool the jobs run on."""
        return ThreadPoolExecutor(max_workers=self.threads)

    def init_signals(self):
        signal.signal(signal.SIGQUIT, self.handle_quit)
        signal.signal(signal.SIGINT, self.handle_quit)

    def handle_quit(self, sig, frame):
        self.pool.shutdown(wait=False)
        sys.exit(0)

    def run(self):
        while self.alive:
            for job in self.jobs:
                self.pool.submit(self.handle, job)
            time.sleep(1.0)

    def handle(self, job):
        try:
            job()
        except Exception as exc:
            print("job failed:", exc, file=sys.stderr)
