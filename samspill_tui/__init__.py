"""Samspill: a facilitator's app for workshops with Norwegian local politicians."""

__version__ = "0.1.0"
