"""Make thumbnails of a folder of images: one worker per slice of the file list, all writing
into a result sink that the script replaces with a fresh one while the workers still use it."""
import os
import sys
import threading
import time


class ThumbSink:
    def __init__(self, out_dir: str) -> None:
        self.out_dir = out_dir
        self._lock = threading.Lock()
        self._done: list[str] = []

    def add(self, name: str, data: bytes) -> None:
        with open(os.path.join(self.out_dir, name + ".thumb"), "wb") as fh:
            fh.write(data[:1024])
        with self._lock:
            self._done.append(name)

    def count(self) -> int:
        with self._lock:
            return len(self._done)


def _heartbeat() -> None:
    while True:
        time.sleep(5)
        print("still working", file=sys.stderr)


def shrink(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


if __name__ == "__main__":
    threading.Thread(target=_heartbeat, daemon=True).start()
    files = sorted(os.listdir(sys.argv[1]))
    sink = ThumbSink(sys.argv[2])
    workers = [threading.Thread(target=lambda k=k: [sink.add(f, shrink(os.path.join(sys.argv[1], f)))
                                                    for f in files[k::4]])
               for k in range(4)]
    for w in workers:
        w.start()
    first = sink
    sink = ThumbSink(sys.argv[2])   # the workers may write half into the old sink, half into the new
    for w in workers:
        w.join()
    print(first.count() + sink.count(), "thumbnails")
