"""Verdict: an educational text adventure about Stalin's purges that scores reasoning from evidence."""

__version__ = "0.1.0"
