"""Seismometer downsampler: the reader accumulates raw counts into one running array, hands each
window's sums to a pool job that archives them, and reuses the array for the next window. The
window header goes out as a bytearray slice, which is a copy; the sums go out as an array slice, which
is the array itself."""
from concurrent.futures import ThreadPoolExecutor

import numpy as np

WINDOW = 512


def archive(sums: np.ndarray, header: bytes) -> None:
    with open("archive.bin", "ab") as fh:
        fh.write(header)
        fh.write(sums.tobytes())


def read_station(dev, pool: ThreadPoolExecutor) -> None:
    acc = np.zeros(WINDOW, dtype=np.int64)
    header = bytearray(8)
    window = 0
    while True:
        raw = dev.read(WINDOW * 4)
        if not raw:
            break
        counts = np.frombuffer(raw, dtype=np.int32)
        m = counts.shape[0]
        np.add(acc[:m], counts, out=acc[:m])
        header[:4] = window.to_bytes(4, "little")
        header[4:] = m.to_bytes(4, "little")
        window += 1
        pool.submit(archive, acc[:m], header[:])


def main(path: str) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool, open(path, "rb") as dev:
        read_station(dev, pool)


if __name__ == "__main__":
    import sys
    main(sys.argv[1])
