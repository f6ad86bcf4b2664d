"""Preservation of footage: holds, confirmations by connectors, chain of custody."""
