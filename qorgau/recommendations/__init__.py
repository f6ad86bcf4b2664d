"""Recommendations and their follow-up: NPM ones to a place; national and UN ones later."""
