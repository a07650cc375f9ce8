"""`summarygen site`: the partnership's case reviews pages, re-read with independent readers
(lxml for the pages and their links, feedparser and lxml for the Atom feed, jsonschema for
reviews.json), and a site that leaves out a bad record and publishes the rest."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import jsonschema
import pytest
from lxml import etree, html

from summarygen._templates import TemplateFolder
from summarygen.errors import RenderError
from summarygen.record import load_record
from summarygen.site import Site, SiteBlocked, build_site, record_files, size_label

from ..conftest import ROOT, SAMPLES
from .conftest import site_files

SCHEMA = ROOT / "summarygen" / "rules" / "reviews.schema.json"
ATOM = "{http://www.w3.org/2005/Atom}"


def pages(site: Site) -> list[Path]:
    return [path for path in site_files(site) if path.name == "index.html"]


def test_every_sample_is_a_review_of_the_site(samples_site: Site) -> None:
    assert [r.record.review.id for r in samples_site.reviews] == [s.stem for s in SAMPLES]
    assert samples_site.skipped == []
    index = html.parse(str(samples_site.folder / "index.html")).getroot()
    groups = [h.text_content() for h in index.iter("h2")]
    assert groups == ["Serious case reviews", "Local child safeguarding practice reviews"]
    titles = [a.text_content() for a in index.xpath("//main//ul[@class='review-list']//a")]
    # serious case reviews first, then the LCSPRs newest first (child-q 2025-09, child-m 2025-05)
    by_stem = {s.stem: load_record(s).review.title for s in SAMPLES}
    assert titles == [by_stem["children-a-c"], by_stem["child-q"], by_stem["child-m"]]


def test_a_review_page_links_every_document_with_its_format_and_size(
    samples_site: Site,
) -> None:
    folder = samples_site.folder / "reviews" / "child-m"
    page = html.parse(str(folder / "index.html")).getroot()
    links = page.xpath("//ul[@class='documents']//a")
    assert len(links) == 24  # eight documents, three formats
    names = [item.text_content() for item in page.xpath("//span[@class='doc-name']")]
    assert names[:3] == ["Executive summary", "Overview report", "Easy read summary"]
    for link in links:
        file = folder / link.get("href")
        label = link.text_content()
        kind = {"pdf": "PDF", "docx": "Word", "html": "Web page"}[file.suffix[1:]]
        assert label == f"{kind}, {size_label(file.stat().st_size)}"
    assert "May 2025" in page.text_content()


def test_every_link_of_every_page_resolves(samples_site: Site) -> None:
    checked = 0
    for page in pages(samples_site):
        tree = html.parse(str(page)).getroot()
        for element in tree.iter("a", "link"):
            href = element.get("href")
            assert href, f"{page}: a link without an address"
            parts = urlsplit(href)
            if parts.scheme or href.startswith("#"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(samples_site.folder)}: {href} is missing"
            assert samples_site.folder.resolve() in target.parents
            checked += 1
    assert checked > 50


def test_the_feed_is_atom_and_reads_back_in_a_feed_reader(samples_site: Site) -> None:
    data = (samples_site.folder / "feed.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert len(parsed.entries) == 4  # three publications and child-q's progress report
    titles = []
    for review in samples_site.reviews:
        record = review.record
        titles.append(record.review.title)
        if record.action_plan_updates:
            latest = record.action_plan_updates[-1].date.display()
            titles.append(f"Progress report, {latest}: {record.review.title}")
    assert [entry.title for entry in parsed.entries] == titles
    # RFC 4287: the feed and every entry have an id, a title and an updated date; the feed
    # has an author (no entry has one of its own).
    feed = etree.fromstring(data)
    assert feed.tag == f"{ATOM}feed"
    for element in [feed, *feed.iter(f"{ATOM}entry")]:
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{required}")) == 1, required
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)
    for entry in feed.iter(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link").get("href")
        assert (samples_site.folder / href).is_file()


def test_reviews_json_is_valid_against_the_shipped_schema(samples_site: Site) -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((samples_site.folder / "reviews.json").read_text())
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    child_m = next(r for r in data["reviews"] if r["id"] == "child-m")
    assert child_m["kind"] == "lcspr" and child_m["year"] == 2025
    assert child_m["children"] == [{"pseudonym": "Child M", "age": "15", "gender": "boy"}]
    assert child_m["harms"] == ["child criminal exploitation"]
    assert len(child_m["documents"]) == 24
    for document in child_m["documents"]:
        assert (samples_site.folder / document["href"]).stat().st_size == document["bytes"]
    assert (samples_site.folder / "reviews.schema.json").read_text() == SCHEMA.read_text()


@pytest.mark.parametrize(
    "broken",
    [
        lambda entry: entry.update(kind="serious"),
        lambda entry: entry.pop("title"),
        lambda entry: entry["children"][0].update(age=15),
        lambda entry: entry.update(published="2025-13"),
    ],
)
def test_the_schema_refuses_an_entry_that_is_not_as_catalogued(
    samples_site: Site, broken: object
) -> None:
    schema = json.loads(SCHEMA.read_text())
    data = json.loads((samples_site.folder / "reviews.json").read_text())
    broken(data["reviews"][0])  # type: ignore[operator]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def _records_with(tmp_path: Path, extra: dict[str, str], samples: list[Path] = SAMPLES) -> Path:
    records = tmp_path / "records"
    records.mkdir(parents=True)
    for sample in samples:
        shutil.copy(sample, records / sample.name)
    for name, text in extra.items():
        (records / name).write_text(text, encoding="utf-8")
    return records


def test_a_record_that_fails_is_listed_and_the_rest_is_published(tmp_path: Path) -> None:
    child_m = (ROOT / "samples" / "child-m.yaml").read_text(encoding="utf-8")
    with_address = child_m.replace("id: child-m", "id: child-x").replace(
        "He loved football", "He lived at 14 Orchard Way and loved football"
    )
    records = _records_with(
        tmp_path,
        {"broken.yaml": "review: [not, a, record\n", "child-x.yaml": with_address},
        [ROOT / "samples" / "child-m.yaml"],
    )
    result = subprocess.run(
        [sys.executable, "-m", "summarygen", "site", str(records), "-o", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Left out: broken.yaml not a valid record" in result.stderr
    assert "Left out: child-x.yaml" in result.stderr and "identifier" in result.stderr
    assert "Published 1 of 3 reviews" in result.stdout
    built = sorted(p.name for p in (tmp_path / "site" / "reviews").iterdir())
    assert built == ["child-m"]
    everything = " ".join(
        p.read_text(errors="ignore") for p in (tmp_path / "site").rglob("*.*") if p.suffix != ".pdf"
    )
    assert "Orchard Way" not in everything and "child-x" not in everything


def test_an_identifier_in_a_page_of_the_site_publishes_nothing(
    samples_site: Site, tmp_path: Path
) -> None:
    records = _records_with(tmp_path, {})
    earlier = build_site(records, tmp_path / "site")
    before = {p: p.read_bytes() for p in site_files(earlier)}
    for same in ("feed.xml", "reviews.json"):  # the same records give the same feed and list
        assert before[earlier.folder / same] == (samples_site.folder / same).read_bytes()
    templates = tmp_path / "templates"
    templates.mkdir()
    shipped = (ROOT / "templates" / "site-review.html.j2").read_text()
    (templates / "site-review.html.j2").write_text(
        shipped.replace("<h2>Summary</h2>", "<h2>Summary</h2><p>Ring Mother on 07700 900123.</p>")
    )
    with pytest.raises(SiteBlocked):
        build_site(records, tmp_path / "site", templates=TemplateFolder(templates))
    assert {p: p.read_bytes() for p in site_files(earlier)} == before
    assert not list(tmp_path.glob(".summarygen-staging-*/*/*"))


def test_a_record_that_still_holds_the_starters_placeholders_is_left_out(
    tmp_path: Path,
) -> None:
    starter = (ROOT / "templates" / "starter.yaml").read_text(encoding="utf-8")
    records = _records_with(tmp_path, {"child-q.yaml": starter}, [])
    with pytest.raises(RenderError):  # nothing else to publish
        build_site(records, tmp_path / "site")
    more = _records_with(tmp_path / "more", {"child-q.yaml": starter})
    site = build_site(more, tmp_path / "s")
    assert [skipped.path.name for skipped in site.skipped] == ["child-q.yaml"]
    assert "placeholders" in site.skipped[0].reason


def test_a_word_record_form_is_a_record_of_the_site_and_other_word_files_are_not(
    tmp_path: Path,
) -> None:
    import docx

    from summarygen.record.word import export_record

    records = tmp_path / "records"
    records.mkdir()
    export_record(ROOT / "samples" / "child-m.yaml", records / "child-m.docx")
    docx.Document().save(str(records / "minutes.docx"))  # a Word file that is not a record
    (records / "~$child-m.docx").write_bytes(b"Word's lock file")
    assert [path.name for path in record_files(records)] == ["child-m.docx"]


def test_a_link_in_the_records_folder_is_left_out_unread(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "secret.yaml"
    outside.parent.mkdir()
    outside.write_text("review: [not, for, the, site]\n")
    records = _records_with(tmp_path, {}, [ROOT / "samples" / "child-m.yaml"])
    (records / "linked.yaml").symlink_to(outside)
    site = build_site(records, tmp_path / "site")
    (skipped,) = site.skipped
    assert skipped.path.name == "linked.yaml" and "is a link" in skipped.reason
    assert [review.record.review.id for review in site.reviews] == ["child-m"]


@pytest.mark.parametrize("out", ["records", ".", "work"])
def test_the_site_never_replaces_the_records_or_a_folder_it_did_not_make(
    tmp_path: Path, out: str
) -> None:
    """-o names a folder that is replaced whole: the records folder, a folder holding it, or
    a folder of someone's other files is refused before anything is written."""
    records = _records_with(tmp_path, {"notes.txt": "keep me"}, [ROOT / "samples" / "child-m.yaml"])
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "letter.docx").write_bytes(b"keep me too")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    target = tmp_path / out
    result = subprocess.run(
        [sys.executable, "-m", "summarygen", "site", str(records), "-o", str(target)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "give a new" in result.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    digest = subprocess.run(
        [sys.executable, "-m", "summarygen", "digest", str(records), "-o", str(target)],
        capture_output=True,
        text=True,
    )
    assert digest.returncode == 2, digest.stdout + digest.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/", "example.org"])
def test_the_base_url_is_a_web_address(tmp_path: Path, url: str) -> None:
    with pytest.raises(RenderError, match="base-url"):
        build_site(ROOT / "samples", tmp_path / "site", base_url=url)
    assert not (tmp_path / "site").exists()


def test_a_folder_without_records_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "s"
    result = subprocess.run(
        [sys.executable, "-m", "summarygen", "site", str(tmp_path / "empty"), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "no records" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


@pytest.mark.parametrize(
    ("size", "label"),
    [(1, "1 KB"), (1023, "1 KB"), (14 * 1024, "14 KB"), (1024**2, "1.0 MB"), (1258291, "1.2 MB")],
)
def test_sizes_read_as_a_web_page_gives_them(size: int, label: str) -> None:
    assert size_label(size) == label
