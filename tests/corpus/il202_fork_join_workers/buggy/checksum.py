"""A parallel checksum: `run` (called once by its owner) starts one thread per block, each
writing its own slot of `self.sums`, and adds the slots up while they still run (the joins
come after the sum)."""
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
        total = 0
        for s in self.sums:
            total ^= s
        for t in threads:
            t.join()
        return total
