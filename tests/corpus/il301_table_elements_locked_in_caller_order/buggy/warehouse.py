"""IL301 on `Bin.lock`: bins live in an annotated table (`self.bins: dict[str, Bin]`) and `move`
looks up the source and destination bins by the codes its caller passes, then takes their locks
in that order (`with src.lock, dst.lock:`, through `a, b = src, dst`). Two moves between the same
bins in opposite directions each hold one bin's lock and wait for the other's. Fixed twin: the
bins are put in one global order first (`sorted((src, dst), key=id)`)."""
import threading


class Bin:
    def __init__(self, code, count=0):
        self.code = code
        self.lock = threading.Lock()
        self.count = count

    def restock(self, n):
        with self.lock:
            self.count += n


class Warehouse:
    def __init__(self):
        self.bins: dict[str, Bin] = {}

    def add(self, code, count):
        self.bins[code] = Bin(code, count)

    def move(self, src_code, dst_code, n):
        src = self.bins[src_code]
        dst = self.bins[dst_code]
        if src is dst:
            return False
        a, b = src, dst
        with a.lock, b.lock:
            if src.count < n:
                return False
            src.count -= n
            dst.count += n
        return True


def main():
    house = Warehouse()
    house.add("A1", 50)
    house.add("B7", 50)
    movers = [threading.Thread(target=house.move, args=("A1", "B7", 1)),
              threading.Thread(target=house.move, args=("B7", "A1", 1)),
              threading.Thread(target=house.bins["A1"].restock, args=(5,))]
    for t in movers:
        t.start()
    for t in movers:
        t.join()


if __name__ == "__main__":
    main()
