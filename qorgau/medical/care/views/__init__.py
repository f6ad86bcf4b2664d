"""Pages of screening, beds, equipment and staffing: parse, fetch in scope, call a service, render.

Every page answers 404, never 403, to a role without medical access: it
learns nothing, not even that the records exist. One module per topic.
"""
