"""Fixed: the worker builds its thread pool before it installs the SIGQUIT handler that shuts the
pool down. A handler cannot run before it is registered, so the handler always sees the pool."""
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
        self.pool = self.get_thread_pool()
        self.init_signals()
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
