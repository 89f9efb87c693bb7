"""Start and stop the phone face inside the running asyncio loop (Textual's)."""

from __future__ import annotations

from aiohttp import web

from samspill_tui.session.live import Session
from samspill_tui.web.net import announce_host, reachable_from_lan
from samspill_tui.web.routes import build_app


class WebServer:
    """The aiohttp server of one session: ``start`` in the app's mount, ``stop`` on exit."""

    def __init__(self, session: Session, host: str, port: int) -> None:
        self.session = session
        self.bind_host = host
        self.requested_port = port
        self.host = announce_host(host)
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen on the configured host and port (0 picks a free one)."""
        app = build_app(self.session, self)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.bind_host or "0.0.0.0", self.requested_port,
                               reuse_address=True)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = runner.addresses[0][1]

    async def stop(self) -> None:
        """Close every connection and stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def origin(self) -> str:
        """The scheme, host and port phones use."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def join_url(self) -> str:
        """The address the QR code encodes."""
        return f"{self.origin}/j/{self.session.token}"

    @property
    def reachable(self) -> bool:
        """Whether phones on the network can reach the announced address."""
        return reachable_from_lan(self.host)

    @property
    def cookie_name(self) -> str:
        """The participant cookie's name; it includes the port so two sessions never clash."""
        return f"samspill_{self.port}"
