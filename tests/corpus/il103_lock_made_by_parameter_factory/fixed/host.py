"""The host that owns the runners hands each one a lock from its overridable factory."""
import threading


class Host:
    def __init__(self) -> None:
        self._runners: dict = {}

    def _new_lock(self):
        return threading.RLock()

    def add_runner(self, runner, name: str) -> None:
        self._runners[name] = runner
        runner.attach(self, name)
