"""Fixtures of the services tests."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from paicha_geo.services import account_service
from tests.ledger_helpers import copy_store


@pytest.fixture
def cheap_hashes(monkeypatch):
    """argon2id still, at test costs, for the hashes a test writes (the installation keeps
    the library's recommended costs)."""
    monkeypatch.setattr(account_service, "HASHER",
                        PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def store(demo_db, tmp_path, backend):
    """A read-write Store on a private copy of the demo (its demo accounts included), once on
    a DuckDB file and once on a PostgreSQL database: the services must behave alike on both."""
    s = copy_store(demo_db, tmp_path, backend=backend)
    yield s
    s.close()
