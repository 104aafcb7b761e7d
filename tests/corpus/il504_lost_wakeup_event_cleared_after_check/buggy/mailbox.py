import threading


class Mailbox:
    def __init__(self):
        self._guard = threading.Lock()
        self._letters = []
        self._posted = threading.Event()

    def post(self, letter) -> None:
        with self._guard:
            self._letters.append(letter)
        self._posted.set()

    def collect(self):
        with self._guard:
            nothing = len(self._letters) == 0
        if nothing:
            # a post between the check and this clear is wiped out
            self._posted.clear()
            self._posted.wait()
        with self._guard:
            return self._letters.pop(0)
