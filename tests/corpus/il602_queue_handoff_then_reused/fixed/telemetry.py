"""A telemetry uplink: the sampler thread fills a fresh record buffer for each record and hands
it to the uplink thread through a queue; the spectrum is normalised before it is queued. Once
queued, a buffer belongs to the uplink thread."""
import queue
import threading

import numpy as np

outbox = queue.Queue(maxsize=64)


def sample(sensor, count):
    for n in range(count):
        record = bytearray(64)
        record[:] = sensor.read(64)
        outbox.put(record)
        spectrum = np.abs(np.fft.rfft(sensor.window()))
        spectrum /= spectrum.max()
        outbox.put(spectrum)


def uplink(link):
    while True:
        item = outbox.get()
        link.send(bytes(item))


def run(sensor, link):
    threading.Thread(target=uplink, args=(link,), daemon=True, name="uplink").start()
    threading.Thread(target=sample, args=(sensor, 1000), name="sampler").start()
