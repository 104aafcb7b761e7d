import sqlite3
import threading


def backfill_thumbnails(db_path: str, photo_ids: list) -> None:
    conn = sqlite3.connect(db_path)
    pending = list(photo_ids)

    def worker(chunk: list) -> None:
        mine = sqlite3.connect(db_path)
        for pid in chunk:
            mine.execute("UPDATE photos SET thumb = 1 WHERE id = ?", (pid,))
        mine.commit()
        mine.close()

    threads = [threading.Thread(target=worker, args=(pending[i::4],)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    conn.execute("VACUUM")
    conn.close()
