"""The phone face: an aiohttp app serving the join page, voting and answers."""
