"""The playback engine: an AudioPlayer built from mixins over a controller, queue and buffers."""

from soundbox.player.audio_player import AudioPlayer
from soundbox.player.controller import PlaybackController, PlaybackState
from soundbox.player.types import PlayerConfig, PlayerError, TrackInfo

__all__ = ["AudioPlayer", "PlaybackController", "PlaybackState", "PlayerConfig", "PlayerError", "TrackInfo"]
