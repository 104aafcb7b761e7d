"""aiohttp catalog service. The hooks on `app.on_startup` run before the server serves and those on
`app.on_cleanup` after it stopped: their file reads stall nothing. A handler's read stalls the loop."""
import asyncio
import json

from aiohttp import web


def read_json(path):
    with open(path) as fh:
        return json.load(fh)


async def load_catalog(app):
    app["catalog"] = read_json(app["catalog_path"])


async def save_stats(app):
    with open("stats.json", "w") as fh:
        json.dump(app["hits"], fh)


async def item(request):
    app = request.app
    name = request.match_info["name"]
    app["hits"][name] = app["hits"].get(name, 0) + 1
    extra = await asyncio.to_thread(read_json, f"extra/{name}.json")
    return web.json_response({"item": app["catalog"].get(name), "extra": extra})


def build():
    app = web.Application()
    app["catalog_path"] = "catalog.json"
    app["hits"] = {}
    app.on_startup.append(load_catalog)
    app.on_cleanup.append(save_stats)
    app.router.add_get("/item/{name}", item)
    return app


if __name__ == "__main__":
    web.run_app(build())
