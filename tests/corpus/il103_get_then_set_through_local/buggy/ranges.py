"""Track the min/max reading of every sensor kind: one reader thread per serial port, several
ports may carry the same kind of sensor."""
import threading


class RangeTracker:
    def __init__(self, ports: list[str]) -> None:
        self.ports = ports
        self._ranges: dict[str, tuple[float, float]] = {}
        self._readers = [threading.Thread(target=self._read_port, args=(p,), daemon=True) for p in ports]

    def start(self) -> None:
        for t in self._readers:
            t.start()

    def ranges(self) -> dict[str, tuple[float, float]]:
        return dict(self._ranges)

    def _read_port(self, port: str) -> None:
        with open(port, encoding="ascii") as dev:
            for line in dev:
                kind, _, raw = line.partition("=")
                self._record(kind.strip(), float(raw))

    def _record(self, kind: str, value: float) -> None:
        lo, hi = self._ranges.get(kind, (value, value))
        widened = (min(lo, value), max(hi, value))
        self._ranges[kind] = widened


if __name__ == "__main__":
    import sys
    tracker = RangeTracker(sys.argv[1:])
    tracker.start()
    print(tracker.ranges())
