"""Work on site: checklists, observations, photos, registers, confidential interviews."""
