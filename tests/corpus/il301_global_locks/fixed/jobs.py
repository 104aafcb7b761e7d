"""Fixed: rotator releases LOG_LOCK before flush_pending takes DB_LOCK."""
import threading

DB_LOCK = threading.Lock()
LOG_LOCK = threading.Lock()
pending = []
log_lines = []


def flush_pending():
    with DB_LOCK:
        pending.clear()


def writer():
    with DB_LOCK:
        pending.append("row")
        with LOG_LOCK:
            log_lines.append("wrote row")


def rotator():
    with LOG_LOCK:
        log_lines.clear()
    flush_pending()


threading.Thread(target=writer).start()
threading.Thread(target=rotator).start()
