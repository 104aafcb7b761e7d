"""Every connection registers itself in a list the class keeps for all of its instances, under
the class's lock, and the monitor thread walks a copy it takes under that lock."""
import threading
import time


class Conn:
    instances = []
    _registry_lock = threading.Lock()

    def __init__(self, host):
        self.host = host
        self.alive = True
        with Conn._registry_lock:
            Conn.instances.append(self)


def connector(hosts):
    for h in hosts:
        Conn(h)


def monitor(stop):
    while not stop.is_set():
        with Conn._registry_lock:
            conns = list(Conn.instances)
        for c in conns:
            print(c.host, c.alive)
        time.sleep(1)


def main():
    stop = threading.Event()
    m = threading.Thread(target=monitor, args=(stop,))
    m.start()
    ts = [threading.Thread(target=connector, args=(["a", "b"],)) for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    stop.set()
    m.join()


if __name__ == "__main__":
    main()
