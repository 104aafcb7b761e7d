"""IL103 on `SyncReport.copied`: `mirror` builds one report and starts a thread per folder running
its nested `copy_folder`, which closes over the report and does `report.copied += 1` for each
file; the threads share the one report, so increments are lost."""
import os
import shutil
import threading


class SyncReport:
    def __init__(self):
        self.copied = 0
        self.skipped = 0


def mirror(src_root, dst_root, folders):
    report = SyncReport()

    def copy_folder(folder):
        src = os.path.join(src_root, folder)
        for name in os.listdir(src):
            shutil.copy2(os.path.join(src, name), os.path.join(dst_root, folder, name))
            report.copied += 1

    threads = [threading.Thread(target=copy_folder, args=(f,)) for f in folders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return report
