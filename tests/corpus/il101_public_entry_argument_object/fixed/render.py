"""Silent: `Renderer.render` may run on many threads at once, but the `Page` each call fills is
the caller's: render only calls methods on its argument and keeps it nowhere, so two calls
touch two pages (an open-world caller's arguments are its own, like a local it built)."""
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

    def add_template(self, kind, text):
        with self._lock:
            self._templates[kind] = text

    def render(self, page: Page, data):
        with self._lock:
            template = self._templates[page.kind]
            self.rendered += 1
        page.fill(template, data)
        return page.size
