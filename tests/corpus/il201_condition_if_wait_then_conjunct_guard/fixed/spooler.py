import threading


class Spooler:
    def __init__(self):
        self._cv = threading.Condition()
        self.pages = []
        self.paused = False

    def submit(self, page):
        with self._cv:
            self.pages.append(page)
            self._cv.notify()

    def pause(self, flag):
        with self._cv:
            self.paused = flag
            self._cv.notify_all()

    def next_page(self):
        with self._cv:
            while not self.pages or self.paused:
                if self.paused and not self.pages:
                    return None
                self._cv.wait()
            return self.pages.pop()


def printer(spool):
    while True:
        page = spool.next_page()
        if page is not None:
            print(page)


def main():
    spool = Spooler()
    for _ in range(2):
        threading.Thread(target=printer, args=(spool,), daemon=True).start()
    for i in range(10):
        spool.submit(i)
    spool.pause(True)


if __name__ == "__main__":
    main()
