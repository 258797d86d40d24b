"""The leidraad format: shipped sets, clear problems for broken files, the user's own folder."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bobtui.core.config.paths import shipped_leidraad_dir
from bobtui.core.domain.vocabulary import PHASE_ORDER
from bobtui.core.questions.sets import (
    check_file,
    default_catalog,
    load_catalog,
    load_question_set,
)
from tests.conftest import configured_paths, docs_example_text

SHIPPED_SETS = ("huiselijk-geweld-kindveiligheid", "pga-veelplegers", "ccv-quickscan")


def test_shipped_sets_are_complete() -> None:
    catalog = default_catalog()
    assert set(SHIPPED_SETS) <= set(catalog.entries)
    assert len(catalog.generic_prompts) >= 4
    for set_id in SHIPPED_SETS:
        question_set = catalog.get(set_id)
        assert tuple(g.phase for g in question_set.phases) == PHASE_ORDER
        for guide in question_set.phases:
            assert len(list(guide.questions())) >= 3, (set_id, guide.phase)
        core = [q for q in question_set.all_questions() if q.core]
        assert core, set_id
        assert all(q.doorvragen for q in core), f"{set_id}: key questions need doorvragen"


def test_richest_set_asks_client_child_and_safety_score() -> None:
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    audiences = {q.audience.value for q in question_set.all_questions()}
    assert {"client", "kindperspectief"} <= audiences
    texts = " ".join(
        q.text + " " + " ".join(q.doorvragen) for q in question_set.all_questions()
    ).lower()
    assert "0" in texts and "10" in texts, "the 0–10 safety score question is missing"


def write(tmp_path: Path, text: str | bytes, name: str = "set.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def one_problem(path: Path) -> str:
    problems = check_file(path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(str(path)), problems
    return problems[0]


EXAMPLE = docs_example_text()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t.replace('title = "Aanleiding"', 'title = "Aanleiding'),
            r":\d+: \(bestand\): geen geldige TOML",
        ),
        (lambda t: "", r"\(bestand\): het bestand is leeg"),
        (
            lambda t: t.replace("core = true", "kern = true", 1),
            r":22: phases\[0\]\.themes\[0\]\.questions\[0\]\.kern: onbekend veld",
        ),
        (lambda t: t.replace('version = "1.0"\n', ""), r": version: ontbreekt"),
        (
            lambda t: t.replace("timebox_minutes = 20", "timebox_minutes = 0", 1),
            r":40: phases\[1\]\.timebox_minutes: moet groter zijn dan 0",
        ),
        (
            lambda t: t.replace("timebox_minutes = 30", "timebox_minutes = -5"),
            r":9: phases\[0\]\.timebox_minutes: moet groter zijn dan 0",
        ),
        (
            lambda t: t.replace('note_kinds = ["feit", "zorg"]', 'note_kinds = ["feit", "mening"]'),
            r":21: phases\[0\]\.themes\[0\]\.questions\[0\]\.note_kinds\[1\]: "
            r"onbekende waarde 'mening'",
        ),
        (
            lambda t: t.replace('audience = "client"', 'audience = "buurman"'),
            r":27: phases\[0\]\.themes\[0\]\.questions\[1\]\.audience: onbekende waarde 'buurman'",
        ),
        (
            lambda t: t.replace('text = "Wat zien we samen als het kernprobleem?"', 'text = "  "'),
            r":48: phases\[1\]\.themes\[0\]\.questions\[0\]\.text: mag niet leeg zijn",
        ),
        (
            lambda t: t.replace('id = "vb-risico"', 'id = "vb-aanleiding"'),
            r":52: phases\[1\]\.themes\[0\]\.questions\[1\]\.id: "
            r"vraag-id 'vb-aanleiding' komt al eerder voor",
        ),
        (
            lambda t: t.replace('phase = "oordeelsvorming"', 'phase = "besluitvorming"'),
            r":7: phases: fase komt meer dan eens voor: besluitvorming",
        ),
        (
            lambda t: (
                t.replace('phase = "oordeelsvorming"', 'phase = "X"')
                .replace('phase = "besluitvorming"', 'phase = "oordeelsvorming"')
                .replace('phase = "X"', 'phase = "besluitvorming"')
            ),
            r":7: phases: fasen staan niet in de volgorde",
        ),
        (
            lambda t: t[: t.index('[[phases]]\nphase = "besluitvorming"')],
            r":7: phases: fase ontbreekt: besluitvorming",
        ),
        (
            lambda t: t.replace('audience = "partner"\n', ""),
            r"partner_role mag alleen bij audience = 'partner'",
        ),
    ],
)
def test_broken_file_names_file_line_and_field(tmp_path: Path, change, expected: str) -> None:
    problem = one_problem(write(tmp_path, change(EXAMPLE)))
    assert re.search(expected, problem), problem


def test_phases_missing_entirely(tmp_path: Path) -> None:
    text = EXAMPLE[: EXAMPLE.index("[[phases]]")] + "phases = []\n"
    assert "fase ontbreekt: beeldvorming, oordeelsvorming, besluitvorming" in one_problem(
        write(tmp_path, text)
    )


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    raw = EXAMPLE.replace("Aanleiding", "Aanl\x00eiding", 1).encode().replace(b"\x00", b"\xff")
    assert re.search(
        r"set\.toml:14: \(bestand\): geen geldige UTF-8-tekst", one_problem(write(tmp_path, raw))
    )


def test_several_problems_give_one_line_each(tmp_path: Path) -> None:
    text = EXAMPLE.replace("core = true", "kore = true").replace(
        "timebox_minutes = 20", "timebox_minutes = 0"
    )
    problems = check_file(write(tmp_path, text))
    assert len(problems) == 6
    assert all(p.count(":") >= 2 for p in problems)


def test_unreadable_path_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    assert "niet te lezen" in one_problem(tmp_path / "bestaat-niet.toml")


def test_user_sets_add_and_replace_and_broken_ones_are_skipped(tmp_path: Path) -> None:
    user = configured_paths().user_leidraad_dir
    user.mkdir(parents=True)
    write(user, EXAMPLE, "eigen.toml")
    shipped_ccv = shipped_leidraad_dir() / "ccv-quickscan.toml"
    write(
        user,
        shipped_ccv.read_text(encoding="utf-8").replace(
            'version = "1.0"', 'version = "1.0-eigen"', 1
        ),
        "ccv.toml",
    )
    write(user, "id = [", "kapot.toml")

    catalog = default_catalog()
    assert catalog.entries["voorbeeld-kort"].origin == "eigen"
    ccv = catalog.entries["ccv-quickscan"]
    assert (ccv.origin, ccv.question_set.version, ccv.replaces) == (
        "eigen",
        "1.0-eigen",
        shipped_ccv,
    )
    assert len(catalog.warnings) == 1 and "kapot.toml" in catalog.warnings[0]
    assert "huiselijk-geweld-kindveiligheid" in catalog.entries


def many_questions(count: int) -> str:
    """The docs' example with ``count`` questions in its first theme."""
    extra = "".join(
        f'\n[[phases.themes.questions]]\nid = "extra-{n}"\ntext = "Vraag {n}?"\n'
        for n in range(count)
    )
    head, tail = EXAMPLE.split("[[phases.themes.questions]]", 1)
    return head + extra.lstrip("\n") + "[[phases.themes.questions]]" + tail


