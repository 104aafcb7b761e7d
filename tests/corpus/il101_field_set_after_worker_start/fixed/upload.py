"""Fixed twin: `begin` sets the endpoint before it starts the `Pusher` it hands itself to."""
import threading
import time


class Pusher(threading.Thread):
    def __init__(self, owner):
        super().__init__(daemon=True)
        self.owner = owner
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(1.0):
            self.owner.push(self.owner.endpoint)


class Uploader:
    def __init__(self):
        self.endpoint = "http://localhost/"
        self._pusher = None

    def push(self, url):
        print("push to", url)

    def begin(self, endpoint):
        self.endpoint = endpoint
        self._pusher = Pusher(self)
        self._pusher.start()

    def end(self):
        self._pusher.done.set()
        self._pusher.join()


def main():
    up = Uploader()
    up.begin("http://backup/")
    time.sleep(1)
    up.end()


if __name__ == "__main__":
    main()
