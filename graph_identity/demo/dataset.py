"""The demo data set: generated people (no real person's data) and their provider records.

Everything comes from one seeded :class:`random.Random`, so the same seed gives the same
records, keys and values on every run. Emails use the reserved ``example.*`` domains and
phones the fictional ``555-01xx`` range.

The records come in stages because the order of arrival is what makes the story:

1. ``people``: each generated person's records, the most complete one first, so the others
   link to it; plus the first halves of the scenarios below.
2. ``bridges``: records that reach two existing customers, or share an email with someone
   else (strict policy):

   - a web order carrying the email of a shopper's email-only POS record and the phone of
     their phone-only POS record: nothing contradicts, so it merges the two by itself;
   - a loyalty sign-up without a name, with one household member's email and the
     household's shared phone: it reaches both members, whose names disagree, so it is held
     and its conflict left open for an analyst. The phone alone never ties the two members;
   - a family mailbox: a second member of another household, with another first name,
     signs up with the first member's email. Their names disagree, so the email ties no
     one and a conflict is opened, for the loader's human decision (keep apart).
3. ``walk_ins``: the store phone a cashier types for walk-in customers. Differently named
   shoppers never link through it, and carried by that many people it turns generic and is
   reported.

Then the loader decides the family mailbox's conflict and erases :data:`ERASED_KEY`, whose
customer splits in two.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from graph_identity.models import OrderIn, PostalAddress, RecordIn, record_key
from graph_identity.resolution.names import name_key, names_agree

DEFAULT_SEED = 20240601
DEFAULT_PEOPLE = 110
BASE_TIME = datetime(2024, 1, 1, tzinfo=UTC)

STORE_PHONE = "(512) 555-0100"
RELAY_EMAIL = "business-orders@marketplace.amazon.com"

# Keys of the scenario records, stable across runs (the Browser queries document them).
POS_EMAIL_KEY = record_key("lightspeed_retail", "demo-pos-email-1")
POS_PHONE_KEY = record_key("lightspeed_retail", "demo-pos-phone-1")
POS_BRIDGE_KEY = record_key("lightspeed_ecom", "demo-web-1")
HOUSEHOLD_FIRST_KEY = record_key("shopify", "demo-household-1")
HOUSEHOLD_SECOND_KEY = record_key("woocommerce", "demo-household-2")
HOUSEHOLD_BRIDGE_KEY = record_key("loyalty", "demo-household-3")
ERASED_KEY = record_key("qbo", "demo-erase-hub")
ERASE_EMAIL_SIDE_KEY = record_key("shopify", "demo-erase-email")
ERASE_PHONE_SIDE_KEY = record_key("lightspeed_retail", "demo-erase-phone")
MAILBOX_FIRST_KEY = record_key("shopify", "demo-mailbox-1")
MAILBOX_SECOND_KEY = record_key("woocommerce", "demo-mailbox-2")
DECISION_ACTOR = "analyst@demo"
DECISION_REASON = "two members of one household share the mailbox: different people"

FIRST_NAMES = (
    "Ada", "Basil", "Celia", "Darius", "Elif", "Farah", "Gideon", "Hana", "Ivo", "Juno",
    "Kasimir", "Lena", "Milo", "Noor", "Otto", "Priya", "Quentin", "Rosa", "Soren", "Talia",
    "Umar", "Vera", "Wren", "Xenia", "Yusuf", "Zora", "Anouk", "Bram", "Cleo", "Dov",
)  # fmt: skip
LAST_NAMES = (
    "Abernathy", "Brightwater", "Castellane", "Dunmore", "Everhart", "Fairweather",
    "Greystone", "Hollowell", "Ironside", "Juniper", "Kettleby", "Larkspur", "Merriweather",
    "Northcott", "Oakhurst", "Pemberly", "Quillfeather", "Ravensworth", "Silverton",
    "Thistlewood", "Underhill", "Valecourt", "Whitlock", "Yarrow", "Zephyrine",
)  # fmt: skip
STREETS = (
    "Maple Avenue", "Cedar Lane", "Harbor Street", "Willow Way", "Granite Road",
    "Orchard Drive", "Lantern Court", "Meadow Boulevard", "Quarry Street", "Juniper Place",
)  # fmt: skip
CITIES = (
    ("Austin", "TX", "787"), ("Denver", "CO", "802"), ("Portland", "OR", "972"),
    ("Madison", "WI", "537"), ("Raleigh", "NC", "276"),
)  # fmt: skip
AREA_CODES = ("512", "737", "303", "720", "503", "971", "608", "919", "984", "210")
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
HUB_PROVIDERS = ("shopify", "lightspeed_ecom", "woocommerce")
OTHER_PROVIDERS = (
    "qbo", "amazon", "shipstation", "lightspeed_retail", "loyalty", "shopify", "woocommerce",
)  # fmt: skip
CHANNELS = {
    "shopify": "online",
    "woocommerce": "web",
    "qbo": "invoice",
    "amazon": "amazon",
    "lightspeed_retail": "retail",
    "lightspeed_ecom": "ecom",
}


@dataclass(frozen=True)
class Person:
    """A generated person: the raw values their records are made of."""

    number: int
    first_name: str
    last_name: str
    email: str
    phone: str
    address: PostalAddress


@dataclass(frozen=True)
class DemoDataset:
    """The records of each stage, in arrival order."""

    people: list[RecordIn]
    bridges: list[RecordIn]
    walk_ins: list[RecordIn]

    @property
    def records(self) -> list[RecordIn]:
        return [*self.people, *self.bridges, *self.walk_ins]


class _Builder:
    """Turns people into provider records; owns the random stream and the phone numbers."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.phone_slots = iter(
            (area, line) for area in AREA_CODES for line in range(100) if (area, line) != ("512", 0)
        )

    def person(self, number: int) -> Person:
        first = self.rng.choice(FIRST_NAMES)
        last = self.rng.choice(LAST_NAMES)
        area, line = next(self.phone_slots)
        city, region, zip_prefix = self.rng.choice(CITIES)
        unit = self.rng.random() < 0.3
        return Person(
            number=number,
            first_name=first,
            last_name=last,
            email=f"{first}.{last}{number}@{EMAIL_DOMAINS[number % 3]}".lower(),
            phone=f"+1{area}55501{line:02d}",
            address=PostalAddress(
                name=f"{first} {last}",
                line1=f"{self.rng.randint(10, 9999)} {self.rng.choice(STREETS)}",
                line2=f"Apt {self.rng.randint(1, 30)}{self.rng.choice('ABCD')}" if unit else None,
                city=city,
                region=region,
                postal_code=f"{zip_prefix}{self.rng.randint(10, 99)}",
                country="US",
            ),
        )

    def when(self) -> datetime:
        return BASE_TIME + timedelta(minutes=self.rng.randint(0, 700 * 24 * 60))

    def orders(self, provider: str, external_id: str) -> list[OrderIn]:
        channel = CHANNELS.get(provider)
        if channel is None:
            return []
        return [
            OrderIn(
                id=f"{external_id}-o{n}",
                number=f"#{self.rng.randint(1000, 99999)}",
                total=Decimal(self.rng.randint(500, 40000)) / 100,
                currency="USD",
                created_at=self.when(),
                channel=channel,
            )
            for n in range(1, self.rng.randint(1, 3) + 1)
        ]

    def spelled_email(self, person: Person) -> str:
        """The email as a provider may hold it: case and surrounding spaces vary."""
        return self.rng.choice([person.email, person.email.title(), f" {person.email} "])

    def spelled_phone(self, person: Person) -> str:
        area, exchange, line = person.phone[2:5], person.phone[5:8], person.phone[8:]
        return self.rng.choice(
            [person.phone, f"({area}) {exchange}-{line}", f"{area}.{exchange}.{line}"]
        )

    def record(
        self,
        provider: str,
        external_id: str,
        person: Person,
        *,
        email: bool = False,
        phone: bool = False,
        address: bool = False,
        extra_emails: tuple[str, ...] = (),
    ) -> RecordIn:
        created = self.when()
        return RecordIn(
            provider=provider,
            external_id=external_id,
            first_name=person.first_name,
            last_name=person.last_name,
            customer_code=f"C-{person.number:04d}" if provider == "qbo" else None,
            emails=([self.spelled_email(person)] if email else []) + list(extra_emails),
            phones=[self.spelled_phone(person)] if phone else [],
            addresses=[person.address] if address else [],
            marketing_consent=self.rng.random() < 0.5,
            created_at=created,
            updated_at=created + timedelta(days=self.rng.randint(0, 90)),
            orders=self.orders(provider, external_id),
        )

    def records_of(self, person: Person) -> list[RecordIn]:
        """The hub (email, phone, address) first, then records sharing part of it."""
        tag = f"demo-{person.number:04d}"
        hub = self.rng.choice(HUB_PROVIDERS)
        records = [self.record(hub, tag, person, email=True, phone=True, address=True)]
        extra = self.rng.choices((0, 1, 2, 3), weights=(3, 4, 3, 1))[0]
        for n, provider in enumerate(self.rng.sample(OTHER_PROVIDERS, extra), start=1):
            external_id = f"{tag}-{n}"
            if provider == hub:
                external_id = f"{tag}-guest-{n}"
            records.append(self.other(provider, external_id, person))
        return records

    def walk_in(self, n: int, person: Person) -> RecordIn:
        """A POS sale where the cashier typed the store's phone next to the shopper's email."""
        record = self.record("lightspeed_retail", f"demo-walkin-{n:03d}", person, email=True)
        return record.model_copy(update={"phones": [STORE_PHONE]})

    def other(self, provider: str, external_id: str, person: Person) -> RecordIn:
        if provider == "amazon":
            relay = (RELAY_EMAIL,) if self.rng.random() < 0.3 else ()
            return self.record(provider, external_id, person, address=True, extra_emails=relay)
        if provider == "lightspeed_retail":
            by_email = self.rng.random() < 0.5
            return self.record(provider, external_id, person, email=by_email, phone=not by_email)
        if provider in ("shipstation", "woocommerce"):
            return self.record(provider, external_id, person, email=True, address=True)
        return self.record(provider, external_id, person, email=True, phone=True)


