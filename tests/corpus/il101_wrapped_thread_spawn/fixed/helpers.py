"""Project helper: start a daemon thread running `fn(*args)`."""
import threading


def run_in_thread(fn, *args):
    thread = threading.Thread(target=fn, args=args, daemon=True)
    thread.start()
    return thread
