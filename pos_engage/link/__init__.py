"""The POS link over HTTP: the shop's POS drives a sale session (core/till/session.py) on loopback.

A thin door: routes read and check the request (size, JSON, token, idempotency key) and call the session's use
cases; every business rule is the till's. Served by the window and by ``pos-engage serve`` on the till's own
asyncio loop (uvicorn inside qasync), never on another address than loopback. docs/pos-link.md is the contract.
"""
