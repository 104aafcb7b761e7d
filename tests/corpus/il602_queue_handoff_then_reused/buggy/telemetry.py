"""A telemetry uplink: the sampler thread fills a scratch record buffer and hands it to the
uplink thread through a queue, then keeps filling the same `bytearray` for the next record
(`record[:] = ...`), and scales the spectrum array in place right after queueing it. The
uplink thread may still be sending the previous record: it goes out half overwritten."""
import queue
import threading

import numpy as np

outbox = queue.Queue(maxsize=64)


def sample(sensor, count):
    record = bytearray(64)
    for n in range(count):
        record[:] = sensor.read(64)
        outbox.put(record)
        spectrum = np.abs(np.fft.rfft(sensor.window()))
        outbox.put(spectrum)
        spectrum /= spectrum.max()


def uplink(link):
    while True:
        item = outbox.get()
        link.send(bytes(item))


def run(sensor, link):
    threading.Thread(target=uplink, args=(link,), daemon=True, name="uplink").start()
    threading.Thread(target=sample, args=(sensor, 1000), name="sampler").start()
