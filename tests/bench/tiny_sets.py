"""Tiny labelled sets in the source formats of ../shared/datasets, with known answers.

FEBRL dataset3: person 1 has three rows (two identical, one with a street typo; all share a
soc_sec_id), person 2 two rows at one address with different soc_sec_ids, person 3 one row.
Fodor's/Zagat's: f1 = z10 (same phone written differently, same address); f2 = z11 (phone and
name differ: a miss); f3 is a second Blue Cafe, and z14 is its own listing with f3's name and
address and f1's phone (a bridge: a phone ties only agreeing names, and these agree).
fake_1000: cluster 0 has three emails, one only differing in case and one with a typo;
cluster 1 has a row without email and one with.
"""

from __future__ import annotations

from pathlib import Path

FEBRL_HEADER = (
    "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, "
    "state, date_of_birth, soc_sec_id"
)
FEBRL3 = [
    "rec-1-org, anna, smith, 1, wattle street, , cooma, 2630, nsw, 19700101, 111",
    "rec-1-dup-0, anna, smith, 1, wattle street, , cooma, 2630, nsw, 19700101, 111",
    "rec-1-dup-1, anna, smith, 1, wattel street, , cooma, 2630, nsw, 19700101, 111",
    "rec-2-org, bob, jones, 5, banksia road, unit 2, dubbo, 2830, nsw, 19800202, 222",
    "rec-2-dup-0, bob, jones, 5, banksia road, unit 2, dubbo, 2830, nsw, 19800202, 223",
    "rec-3-org, cleo, brown, 9, acacia lane, , bega, 2550, nsw, 19900303, 333",
]
FEBRL4A = [
    "rec-1-org, anna, smith, 1, wattle street, , cooma, 2630, nsw, 19700101, 111",
    "rec-2-org, bob, jones, 5, banksia road, , dubbo, 2830, nsw, 19800202, 222",
]
FEBRL4B = [
    "rec-1-dup-0, anna, smith, 1, wattle street, , cooma, 2630, nsw, 19700101, 111",
    "rec-2-dup-0, rob, jones, 5, banksia road, , dubbo, 2830, nsw, 19800202, 222",
]
GUIDE_HEADER = "id,name,addr,city,phone,type"
FODORS = [
    "1,blue cafe,1 main st.,los angeles,310/246-1501,american",
    "2,red grill,2 elm st.,los angeles,213/555-0100,american",
    "3,blue cafe,3 oak st.,los angeles,213/555-0177,deli",
]
ZAGATS = [
    "10,blue cafe,1 main st.,los angeles,310-246-1501,american",
    "11,the red grill,2 elm st.,los angeles,213-555-0199,american",
    "14,blue cafe,3 oak st.,los angeles,310-246-1501,deli",
]
MATCHES = ["fodors_id,zagats_id", "1,10", "2,11"]
FAKE = [
    "unique_id,first_name,surname,dob,city,email,cluster",
    "0,Ann,Lee,1971-06-24,,ann@example.com,0",
    "1,Ann,Lee,1971-06-24,,Ann@Example.com,0",
    "2,Anne,Lee,1971-06-24,,ann@example.con,0",
    "3,Ben,Ode,1980-01-01,London,,1",
    "4,Ben,Ode,1980-01-01,,ben@example.org,1",
]


def write_tiny_sets(root: Path) -> Path:
    """Write the tiny sets under ``root`` in the layout of ../shared/datasets."""
    files = {
        "febrl/dataset3.csv": [FEBRL_HEADER, *FEBRL3],
        "febrl/dataset4a.csv": [FEBRL_HEADER, *FEBRL4A],
        "febrl/dataset4b.csv": [FEBRL_HEADER, *FEBRL4B],
        "fodors_zagats/fodors.csv": [GUIDE_HEADER, *FODORS],
        "fodors_zagats/zagats.csv": [GUIDE_HEADER, *ZAGATS],
        "fodors_zagats/matches_fodors_zagats.csv": MATCHES,
        "splink_fake_1000/fake_1000.csv": FAKE,
    }
    for name, lines in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
