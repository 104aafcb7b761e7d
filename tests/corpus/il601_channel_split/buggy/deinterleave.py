"""IL601 on `Deinterleaver.split.out`: `[[]] * channels` is one list repeated; appending a
sample to channel 0 appends it to every channel."""


class Deinterleaver:
    def __init__(self, channels=2):
        self.channels = channels

    def split(self, samples):
        out = [[]] * self.channels
        for i, sample in enumerate(samples):
            out[i % self.channels].append(sample)
        return out

    def merge(self, channels):
        merged = []
        for frame in zip(*channels):
            merged.extend(frame)
        return merged
