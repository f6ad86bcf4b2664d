from __future__ import annotations

from types import SimpleNamespace

import pytest

from qorgau.accounts.roles import Role


@pytest.fixture
def site(world):
    """Visit A (the world's participant on its team) and visit B (not), with their people."""
    from qorgau.visits.tests.routes import visit_for_matrix

    return SimpleNamespace(
        world=world,
        a=visit_for_matrix(world, world.facility_a),
        b=visit_for_matrix(world, world.facility_b),
        participant=world.users[Role.NPM_PARTICIPANT],
        coordinator=world.users[Role.NPM_COORDINATOR],
        staff=world.users[Role.OMBUDSMAN_STAFF],
        facility=world.users[Role.FACILITY_ADMIN],
        outsider=world.outsider,
    )
