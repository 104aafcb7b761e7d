"""Tornado avatar service. A plain `def get` of a RequestHandler runs on the IOLoop as much as an
`async def` one: the HTTP call it makes stalls every other request."""
import requests
import tornado.ioloop
import tornado.web

GRAVATAR = "https://www.gravatar.com/avatar/"


def download(digest):
    resp = requests.get(GRAVATAR + digest, timeout=5)
    resp.raise_for_status()
    return resp.content


class AvatarHandler(tornado.web.RequestHandler):
    def get(self, digest):
        self.set_header("Content-Type", "image/png")
        self.write(download(digest))


class PingHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("pong")


def make_app():
    return tornado.web.Application([
        (r"/avatar/(\w+)", AvatarHandler),
        (r"/ping", PingHandler),
    ])


if __name__ == "__main__":
    make_app().listen(8083)
    tornado.ioloop.IOLoop.current().start()
