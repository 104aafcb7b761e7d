import logging
import threading

log = logging.getLogger(__name__)


class Ledger:
    """Logging formats its arguments when the record is emitted, in the calling thread."""

    def __init__(self):
        self._mu = threading.Lock()
        self._rows = []

    def __repr__(self):
        with self._mu:
            return "Ledger(%d rows)" % len(self._rows)

    def post(self, row):
        with self._mu:
            self._rows.append(row)
            log.info("posted to %r", self)          # the record is formatted here, under the lock


class Till:
    """An f-string with `!r` runs `__repr__`."""

    def __init__(self):
        self._mu = threading.Lock()
        self._coins = 0

    def __repr__(self):
        with self._mu:
            return f"Till({self._coins})"

    def take(self, n):
        with self._mu:
            self._coins -= n
            note = f"took {n} from {self!r}"
        return note


class Voucher:
    """`%s` runs `__str__`, which this class leaves to `object`: it runs `__repr__`."""

    def __init__(self, code):
        self._mu = threading.Lock()
        self.code = code
        self.used = False

    def __repr__(self):
        with self._mu:
            return f"Voucher({self.code}, used={self.used})"

    def redeem(self):
        with self._mu:
            self.used = True
            return "redeemed %s" % (self,)


class Branch:
    """`str.format` runs `__format__`."""

    def __init__(self):
        self._mu = threading.Lock()
        self.label = ""

    def __format__(self, spec):
        with self._mu:
            return f"{self.label:{spec}}"

    def rename(self, label):
        with self._mu:
            self.label = label
            print("renamed to {}".format(self))