def _external_id(key: str) -> str:
    return key.split(":", 1)[1]


def _mailbox_sharer(builder: _Builder, number: int, holder: Person) -> Person:
    """Another member of ``holder``'s household: their last name and email, a first name
    that disagrees with theirs, and a phone of their own."""
    own = builder.person(number)
    holder_name = name_key(holder.first_name, holder.last_name)
    first = next(
        name
        for name in (own.first_name, *FIRST_NAMES)
        if not names_agree(name_key(name, holder.last_name), holder_name)
    )
    return replace(own, first_name=first, last_name=holder.last_name, email=holder.email)


def _scenario_people(builder: _Builder, first_number: int) -> dict[str, Person]:
    names = ("pos", "household_a", "household_b", "erase")
    return {name: builder.person(first_number + i) for i, name in enumerate(names)}


def build_dataset(
    seed: int = DEFAULT_SEED, people: int = DEFAULT_PEOPLE, walk_ins: int = 30
) -> DemoDataset:
    """The demo records. ``walk_ins`` should exceed the per-phone limit to show it."""
    builder = _Builder(seed)
    regular = [builder.person(n) for n in range(1, people + 1)]
    special = _scenario_people(builder, people + 1)
    pos, house_a, house_b, erase = special.values()
    shared_phone = house_a.phone

    def rec(
        key: str,
        person: Person,
        *,
        email: bool = False,
        phone: bool = False,
        address: bool = False,
    ) -> RecordIn:
        provider = key.split(":", 1)[0]
        return builder.record(
            provider, _external_id(key), person, email=email, phone=phone, address=address
        )

    stage_people = [record for person in regular for record in builder.records_of(person)]
    stage_people += [
        rec(POS_EMAIL_KEY, pos, email=True),
        rec(POS_PHONE_KEY, pos, phone=True),
        rec(HOUSEHOLD_FIRST_KEY, house_a, email=True, phone=True, address=True),
        rec(HOUSEHOLD_SECOND_KEY, house_b, email=True, address=True),
        rec(ERASED_KEY, erase, email=True, phone=True),
        rec(ERASE_EMAIL_SIDE_KEY, erase, email=True),
        rec(ERASE_PHONE_SIDE_KEY, erase, phone=True),
    ]
    household_bridge = rec(HOUSEHOLD_BRIDGE_KEY, house_b, email=True)
    bridges = [
        rec(POS_BRIDGE_KEY, pos, email=True, phone=True),
        household_bridge.model_copy(
            update={"phones": [shared_phone], "first_name": None, "last_name": None}
        ),
    ]
    first_walk_in = people + len(special) + 1
    walk_in_records = [
        builder.walk_in(n, builder.person(number))
        for n, number in enumerate(range(first_walk_in, first_walk_in + walk_ins), start=1)
    ]
    # Drawn last, so that no record above depends on this scenario's random draws.
    mailbox_holder = builder.person(first_walk_in + walk_ins)
    mailbox_sharer = _mailbox_sharer(builder, first_walk_in + walk_ins + 1, mailbox_holder)
    stage_people.append(
        rec(MAILBOX_FIRST_KEY, mailbox_holder, email=True, phone=True, address=True)
    )
    bridges.append(rec(MAILBOX_SECOND_KEY, mailbox_sharer, email=True, phone=True))
    return DemoDataset(people=stage_people, bridges=bridges, walk_ins=walk_in_records)
