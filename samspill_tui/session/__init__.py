"""The session core: domain, results and durable store. Imports neither Textual nor aiohttp."""
