from fastapi import FastAPI

from hub import Hub
from wiring import install

hub = Hub()
services = {
    "verbose": False,
    "hub": hub,
}

app = FastAPI()
install(app, services)
