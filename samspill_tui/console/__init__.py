"""The presenter console: a second terminal that drives the projector over a local socket."""
