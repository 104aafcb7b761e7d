"""IL201 on `DecoderPool._decoders` in `get`: the lookup and the store of a missing decoder are
two critical sections of `_lock`; two workers that miss the same format both build and store
it, and the second store replaces a decoder the first worker is already using."""
import threading
from collections import OrderedDict


class Decoder:
    def __init__(self, fmt):
        self.fmt = fmt


class DecoderPool:
    def __init__(self, limit=4):
        self._lock = threading.Lock()
        self._limit = limit
        self._decoders = OrderedDict()

    def get(self, fmt):
        with self._lock:
            decoder = self._decoders.get(fmt)
            if decoder is not None:
                self._decoders.move_to_end(fmt)
                return decoder
        built = Decoder(fmt)
        with self._lock:
            self._decoders[fmt] = decoder = built
            while len(self._decoders) > self._limit:
                self._decoders.popitem(last=False)
        return decoder

    def decode_all(self, files):
        workers = [threading.Thread(target=self.get, args=(f.rsplit(".", 1)[-1],)) for f in files]
        for w in workers:
            w.start()
