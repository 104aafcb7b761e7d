"""Sitemap builder: each build walks the page table on a thread of its own and writes the file."""
import os
import threading
from xml.sax.saxutils import escape


class SitemapBuilder:
    def __init__(self, pages_dir: str, out_path: str) -> None:
        self.pages_dir = pages_dir
        self.out_path = out_path
        self._thread: threading.Thread | None = None

    def start(self) -> bool:
        if self._thread is not None and self._thread.is_alive():
            return False
        self._thread = threading.Thread(target=self._build, name="sitemap", daemon=True)
        self._thread.start()
        return True

    def _build(self) -> None:
        urls = [f"<url><loc>/{escape(name[:-5])}</loc></url>"
                for name in sorted(os.listdir(self.pages_dir)) if name.endswith(".html")]
        tmp = self.out_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write("<urlset>" + "".join(urls) + "</urlset>")
        os.replace(tmp, self.out_path)
