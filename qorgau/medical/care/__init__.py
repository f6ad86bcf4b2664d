"""The medical unit's resources and routine care: screening, 24-hour beds, equipment, staffing."""
