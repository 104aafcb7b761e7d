from typing import Any

from fastapi import FastAPI

from chat_routes import chat_router


def install(app: FastAPI, services: dict[str, Any]) -> None:
    verbose: bool = services.get("verbose", False)
    hub: Any = services.get("hub")
    app.include_router(chat_router(hub))
    if verbose:
        print("chat routes installed")
