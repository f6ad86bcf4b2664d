# People held are deliberately not in the Django admin: identity data is read
# only through the scoped, audited pages and API (docs/decisions/0004).
