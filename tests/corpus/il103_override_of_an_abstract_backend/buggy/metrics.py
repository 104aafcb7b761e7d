"""A metrics recorder that writes through a pluggable backend. The recorder holds the backend
typed as its abstract base (`self._backend: Backend`), whose `write` only raises; the file
backend's override counts the lines it buffered, and several request threads record at once."""
import abc
import threading


class Backend(abc.ABC):
    @abc.abstractmethod
    def write(self, line: str) -> None:
        raise NotImplementedError

    def flush(self) -> None:
        pass


class FileBackend(Backend):
    def __init__(self, path: str):
        self._path = path
        self.pending: list[str] = []
        self.lines_buffered = 0

    def write(self, line: str) -> None:
        self.pending.append(line)
        self.lines_buffered += 1

    def flush(self) -> None:
        lines, self.pending = self.pending, []
        with open(self._path, "a") as f:
            f.writelines(line + "\n" for line in lines)


class NullBackend(Backend):
    def write(self, line: str) -> None:
        pass


class Recorder:
    def __init__(self, backend: Backend):
        self._backend: Backend = backend
        self._lock = threading.Lock()
        self.recorded = 0

    def record(self, name: str, value: float) -> None:
        with self._lock:
            self.recorded += 1
        self._backend.write(f"{name} {value}")

    def close(self) -> None:
        with self._lock:
            self._backend.flush()


def handle_requests(recorder: Recorder, n: int) -> None:
    for i in range(n):
        recorder.record("latency_ms", 3.5 + i)


if __name__ == "__main__":
    recorder = Recorder(FileBackend("/tmp/metrics.log"))
    workers = [threading.Thread(target=handle_requests, args=(recorder, 100)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    recorder.close()
