"""Zalo Official Account channel: signed webhook in, customer-service text messages out."""

from bot.channels.zalo.client import ZaloClient
from bot.channels.zalo.webhook import ZaloWebhook

__all__ = ["ZaloClient", "ZaloWebhook"]
