"""IL103 on `Health.beats`: two re-arming timers (one per peer) share one health object; each
`beat(health, peer)` does `health.beats += 1` and starts the next timer with the same arguments,
so the two timer threads update the count at the same time."""
import threading


class Health:
    def __init__(self):
        self.beats = 0


def beat(health, peer):
    print("ping", peer)
    health.beats += 1
    threading.Timer(2.0, beat, args=(health, peer)).start()


def start(peers):
    health = Health()
    for peer in peers:
        threading.Timer(2.0, beat, args=(health, peer)).start()
    return health
