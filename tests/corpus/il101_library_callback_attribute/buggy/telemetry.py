"""IL101: the MQTT client's network thread (started by `loop_start()`) runs `_on_reading`, which
the gauge registered by assigning it to the client's `on_message` attribute; it writes the
latest reading while dashboard threads read it through `latest()` with no lock."""
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
        self.kpa = float(message.payload)

    def latest(self):
        return self.kpa
