"""Fixed: the network thread's write and the readers' read of the reading share one lock."""
import threading

import paho.mqtt.client as mqtt


class PressureGauge:
    def __init__(self, broker):
        self._lock = threading.Lock()
        self.kpa = None
        client = mqtt.Client()
        client.on_message = self._on_reading
        client.connect(broker)
        client.loop_start()
        self._client = client

    def _on_reading(self, client, userdata, message):
        with self._lock:
            self.kpa = float(message.payload)

    def latest(self):
        with self._lock:
            return self.kpa
