"""Campaign planning (gatum_rest_py.campaigns): message length, numbers, templates, the plan itself.

Pure computation: no server. The CLI over the same code is in test_campaign_cli.py.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("phonenumbers", reason="the [campaigns] extra (phonenumbers)")

import gatum_rest_py
from gatum_rest_py.campaigns import (
    CampaignInputError,
    NumberNormaliser,
    Template,
    check_sender,
    plan_campaign,
    replace_lookalikes,
    rows_from_csv,
    segments,
)

# -- message length --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "units", "parts"),
    [
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # the extension table counts double
        ("€" * 81, "GSM-7", 162, 2),
        ("a" * 152 + "{" + "a" * 152, "GSM-7", 306, 3),  # 306 ≤ 2 x 153, but '{' is never cut: 152 | 2+151 | 1
        ("ї" * 70, "UCS-2", 70, 1),
        ("ї" * 71, "UCS-2", 71, 2),
        ("ї" * 134, "UCS-2", 134, 2),
        ("ї" * 135, "UCS-2", 135, 3),
        ("😀" * 35, "UCS-2", 70, 1),  # an emoji is two UTF-16 units
        ("😀" * 36, "UCS-2", 72, 2),
        ("", "GSM-7", 0, 0),
    ],
)
def test_segments_count_units_and_parts(text: str, encoding: str, units: int, parts: int) -> None:
    shape = segments(text)
    assert (shape.encoding, shape.units, shape.parts) == (encoding, units, parts)


def test_segments_name_the_first_character_that_forces_ucs2() -> None:
    shape = segments("Your code: 4242 — thanks ✓")
    assert (shape.encoding, shape.first_ucs2, shape.first_ucs2_index) == ("UCS-2", "—", 16)
    assert segments("Plain {text} with € and ^").first_ucs2 is None
    assert segments("x" * 200).per_part == 153 and segments("x").per_part == 160


def test_replace_lookalikes_turns_typography_into_gsm7() -> None:
    text = "“Sale” – it’s 50\u00a0% off…"
    assert segments(text).encoding == "UCS-2"
    plain = replace_lookalikes(text)
    assert plain == '"Sale" - it\'s 50 % off...'
    assert segments(plain).encoding == "GSM-7"
    assert replace_lookalikes("Привіт") == "Привіт"  # letters of other alphabets stay


def test_segments_is_public_and_import_gatum_rest_py_stays_light() -> None:
    assert gatum_rest_py.segments is segments
    code = (
        "import sys, gatum_rest_py\n"
        "assert 'phonenumbers' not in sys.modules and 'gatum_rest_py.campaigns' not in sys.modules\n"
        "print(gatum_rest_py.segments('ї').encoding)\n"
        "assert 'phonenumbers' not in sys.modules and 'gatum_rest_py.campaigns._plan' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "UCS-2"), result.stderr


# -- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["+380 95 722-57-59", "0957225759", "00380957225759", "380957225759", "(095) 7225759"]
)
def test_numbers_are_normalised_to_the_platform_form(written: str) -> None:
    number = NumberNormaliser("UA").normalise(written)
    assert not isinstance(number, str), number
    assert (number.digits, number.region) == ("380957225759", "UA")


def test_numbers_without_a_region_need_a_country_code() -> None:
    normaliser = NumberNormaliser()
    assert normaliser.normalise("0957225759") == "no country code (give --default-region)"
    ok = normaliser.normalise("+48 512 345 678")
    assert not isinstance(ok, str) and (ok.digits, ok.region) == ("48512345678", "PL")
    assert isinstance(normaliser.normalise("12"), str)
    assert isinstance(normaliser.normalise("+380 12"), str)


def test_an_unknown_default_region_is_refused() -> None:
    with pytest.raises(CampaignInputError, match="--default-region 'XX'"):
        NumberNormaliser("XX")


# -- templates and options -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("Hi {0}", "placeholder {0} is not a column name"),
        ("Hi {}", "placeholder {} is not a column name"),
        ("Hi {name.upper}", "placeholder {name.upper} is not a column name"),
        ("Hi {name!r}", "placeholder {name!r} is not a column name"),
        ("Hi {name", "expected '}'"),
        ("   ", "--template is empty"),
    ],
)
def test_bad_templates_are_refused(template: str, message: str) -> None:
    with pytest.raises(CampaignInputError, match="--template") as caught:
        Template(template)
    assert message in str(caught.value)


def test_templates_render_columns_and_literal_braces() -> None:
    template = Template("{{Hi}} {name}, {name}: {code}")
    assert template.fields == ("name", "code")
    assert template.render({"name": "Ann", "code": "1", "other": "x"}) == "{Hi} Ann, Ann: 1"


@pytest.mark.parametrize("sender", ["TooLongSender", "12", "Tab\there", ""])
def test_sender_ids_breaking_the_rules_are_refused(sender: str) -> None:
    with pytest.raises(CampaignInputError, match="--from"):
        check_sender(sender)
    assert check_sender("Verify") == "Verify" and check_sender("380957225759") == "380957225759"


def test_campaign_input_errors_pickle_and_stay_one_short_line() -> None:
    error = CampaignInputError("x " * 200 + "\nsecond line", argument="--rate", rule="N/s")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert str(copy) == str(error) and copy.argument == "--rate" and copy.rule == "N/s"
    assert "\n" not in str(error) and len(str(error)) <= 160
    assert isinstance(copy, gatum_rest_py.InvalidRequestError)


# -- the plan --------------------------------------------------------------------------------------


def _csv(tmp_path: Path, text: str, name: str = "c.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_plan_drops_invalid_and_duplicate_numbers_with_their_lines(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "number;name;code\n+380 95 722-57-59;Ann;4242\n0957225759;Ann again;1\n12;Bad;2\n\n"
        "0661093766;Олег;3\n00380501234567;Bob;5\n",
    )
    plan = plan_campaign(rows_from_csv(path), "Hi {name}, code {code}", default_region="UA")
    assert [(m.line, m.number, m.text) for m in plan.messages] == [
        (2, "380957225759", "Hi Ann, code 4242"),
        (6, "380661093766", "Hi Олег, code 3"),
        (7, "380501234567", "Hi Bob, code 5"),
    ]
    summary = plan.summary()
    assert {k: summary[k] for k in ("recipients", "duplicates", "invalid", "blacklisted", "parts")} == {
        "recipients": 3,
        "duplicates": 1,
        "invalid": 1,
        "blacklisted": 0,
        "parts": 3,
    }
    assert summary["encoding"] == {"GSM-7": 2, "UCS-2": 1}
    assert summary["invalid_list"] == [{"line": 4, "number": "12", "reason": "not a phone number"}]
    assert summary["first_ucs2"] == {"line": 6, "character": "О"}


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_plan_reads_every_numbers_add_dialect_with_a_bom(tmp_path: Path, delimiter: str) -> None:
    text = delimiter.join(["Number", "first name"]) + "\r\n" + delimiter.join(["+48512345678", "Ewa"]) + "\r\n"
    path = _csv(tmp_path, "\ufeff" + text)
    plan = plan_campaign(rows_from_csv(path), "Cześć {first name}")
    assert [(m.number, m.text, m.encoding) for m in plan.messages] == [("48512345678", "Cześć Ewa", "UCS-2")]


def test_plan_from_python_mappings_and_the_blacklist_look_up() -> None:
    asked: list[list[str]] = []

    def blacklisted(numbers: Any) -> list[Any]:
        asked.append(list(numbers))
        return [380661093766, "380501234567"]  # the platform's answer holds integers or strings

    rows = [{"number": f"+38066109{i:04d}", "name": "x"} for i in range(3760, 3770)]
    rows += [{"number": "+380 50 123 45 67", "name": "y"}]
    plan = plan_campaign(rows, "Hello {name}", blacklist=blacklisted)
    assert plan.blacklisted == 2 and len(plan.messages) == 9
    assert "380661093766" not in {m.number for m in plan.messages}
    assert sorted(n for chunk in asked for n in chunk) == sorted(
        [f"38066109{i:04d}" for i in range(3760, 3770)] + ["380501234567"]
    )


def test_a_mappings_number_key_is_matched_without_regard_to_case_as_a_header_is() -> None:
    plan = plan_campaign([{"Number": "+380 95 722-57-59", "name": "Ann"}], "Hi {name}")
    assert [(m.number, m.text) for m in plan.messages] == [("380957225759", "Hi Ann")]
    plan = plan_campaign([{"phone": "380957225759"}], "Hi", number_column="Phone")
    assert [m.number for m in plan.messages] == ["380957225759"]
    with pytest.raises(CampaignInputError, match="no 'number' key"):
        plan_campaign([{"numero": "380957225759"}], "Hi")


def test_plan_prices_each_country_at_its_highest_price() -> None:
    prices = {
        "UA": {
            "status": True,
            "data": [{"ISO": "UA", "price": 0.02, "currency": "EUR"}, {"ISO": "UA", "price": "0.025"}],
        },
        "PL": {"status": True, "data": []},
    }
    rows = [{"number": "+380957225759"}, {"number": "+380661093766"}, {"number": "+48512345678"}]
    plan = plan_campaign(rows, "x" * 200, prices=lambda iso: prices[iso])
    assert plan.cost is not None
    cost = plan.cost.to_dict()
    assert cost["total"] == pytest.approx(2 * 2 * 0.025)  # two UA numbers, two parts each
    assert (cost["currency"], cost["unpriced"]) == ("EUR", ["PL"])
    assert cost["by_country"]["UA"] == {"recipients": 2, "parts": 4, "price_per_part": 0.025, "cost": 0.1}


@pytest.mark.parametrize(
    ("content", "kwargs", "message"),
    [
        ("", {}, "c.csv: the file is empty"),
        ("number,name\n", {}, "no recipients below the header"),
        ("phone,name\n+380957225759,A\n", {}, "no 'number' column in the header (columns: phone, name)"),
        ("number,name\n+380957225759,A,extra\n", {}, "c.csv line 2: 3 cells, but the header has 2 columns"),
        ("number,name\n+380957225759,\n", {"template": "{name}"}, "c.csv line 2: the template gives an empty text"),
        ("number,name\n+380957225759,A\n", {"template": "{surname}"}, "has no column 'surname'"),
        ("number,name\n+380957225759,A\n", {"template": "€" * 90, "max_parts": 1}, "c.csv line 2: the text takes 2"),
    ],
)
def test_bad_input_names_the_line_column_or_option(
    tmp_path: Path, content: str, kwargs: dict[str, Any], message: str
) -> None:
    path = _csv(tmp_path, content)
    template = kwargs.pop("template", "Hi")
    with pytest.raises(CampaignInputError) as caught:
        plan_campaign(rows_from_csv(path), template, **kwargs)
    assert message in str(caught.value)


def test_a_file_that_is_not_csv_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CampaignInputError, match="not UTF-8 text"):
        rows_from_csv(_csv(tmp_path, "number\n+380957225759\n", encoding="utf-16"))
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"number\n\x00\x01\x02")
    with pytest.raises(CampaignInputError, match="not a CSV text file"):
        rows_from_csv(binary)


def _by_the_library(text: str) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    return (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
        if phonenumbers.is_valid_number(number)
        else None
    )


def test_the_international_shortcut_agrees_with_the_librarys_parse() -> None:
    import random

    import phonenumbers

    normaliser = NumberNormaliser()
    samples = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                samples.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
    rng = random.Random(22)
    # neighbours of the examples (other last digits): mostly valid numbers of every numbering plan
    samples += [f"{text[:-3]}{rng.randrange(1000):03d}" for text in samples for _ in range(4)]
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    samples += [f"+{rng.choice(codes)}{rng.randrange(10**6, 10**11)}" for _ in range(3000)]
    samples += [f"+78{rng.randrange(10**9, 10**10)}" for _ in range(200)]  # Russia's national prefix 8
    valid = sum(_by_the_library(text) is not None for text in samples)
    assert valid > 1500, valid
    for text in samples:
        result = normaliser.normalise(text)
        assert (None if isinstance(result, str) else result.digits) == _by_the_library(text), text


def test_the_examples_of_docs_campaigns_md_hold() -> None:
    import doctest

    from conftest import ROOT

    page = (ROOT / "docs" / "campaigns.md").read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(page, {}, "docs/campaigns.md", "docs/campaigns.md", 0)
    assert len(test.examples) >= 3
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
