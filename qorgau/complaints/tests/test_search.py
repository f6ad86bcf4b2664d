from __future__ import annotations

import pytest
from django.db import connection

from qorgau.accounts.roles import Role
from qorgau.complaints import search
from qorgau.complaints.models import Complaint
from qorgau.complaints.selectors import ComplaintFilters, complaint_list_for_user

from .casework import register

KK = "Түнде кезекші бөлімде мені ұрып-соқты, қабырғам ауырады."
RU = "Ночью в дежурной части меня избили, болят рёбра. Камера №7."


@pytest.fixture
def staff(world):
    return world.users[Role.OMBUDSMAN_STAFF]


@pytest.fixture
def texts(world):
    kk = register(world.facility_a, 1, description=KK, injuries="", language="kk")
    ru = register(world.facility_a, 2, description=RU, injuries="")
    return kk, ru


def _found(user, **filters) -> list[str]:
    return [
        c.number for c in complaint_list_for_user(user=user, filters=ComplaintFilters(**filters))
    ]


def test_kazakh_and_russian_words_are_found_in_any_case(staff, texts):
    kk, ru = texts
    assert _found(staff, q="ҚАБЫРҒАМ") == [kk.number]
    assert _found(staff, q="ұрып") == [kk.number]
    assert _found(staff, q="ИЗБИЛИ") == [ru.number]
    assert _found(staff, q="избил") == [ru.number]  # part of a word


def test_yo_and_ye_are_the_same_letter(staff, texts):
    _kk, ru = texts
    assert _found(staff, q="ребра") == [ru.number]
    assert _found(staff, q="рёбра") == [ru.number]


def test_every_word_must_be_there_in_any_order(staff, texts):
    _kk, ru = texts
    assert _found(staff, q="рёбра избили") == [ru.number]
    assert _found(staff, q="избили қабырғам") == []


def test_short_words_and_numbers_work_too(staff, texts):
    _kk, ru = texts
    assert _found(staff, q="№7") == [ru.number]
    assert _found(staff, q="ночью №7") == [ru.number]
    assert _found(staff, q=ru.number.lower()) == [ru.number]


def test_quotes_and_operators_in_the_query_are_plain_text(staff, texts):
    assert _found(staff, q='"избили" OR NOT') == []
    assert _found(staff, q="избили*") == []
    assert _found(staff, q="'; DROP TABLE complaints_complaint; --") == []
    assert Complaint.objects.count() == 2


def test_search_combines_with_the_other_filters(world, staff, texts):
    _kk, ru = texts
    other = register(world.facility_a, 3, description=RU, categories=["medical"])
    assert _found(staff, q="избили", category="medical") == [other.number]
    assert set(_found(staff, q="избили", facility="FA")) == {ru.number, other.number}
    assert _found(staff, q="избили", facility="FB") == []
    assert _found(staff, q="избили", status="closed") == []


def test_search_stays_in_scope(world, staff, texts):
    theirs = register(world.facility_b, 4, description=RU)
    assert theirs.number not in _found(staff, q="избили")


def test_changed_text_is_searched_as_changed(staff, texts):
    _kk, ru = texts
    Complaint.objects.filter(pk=ru.pk).update(search_text="совсем другое")
    assert _found(staff, q="избили") == []
    assert _found(staff, q="другое") == [ru.number]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_sqlite_uses_the_fts_index_and_repairs_lost_triggers(staff, texts):
    _kk, ru = texts
    sql = str(Complaint.objects.filter(search.text_filter("избили")).query)
    assert search.FTS_TABLE in sql and "MATCH" in sql
    with connection.cursor() as cur:
        cur.execute("DROP TRIGGER complaints_search_ai")  # as a table rebuild would
    assert search.index_repair(connection) is True
    new = register(ru.facility, 9, description="Отобрали письма адвоката.")
    assert _found(staff, q="адвоката") == [new.number]
    assert search.index_repair(connection) is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_postgresql_has_the_trigram_index(staff, texts):
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'complaints_search_trgm'")
        (definition,) = cur.fetchone()
    assert "gin_trgm_ops" in definition
    sql = str(Complaint.objects.filter(search.text_filter("избили")).query)
    assert "LIKE" in sql and "UPPER" not in sql
