"""Prosecutor viewing: grants, short-lived tokens, the gateway's authorize endpoint and its log."""
