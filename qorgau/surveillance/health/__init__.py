"""The health feed: connectors' status events, outages, uptime rollups, alerts, damage."""
