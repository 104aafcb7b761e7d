"""IL601 on `Equalizer.curves`: `[np.zeros(taps)] * bands` shares one array between all bands,
so `set_band` scaling one band's curve rescales every band."""
import numpy as np


class Equalizer:
    def __init__(self, bands=10, taps=64):
        self.bands = bands
        self.curves = [np.zeros(taps)] * bands
        self.gains = [1.0] * bands

    def set_band(self, band, gain):
        self.gains[band] = gain
        self.curves[band] *= gain

    def response(self):
        return sum(self.curves)
