"""A search indexer: `rebuild` maps the tokenizer over the documents on its pool and walks the
iterator `map` returns to its end (`list(...)`, which re-raises a failed job), so every job is
done before `postings` is read."""
import re
import threading
from concurrent.futures import ThreadPoolExecutor


class SearchIndex:
    def __init__(self, docs):
        self.docs = dict(docs)
        self.postings = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=4)

    def _index(self, doc_id):
        words = set(re.findall(r"\w+", self.docs[doc_id].lower()))
        with self._lock:
            for word in words:
                self.postings.setdefault(word, set()).add(doc_id)

    def rebuild(self):
        list(self._pool.map(self._index, list(self.docs)))
        return {word: len(ids) for word, ids in self.postings.items()}
