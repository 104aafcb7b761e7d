"""IL101 on `Recorder._samples`: `stop` joins the sampling thread with a timeout and then takes
and replaces the list; a slow sensor read outlasts the timeout and the thread appends on."""
import random
import threading
import time


def read_sensor():
    time.sleep(0.01)
    return random.random()


class Recorder:
    def __init__(self, rate_hz=100):
        self._period = 1.0 / rate_hz
        self._halt = threading.Event()
        self._samples = []
        self._thread = None

    def start(self):
        self._halt.clear()
        self._samples = []
        self._thread = threading.Thread(target=self._sample, name="recorder")
        self._thread.start()

    def _sample(self):
        while not self._halt.is_set():
            self._samples.append(read_sensor())
            time.sleep(self._period)

    def stop(self):
        self._halt.set()
        # a slow sensor read can outlast the timeout: the thread may still append
        self._thread.join(timeout=0.005)
        samples = self._samples
        self._samples = []
        return samples


def main():
    rec = Recorder()
    for _ in range(3):
        rec.start()
        time.sleep(0.1)
        print(len(rec.stop()), "samples")


if __name__ == "__main__":
    main()
