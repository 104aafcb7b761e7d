"""Every connection registers itself in a list the class keeps for all of its instances
(`Conn.instances.append(self)` in the constructor), and connector threads build them while a
monitor thread walks that list: the constructor changes the one list every instance shares."""
import threading
import time


class Conn:
    instances = []

    def __init__(self, host):
        self.host = host
        self.alive = True
        Conn.instances.append(self)


def connector(hosts):
    for h in hosts:
        Conn(h)


def monitor(stop):
    while not stop.is_set():
        for c in Conn.instances:
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
