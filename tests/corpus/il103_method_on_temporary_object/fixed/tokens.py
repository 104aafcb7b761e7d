"""Tokenise documents on a pool of workers; each job parses with a tokenizer of its own, built
for the call and dropped after it."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor


class Tokenizer:
    def __init__(self, text: str = "") -> None:
        self.text = text
        self.pos = 0
        self.emitted = 0

    def reset(self, text: str) -> "Tokenizer":
        self.text, self.pos = text, 0
        return self

    def tokens(self) -> list[str]:
        out: list[str] = []
        word = ""
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            self.pos += 1
            if ch.isspace():
                if word:
                    out.append(word)
                    self.emitted += 1
                word = ""
            else:
                word += ch
        if word:
            out.append(word)
            self.emitted += 1
        return out


def count_words(doc: str) -> int:
    return len(Tokenizer(doc).tokens())


def count_all(docs: list[str]) -> int:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return sum(pool.map(count_words, docs))
