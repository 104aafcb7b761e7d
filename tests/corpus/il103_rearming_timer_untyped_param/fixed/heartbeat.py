"""The count is bumped under the health object's lock."""
import threading


class Health:
    def __init__(self):
        self.beats = 0
        self.lock = threading.Lock()


def beat(health, peer):
    print("ping", peer)
    with health.lock:
        health.beats += 1
    threading.Timer(2.0, beat, args=(health, peer)).start()


def start(peers):
    health = Health()
    for peer in peers:
        threading.Timer(2.0, beat, args=(health, peer)).start()
    return health
