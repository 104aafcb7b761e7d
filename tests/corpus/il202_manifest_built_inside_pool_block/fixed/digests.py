"""A release manifest: `build` hashes every file on a pool of its own and lists the digests
once the `with` block has ended: its exit is `shutdown(wait=True)`, so every hashing job is
done before `digests` is walked."""
import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor


class ReleaseManifest:
    def __init__(self, files):
        self.files = list(files)
        self.digests = {}
        self._lock = threading.Lock()

    def _hash(self, path):
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
        with self._lock:
            self.digests[path] = digest

    def build(self):
        with ThreadPoolExecutor(max_workers=8) as pool:
            for path in self.files:
                pool.submit(self._hash, path)
        lines = [f"{digest}  {path}" for path, digest in self.digests.items()]
        return "\n".join(sorted(lines))
