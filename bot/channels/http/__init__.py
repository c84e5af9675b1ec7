"""HTTP channel: JSON API (/v1), the web chat page (/), the embeddable widget and the Zalo webhook."""

from bot.channels.http.app import create_app
from bot.channels.http.run import serve, serve_async

__all__ = ["create_app", "serve", "serve_async"]
