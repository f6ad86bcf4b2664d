from qorgau.accounts.roles import Cap

# Who reads facility A's visits in the access matrix: staff in scope (visit.view), and
# the world's participant, who is on the team (visit.conduct).
READ = (Cap.VISIT_VIEW, Cap.VISIT_CONDUCT)
