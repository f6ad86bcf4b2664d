"""Models of screening, beds, equipment and staffing (registered through qorgau/medical/models.py)."""
