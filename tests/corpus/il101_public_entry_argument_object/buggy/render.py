"""IL101: `Renderer.render` keeps the caller's page as `self._last` before it fills it, so
`last_summary()` on another thread reads `body` and `size` of a page `fill` is still writing."""
import threading


class Page:
    def __init__(self, kind):
        self.kind = kind
        self.body = ""
        self.size = 0

    def fill(self, template, data):
        self.body = template.format(**data)
        self.size = len(self.body)


class Renderer:
    def __init__(self):
        self._lock = threading.Lock()
        self._templates = {"home": "<h1>{title}</h1>"}
        self.rendered = 0
        self._last = None

    def add_template(self, kind, text):
        with self._lock:
            self._templates[kind] = text

    def render(self, page: Page, data):
        with self._lock:
            template = self._templates[page.kind]
            self.rendered += 1
            self._last = page
        page.fill(template, data)
        return page.size

    def last_summary(self):
        with self._lock:
            last = self._last
        return (last.size, last.body[:20]) if last is not None else (0, "")
