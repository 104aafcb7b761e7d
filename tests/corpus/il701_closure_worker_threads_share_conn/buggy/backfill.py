import sqlite3
import threading


def backfill_thumbnails(db_path: str, photo_ids: list) -> None:
    conn = sqlite3.connect(db_path)
    pending = list(photo_ids)

    def worker(chunk: list) -> None:
        for pid in chunk:
            conn.execute("UPDATE photos SET thumb = 1 WHERE id = ?", (pid,))
        conn.commit()

    threads = [threading.Thread(target=worker, args=(pending[i::4],)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    conn.execute("VACUUM")
    conn.close()
