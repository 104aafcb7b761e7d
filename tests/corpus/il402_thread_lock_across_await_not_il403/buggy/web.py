import asyncio

from aiohttp import web

from cache import SessionCache


async def fetch_token(user):
    await asyncio.sleep(0.05)  # pretend: call the auth service
    return f"tok-{user}"


cache = SessionCache(fetch_token)


async def whoami(request):
    user = request.headers.get("X-User", "guest")
    sess = await cache.get(user)
    return web.json_response({"user": sess.user, "token": sess.token})


async def on_startup(app):
    cache.start()


def build_app():
    app = web.Application()
    app.on_startup.append(on_startup)
    app.router.add_get("/whoami", whoami)
    return app


if __name__ == "__main__":
    web.run_app(build_app())
