"""The simulator on a real port (uvicorn), for network tests, benchmarks and training: ``pos-engage-sim``.

``SimServer`` runs it on its own thread and loop, bound to 127.0.0.1 on a free port unless told otherwise, and
stops it when the ``with`` block ends.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
import time

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from pos_engage.sim.app import build_app
from pos_engage.sim.faults import Faults
from pos_engage.sim.gate import Connections
from pos_engage.sim.state import DEMO_API_KEY, SimState


def tracked_protocol(connections: Connections) -> type[H11Protocol]:
    """uvicorn's HTTP/1.1 protocol, recording each connection's socket so the gate can cut it on purpose."""

    class TrackedH11Protocol(H11Protocol):
        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            connections.add(self.client, transport)

        def connection_lost(self, exc: Exception | None) -> None:
            connections.discard(self.client)
            super().connection_lost(exc)

    return TrackedH11Protocol


class SimServer:
    """The simulator served over HTTP on a background thread."""

    def __init__(self, state: SimState | None = None, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state or SimState()
        self.host = host
        self.port = port
        self.connections = Connections()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _app(self):
        return build_app(self.state, self.connections)

    def start(self) -> SimServer:
        # IPPROTO_TCP explicitly: asyncio enables TCP_NODELAY on accepted sockets only when proto says TCP, and
        # without it every keep-alive answer stalls ~40 ms on Nagle + delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self._app(), http=tracked_protocol(self.connections),
                                lifespan="off", log_level="warning", access_log=False, timeout_keep_alive=30)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True,
                                        name=f"engage-sim-{self.port}")
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the simulator did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
        self._server = self._thread = None

    def serve_until_interrupted(self) -> None:
        """For the command line: run until Ctrl+C (or the server stops by itself), then stop cleanly."""
        try:
            while self._thread is not None and self._thread.is_alive():
                time.sleep(0.2)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def __enter__(self) -> SimServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pos-engage-sim", description="Serve the Engage simulator on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8585, help="port to listen on (0: any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    parser.add_argument("--seed", type=int, default=1, help="seed for demo data and fault dice")
    parser.add_argument("--api-key", default=DEMO_API_KEY, help="the API key the simulator accepts")
    parser.add_argument("--faults", default="{}", help='initial fault switches as JSON, e.g. \'{"error_rate": 0.3}\'')
    parser.add_argument("--order-job-polls", type=int, default=1, help="polls an order job stays Pending")
    args = parser.parse_args(argv)
    faults = Faults()
    try:
        faults.update(json.loads(args.faults))
    except ValueError as exc:
        parser.error(f"--faults: {exc}")
    state = SimState(seed=args.seed, api_keys=(args.api_key,), faults=faults, order_job_polls=args.order_job_polls)
    server = SimServer(state, host=args.host, port=args.port)
    try:
        server.start()
    except OSError as exc:
        print(f"pos-engage-sim: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"Engage simulator on {server.base_url}", flush=True)
    print(f"API key: {args.api_key}", flush=True)
    print(f"Admin:   {server.base_url}/_sim/faults, /_sim/received, /_sim/rate, /_sim/demo", flush=True)
    server.serve_until_interrupted()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
