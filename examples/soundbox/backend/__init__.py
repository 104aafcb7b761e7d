"""FastAPI backend: REST control of the player and library, WebSocket audio and event streams."""
