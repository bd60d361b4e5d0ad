"""Issue #16 through HTTP on the real Neo4j: a shared email, phone or address ties only
records that do not contradict, and a bridge merges only where nothing contradicts."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import Driver

from tests.api.helpers import body, count, pos_and_ecom

HOUSE = {"line1": "12 Elm Street", "city": "Austin", "region": "TX", "postal_code": "78701"}


def post(api: httpx.Client, record: dict[str, Any]) -> dict[str, Any]:
    response = api.post("/v1/records", json=record)
    assert response.status_code in (200, 201), response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_the_email_half_and_the_phone_half_merge_with_no_conflict(api: httpx.Client) -> None:
    first, second, web = (post(api, r) for r in pos_and_ecom())
    assert web["action"] == "merged" and web["conflict_id"] is None
    assert web["customer_id"] == first["customer_id"]
    customer = api.get(f"/v1/customers/{second['customer_id']}").json()
    assert customer["id"] == first["customer_id"] and len(customer["records"]) == 3
    assert api.get("/v1/conflicts", params={"status": "open"}).json()["items"] == []


def test_a_family_mailbox_is_a_conflict_not_a_merge(api: httpx.Client, graph: Driver) -> None:
    mailbox = "the.smiths@example.com"
    john = post(api, body("shopify", "j", first_name="John", last_name="Smith", emails=[mailbox]))
    mary = post(api, body("qbo", "m", first_name="Mary", last_name="Smith", emails=[mailbox]))
    assert mary["action"] == "ambiguous" and mary["customer_id"] != john["customer_id"]
    assert sorted(mary["candidates"]) == sorted([john["customer_id"], mary["customer_id"]])
    (conflict,) = api.get("/v1/conflicts", params={"status": "open"}).json()["items"]
    assert conflict["id"] == mary["conflict_id"] and conflict["record"] == "qbo:m"
    assert "contradict" in conflict["reason"] and mailbox not in str(conflict)
    assert [i["kind"] for i in conflict["identifiers"]] == ["email"]
    # Nothing ties them: the explanation names the contradiction, Browser draws no chain.
    why = api.get("/v1/explain", params={"a": "shopify:j", "b": "qbo:m"}).json()
    assert why["same_customer"] is False
    assert count(graph, "MATCH (:Record)-[c:CONTRADICTS]-(:Record) RETURN count(c) / 2") == 1
    # A person decides: keep apart holds when John's record changes later.
    decided = api.post(
        f"/v1/conflicts/{conflict['id']}/decision",
        json={"decision": "keep_apart", "actor": "ops", "reason": "husband and wife"},
    )
    assert decided.status_code == 200, decided.text
    again = post(
        api,
        body(
            "qbo",
            "m",
            first_name="Mary",
            last_name="Smith",
            emails=[mailbox],
            phones=["5125550190"],
        ),
    )
    assert again["conflict_id"] is None and again["customer_id"] == mary["customer_id"]


def test_father_and_son_at_one_address_stay_two_customers_without_review(
    api: httpx.Client,
) -> None:
    father = post(
        api,
        body(
            "woocommerce",
            "sr",
            first_name="John",
            last_name="Smith",
            birth_date="3/1/1950",
            addresses=[{**HOUSE, "name": "John Smith"}],
        ),
    )
    son = post(
        api,
        body(
            "loyalty",
            "jr",
            first_name="John",
            last_name="Smith",
            birth_date="1981-07-19",
            addresses=[{**HOUSE, "name": "John Smith"}],
        ),
    )
    assert son["action"] == "created" and son["customer_id"] != father["customer_id"]
    assert son["conflict_id"] is None
    assert api.get("/v1/conflicts", params={"status": "open"}).json()["items"] == []
    # A day/month swap of the father's date is a misreading, not another person.
    misread = post(
        api,
        body(
            "shopify",
            "sr2",
            first_name="John",
            last_name="Smith",
            birth_date="1950-01-03",
            addresses=[{**HOUSE, "name": "John Smith"}],
        ),
    )
    assert misread["action"] == "linked" and misread["customer_id"] == father["customer_id"]


def test_a_role_mailbox_links_no_one_and_says_why(api: httpx.Client) -> None:
    agency = "info@agency.example.com"
    andrew = post(api, body("qbo", "1", first_name="Andrew", last_name="Ng", emails=[agency]))
    anna = post(api, body("qbo", "2", first_name="Anna", last_name="Ode", emails=[agency]))
    assert anna["action"] == "created" and anna["customer_id"] != andrew["customer_id"]
    generic = api.get("/v1/identifiers/generic").json()["items"]
    assert [(g["kind"], g["reason"]) for g in generic] == [("email", "role_mailbox")]


def test_one_person_typed_three_ways_on_one_email_is_one_customer(api: httpx.Client) -> None:
    email = "zara.t@example.com"
    names = [("Zara", "Thompson"), ("Sarah", "Tompson"), ("Sahra", "Thompson")]
    answers = [
        post(api, body("shopify", str(i), first_name=f, last_name=last, emails=[email]))
        for i, (f, last) in enumerate(names)
    ]
    assert {a["customer_id"] for a in answers} == {answers[0]["customer_id"]}
    assert [a["action"] for a in answers] == ["created", "linked", "linked"]


def test_an_email_of_many_different_people_turns_generic(api: httpx.Client) -> None:
    shared = "front.desk@hotel.example.com"
    people = [("Andrew", "Ng"), ("Jim", "Beam"), ("Jorg", "Keller"), ("Olga", "Petrova")]
    answers = [
        post(api, body("lightspeed_retail", str(i), first_name=f, last_name=last, emails=[shared]))
        for i, (f, last) in enumerate(people)
    ]
    assert len({a["customer_id"] for a in answers}) == 4
    generic = api.get("/v1/identifiers/generic").json()["items"]
    assert [(g["kind"], g["reason"]) for g in generic] == [("email", "too_many_people")]
    # The family-mailbox conflicts the 2nd and 3rd opened are settled by it turning generic.
    assert [a["action"] for a in answers] == ["created", "ambiguous", "ambiguous", "created"]
    assert api.get("/v1/conflicts", params={"status": "open"}).json()["items"] == []