def test_files_beyond_any_real_leidraad_are_refused_and_the_rest_still_loads(
    tmp_path: Path,
) -> None:
    user = configured_paths().user_leidraad_dir
    user.mkdir(parents=True)
    huge = write(user, EXAMPLE + "\n# " + "x" * 2_000_000 + "\n", "groot.toml")
    deep = write(user, "id = " + "[" * 5000 + "]" * 5000 + "\n", "diep.toml")
    nested = write(user, "id = " + "[" * 20 + "1" + "]" * 20 + "\n", "genest.toml")
    crowded = write(user, many_questions(400), "vol.toml")
    catalog = default_catalog()
    assert "huiselijk-geweld-kindveiligheid" in catalog.entries  # the shipped sets all load
    assert "voorbeeld-kort" not in catalog.entries
    warnings = "\n".join(catalog.warnings)
    assert f"{huge}: (bestand): het bestand is 2" in warnings and "geen leidraad" in warnings
    assert f"{deep}: (bestand): dieper genest dan 8 niveaus" in warnings
    assert f"{nested}: (bestand): dieper genest dan 8 niveaus" in warnings
    assert f"{crowded}: phases: 4" in warnings and "hoogstens 300" in warnings
    assert len(catalog.warnings) == 4


def test_a_leidraad_of_ordinary_size_still_loads(tmp_path: Path) -> None:
    assert len(list(load_question_set(write(tmp_path, many_questions(200))).all_questions())) > 200


