import threading


class SumReducer:
    def __init__(self, values, parties=3):
        self.values = values
        self.parties = parties
        self.parts = [0] * parties
        self.result = 0
        self._sync = threading.Barrier(parties)

    def _party(self, rank):
        self.parts[rank] = sum(self.values[rank::self.parties])
        self._sync.wait()
        self.result += self.parts[rank]

    def run(self):
        threads = [threading.Thread(target=self._party, args=(r,)) for r in range(self.parties)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return self.result


if __name__ == "__main__":
    print(SumReducer(list(range(100))).run())
