"""Oversight analytics: uptime by facility and zone, outages in high-risk zones, damage."""
