"""Each thread counts its own files; the totals are added after the joins."""
import os
import shutil
import threading


class SyncReport:
    def __init__(self):
        self.copied = 0
        self.skipped = 0


def mirror(src_root, dst_root, folders):
    report = SyncReport()
    counts = [0] * len(folders)

    def copy_folder(i, folder):
        src = os.path.join(src_root, folder)
        n = 0
        for name in os.listdir(src):
            shutil.copy2(os.path.join(src, name), os.path.join(dst_root, folder, name))
            n += 1
        counts[i] = n

    threads = [threading.Thread(target=copy_folder, args=(i, f)) for i, f in enumerate(folders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report.copied = sum(counts)
    return report
