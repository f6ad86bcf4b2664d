"""NPM preventive visits: participants and the council, planning, work on site, reports, funding."""
