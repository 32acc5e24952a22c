"""xcaudio: the audio edition of 许昌日报 (Xuchang Daily)."""

__version__ = "0.1.0"
