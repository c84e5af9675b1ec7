"""Conversations: follow-up questions understood in the context of the last turn (state, rules, service)."""
