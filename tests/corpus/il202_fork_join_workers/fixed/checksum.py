"""A parallel checksum: `run` (called once by its owner) starts one thread per block, each
writing its own slot of `self.sums`, joins them all, and only then adds the slots up."""
import threading
import zlib


class ParallelChecksum:
    def __init__(self, blocks):
        self.blocks = list(blocks)
        self.sums = [0] * len(self.blocks)

    def _work(self, i):
        self.sums[i] = zlib.crc32(self.blocks[i])

    def run(self):
        threads = [threading.Thread(target=self._work, args=(i,)) for i in range(len(self.blocks))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = 0
        for s in self.sums:
            total ^= s
        return total