def test_unknown_set_id_is_one_sentence(tmp_path: Path) -> None:
    catalog = load_catalog(shipped_leidraad_dir(), None)
    with pytest.raises(Exception, match="Leidraad 'bestaat-niet' bestaat niet"):
        catalog.get("bestaat-niet")


# --- property-based: the loader never crashes and reads back what was written ----------------

safe_text = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "Zs"], exclude_characters='"\\'),
    min_size=1,
    max_size=40,
).filter(str.strip)
ident = st.from_regex(r"[a-z][a-z0-9\-]{0,15}", fullmatch=True)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_give_problems_never_an_exception(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data, "fuzz.toml")
    for problem in check_file(path):
        assert problem.startswith(str(path))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(EXAMPLE) - 1), st.integers(1, 40), st.text(max_size=10))
def test_any_edit_of_a_valid_file_gives_problems_never_an_exception(
    tmp_path: Path, start: int, length: int, insert: str
) -> None:
    path = write(tmp_path, EXAMPLE[:start] + insert + EXAMPLE[start + length :], "edited.toml")
    for problem in check_file(path):
        assert problem.startswith(str(path))


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@st.composite
def question_sets(draw: st.DrawFn) -> dict:
    counter = iter(range(1000))
    phases = []
    for phase in PHASE_ORDER:
        themes = []
        for _ in range(draw(st.integers(1, 2))):
            questions = [
                {
                    "id": f"q{next(counter)}",
                    "text": draw(safe_text),
                    "doorvragen": draw(st.lists(safe_text, max_size=2)),
                    "core": draw(st.booleans()),
                    "note_kinds": draw(
                        st.lists(
                            st.sampled_from(["feit", "aanname", "zorg", "kracht", "informatiegat"]),
                            unique=True,
                            max_size=3,
                        )
                    ),
                }
                for _ in range(draw(st.integers(1, 3)))
            ]
            themes.append({"id": draw(ident), "title": draw(safe_text), "questions": questions})
        phases.append(
            {"phase": phase.value, "timebox_minutes": draw(st.integers(1, 120)), "themes": themes}
        )
    return {
        "id": draw(ident),
        "title": draw(safe_text),
        "version": "1",
        "description": draw(safe_text),
        "meeting_type": "casusoverleg",
        "phases": phases,
    }


def to_toml(data: dict) -> str:
    lines = [f"{k} = {toml_string(v)}" for k, v in data.items() if k != "phases"]
    for phase in data["phases"]:
        lines += [
            "[[phases]]",
            f"phase = {toml_string(phase['phase'])}",
            f"timebox_minutes = {phase['timebox_minutes']}",
        ]
        for theme in phase["themes"]:
            lines += [
                "[[phases.themes]]",
                f"id = {toml_string(theme['id'])}",
                f"title = {toml_string(theme['title'])}",
            ]
            for q in theme["questions"]:
                lines += [
                    "[[phases.themes.questions]]",
                    f"id = {toml_string(q['id'])}",
                    f"text = {toml_string(q['text'])}",
                    f"doorvragen = {json.dumps(q['doorvragen'], ensure_ascii=False)}",
                    f"note_kinds = {json.dumps(q['note_kinds'])}",
                    f"core = {str(q['core']).lower()}",
                ]
    return "\n".join(lines) + "\n"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question_sets())
def test_generated_sets_load_as_written(tmp_path: Path, data: dict) -> None:
    loaded = load_question_set(write(tmp_path, to_toml(data), "generated.toml"))
    assert loaded.id == data["id"]
    assert [g.timebox_minutes for g in loaded.phases] == [
        p["timebox_minutes"] for p in data["phases"]
    ]
    expected = [
        q["text"].strip() for p in data["phases"] for t in p["themes"] for q in t["questions"]
    ]
    assert [q.text for q in loaded.all_questions()] == expected
