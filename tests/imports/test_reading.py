"""Reading import files without a database: streaming readers, column maps, options."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from graph_identity.imports import ImportInputError, prepare_import, readers
from graph_identity.imports.mapping import ColumnMap
from graph_identity.imports.readers import RowFile
from graph_identity.imports.rejects import RejectsFile, rejects_path_for
from tests.datasets import dataset_file

SHOP = Path(__file__).resolve().parents[1] / "fixtures" / "shop"


def rows(path: Path, fmt: str) -> list[readers.Row]:
    with RowFile(path, fmt) as handle:
        return list(handle.rows())


def test_csv_rows_are_numbered_after_the_header_and_surplus_values_are_row_errors(
    tmp_path: Path,
) -> None:
    path = tmp_path / "in.csv"
    path.write_text("\ufeff external_id , email\n1,a@example.com\n\n2,b@example.com,extra\n3,\n")
    read = rows(path, "csv")
    assert [r.number for r in read] == [1, 2, 3]
    assert read[0].data == {"external_id": "1", "email": "a@example.com"}
    assert read[1].data is None and read[1].error == "row: more values than header columns"
    assert read[2].data == {"external_id": "3", "email": ""}


def test_jsonl_bad_line_is_a_row_error_without_its_content(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1}\n\n{"id": "secret@example.com"\n[]\n')
    read = rows(path, "jsonl")
    assert [r.number for r in read] == [1, 2, 3]
    assert read[0].data == {"id": 1}
    assert read[1].error is not None and "not valid JSON" in read[1].error
    assert "secret" not in read[1].error
    assert read[2].data == []


@pytest.mark.parametrize("read_size", [1, 2, 5, 64, 1 << 16])
def test_json_array_is_decoded_value_by_value_whatever_the_read_size(
    read_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "READ_SIZE", read_size)
    text = ' [ 12345 , {"a": [1, 2]}, "x" , 1.5e3, true, null, -0.25 ] \n'
    values = [r.data for r in readers._json_array_rows(io.StringIO(text))]
    assert values == [12345, {"a": [1, 2]}, "x", 1500.0, True, None, -0.25]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"customers": []} [2]', "file"),
        ("[1,]", "row 2"),
        ("[1 2]", "row 1"),
        ("[1] [2]", "file"),
        ('[{"email": "x@example.com", }]', "row 1"),
        ("[", "row 1"),
    ],
)
def test_malformed_json_names_the_place_not_the_content(text: str, where: str) -> None:
    with pytest.raises(ImportInputError) as caught:
        list(readers._json_array_rows(io.StringIO(text)))
    assert caught.value.field == where
    assert "example.com" not in str(caught.value)


def test_json_file_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"id": i, "pad": "x" * 100} for i in range(20_000)]))
    with RowFile(path, "json") as handle:
        first = next(handle.rows())
        assert first.data["id"] == 0
        assert handle.bytes_read < path.stat().st_size / 4


def test_febrl_preset_maps_every_column_it_can_and_names_the_ignored_ones() -> None:
    mapping = ColumnMap.parse("febrl")
    with RowFile(dataset_file("febrl", "dataset4a.csv"), "csv") as handle:
        ignored = mapping.check(handle.columns, None)
        first = next(handle.rows())
    assert ignored == ["soc_sec_id"]
    mapped = mapping.apply(first.data)
    assert mapped["external_id"] == "rec-1070-org"
    assert mapped["address_line1"] == "8 stanley street"
    assert mapped["address_name"] == "michaela neumann"
    assert mapped["city"] == "winston hills" and mapped["postal_code"] == "4223"
    assert mapped["birth_date"] == "19151111"


@pytest.mark.parametrize("spec", ["", "a", "a=", "=b", "a+=b", "a=b,c=b"])
def test_malformed_column_maps_are_refused(spec: str) -> None:
    with pytest.raises(ImportInputError) as caught:
        ColumnMap.parse(spec)
    assert caught.value.field == "map"


def test_column_map_checks_the_header_and_the_targets() -> None:
    mapping = ColumnMap.parse("mail=email,id=external_id")
    with pytest.raises(ImportInputError, match="not in the file header: mail"):
        mapping.check(["id", "phone"], None)
    with pytest.raises(ImportInputError, match="not record columns: emial"):
        ColumnMap.parse("mail=emial").check(["mail"], ["email"])
    assert mapping.check(["id", "mail", "note"], ["email", "external_id"]) == ["note"]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"provider": "shopfy"}, "provider"),
        ({"provider": "shopify", "fmt": "xml"}, "format"),
        ({"provider": "shopify", "path": "nowhere.csv"}, "path"),
        ({"provider": "shopify", "path": "data.txt"}, "format"),
        ({"provider": "shopify", "kind": "order"}, "kind"),
        ({"provider": "shopify", "fmt": "json", "kind": "refund"}, "kind"),
        ({"provider": "shopify", "batch_size": 0}, "batch_size"),
        ({"provider": "shopify", "fmt": "json", "column_map": "a=email"}, "map"),
    ],
)
def test_bad_options_are_refused_before_any_database_work(
    tmp_path: Path, options: dict[str, object], field: str
) -> None:
    (tmp_path / "data.csv").write_text("external_id\n1\n")
    (tmp_path / "data.txt").write_text("external_id\n1\n")
    path = tmp_path / str(options.pop("path", "data.csv"))
    with pytest.raises(ImportInputError) as caught:
        prepare_import(path, **options)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_format_comes_from_the_file_name() -> None:
    job = prepare_import(SHOP / "xseries_customers.json", provider="lightspeed_retail")
    assert job.fmt == "json"


def test_rejects_file_keeps_earlier_rows_up_to_the_resume_point(tmp_path: Path) -> None:
    path = rejects_path_for(tmp_path / "in.csv")
    assert path.name == "in.csv.rejects.csv"
    first = RejectsFile(path)
    for row in (2, 5, 9):
        first.add(row, f"shopify:{row}", "email: not an email")
    first.close()
    resumed = RejectsFile(path, keep_through=5)
    resumed.add(7, None, "row: more values than header columns")
    resumed.close()
    lines = path.read_text().splitlines()
    assert lines == [
        "row,record,outcome,reason",
        "2,shopify:2,rejected,email: not an email",
        "5,shopify:5,rejected,email: not an email",
        "7,,rejected,row: more values than header columns",
    ]


def test_rejects_go_next_to_the_input_else_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "people.csv"
    data.write_text("external_id\n1\n")
    assert (
        prepare_import(data, provider="manual").rejects_path == tmp_path / "people.csv.rejects.csv"
    )
    monkeypatch.chdir(tmp_path)
    read_only = prepare_import(
        dataset_file("febrl", "dataset4a.csv"), provider="manual", column_map="febrl"
    )
    assert read_only.rejects_path == tmp_path / "dataset4a.csv.rejects.csv"
    chosen = prepare_import(data, provider="manual", rejects_path=tmp_path / "r.csv")
    assert chosen.rejects_path == tmp_path / "r.csv"
    with pytest.raises(ImportInputError) as caught:
        prepare_import(data, provider="manual", rejects_path=tmp_path / "no" / "r.csv")
    assert caught.value.field == "rejects"
