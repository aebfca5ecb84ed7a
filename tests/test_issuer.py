"""issuer.detect_issuer: the company that publishes a release, named from the release's own words."""
import pytest
from conftest import ROOT, SHARED

from fusion_cli.issuer import detect_issuer, title_case
from fusion_cli.model import Line
from fusion_cli.read import load, parse_bytes

CORPUS = SHARED / "corpus"


def issuer(text: str) -> str:
    """The issuer of a release given as text, read the way the CLI reads a file."""
    return detect_issuer(parse_bytes("release.txt", text.encode()).lines)


# ---- strong evidence ------------------------------------------------------------------------------------------

def test_edgar_header_conformed_name_is_title_cased():
    header = ("ACCESSION NUMBER:\t\t0000000000-25-000001\nCONFORMED SUBMISSION TYPE:\t8-K\n\nFILER:\n\n"
              "\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tACME WIDGETS HOLDINGS INC /DE/\n"
              "\t\tCENTRAL INDEX KEY:\t\t\t0000000001\n")
    assert issuer(header) == "Acme Widgets Holdings Inc."
    # the release's own spelling wins over the header's capitals, and over another company's ticker
    assert issuer(header + "\nBeta Corp. (NYSE: BETA) today announced a supply deal. Acme Widgets Holdings Inc. "
                           "makes widgets.\n") == "Acme Widgets Holdings Inc."


def test_edgar_header_prefers_the_filer():
    header = ("SUBJECT COMPANY:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\tTARGET CO\n"
              "FILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\tNORDIC WIDGETS OYJ\n")
    assert issuer(header) == "Nordic Widgets Oyj"


def test_8k_cover_registrant_beats_the_counterparty_in_the_exhibit():
    text = """UNITED STATES
SECURITIES AND EXCHANGE COMMISSION
FORM 8-K
Date of Report (Date of earliest event reported): May 1, 2025

ACME WIDGETS, INC.
(Exact name of registrant as specified in its charter)

Delaware | 001-00001 | 12-3456789

Exhibit 99.1
Beta Logistics LLC (NYSE: BETA) today announced a new contract with Acme.
"""
    assert issuer(text) == "Acme Widgets, Inc."


def test_8k_cover_inline_xbrl_registrant():
    text = ('<ix:nonNumeric name="dei:EntityRegistrantName" contextRef="c1" id="f1">ROCK OF AGES CORPORATION'
            '</ix:nonNumeric>\n(Exact name of registrant as specified in its charter)\n')
    assert issuer(text) == "Rock of Ages Corporation"


def test_8k_cover_without_a_printed_name_gives_no_registrant():
    text = "FORM 8-K\nCURRENT REPORT\n(Exact name of registrant as specified in its charter)\n"
    assert issuer(text) == ""


def test_signature_block():
    text = ("Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused "
            "this report to be signed.\n\nDATE: May 1, 2025 | GLOBEX HOLDINGS LTD.\nBy: | /s/ Jane Roe\nJane Roe\n")
    assert issuer(text) == "Globex Holdings Ltd."


# ---- the lead: headline, dateline, ticker --------------------------------------------------------------------

def test_headline_names_the_issuer():
    assert issuer("Initech Reports Third Quarter 2025 Results\n\nRevenue rose 5%.\n") == "Initech"
    assert issuer("Initech Announces Fourth Quarter\nFiscal 2024 Results\n") == "Initech"  # broken over two lines
    assert issuer("INITECH SYSTEMS CORPORATION REPORTS RESULTS FOR THE FIRST QUARTER OF 2025\n") == \
        "Initech Systems Corporation"


def test_headline_about_something_else_is_no_results_headline():
    text = ("Initech Transformation Delivers Margin Improvement in Fiscal 2026\n\n"
            "AUSTIN, Texas, Aug. 25, 2026 — Initech (Nasdaq: INTC), a maker of printers, posted sales of $5 million.\n")
    assert issuer(text) == "Initech"


def test_dateline_with_ticker():
    text = ("PORTLAND, Ore., Feb. 11, 2025 (GLOBE NEWSWIRE) -- Umbrella Foods, Inc. (NYSE: UMB) today announced "
            "results for its fourth quarter.\n")
    assert issuer(text) == "Umbrella Foods, Inc."
    text = "TORONTO, Feb. 10, 2025 /CNW/ - Maple Leaf Mines Ltd. (TSX: MLM.UN) reported record output.\n"
    assert issuer(text) == "Maple Leaf Mines Ltd."


def test_dateline_past_aliases_and_an_apposition():
    text = ('BOSTON, MA — October 28, 2025 — Hooli Inc. ("Hooli," "we," or "our") (NYSE: HOO), the destination '
            "for all things search, today reported financial results.\n")
    assert issuer(text) == "Hooli Inc."
    text = ("SAN MATEO, Calif., Feb. 11, 2025 (GLOBE NEWSWIRE) — Vandelay Industries Inc. , the provider of "
            "latex goods, today announced financial results.\n")
    assert issuer(text) == "Vandelay Industries Inc."


def test_counterparty_mentioned_once_loses_to_the_lead():
    text = """Sunbelt Electric Reports Third Quarter 2025 Results

PHOENIX, Oct. 30, 2025 -- Sunbelt Electric (NYSE: SBE) today reported third quarter earnings of $1.10 per share.
During the quarter the utility signed a power purchase agreement with Desert Solar Partners, LLC for 200 MW.
It also refinanced a term loan with First Regional Bank Corporation (NASDAQ: FRB) as lender.
"""
    assert issuer(text) == "Sunbelt Electric"


def test_short_name_widens_to_the_legal_name_that_starts_with_it():
    text = """Initech Reports Fourth Quarter 2024 Results

AUSTIN, Texas -- Initech (Nasdaq: INIT) today reported fourth quarter results.

INITECH SYSTEMS CORPORATION
CONSOLIDATED STATEMENTS OF OPERATIONS
"""
    assert issuer(text) == "Initech Systems Corporation"
    text = "Kelp Reports Fourth-Quarter 2024 Earnings\n\nAbout Kelp\nKelp Services, Inc. (Nasdaq: KELP) staffs.\n"
    assert issuer(text) == "Kelp Services, Inc."


def test_short_name_widens_through_the_alias_the_release_defines():
    text = ('UFG Reports Fourth Quarter and Full Year 2024 Results\n\nCEDAR RAPIDS, Iowa, Feb. 11, 2025 — '
            'United Fire Group, Inc. (“UFG”) today reported financial results.\n')
    assert issuer(text) == "United Fire Group, Inc."
    text = ('Maple REIT Reports Fourth Quarter and Year-End 2024 Results\n\nTORONTO, Feb. 10, 2025 /CNW/ - '
            'Maple Real Estate Investment Trust ("Maple REIT" or "the REIT") today reported its results.\n')
    assert issuer(text) == "Maple Real Estate Investment Trust"


def test_foreign_legal_forms():
    assert issuer("Nordic Widgets Oyj\n\nNordic Widgets Oyj’s Financial Statements Bulletin 2024: strong year\n") == \
        "Nordic Widgets Oyj"
    assert issuer("Fjord Holding AB (publ): Year-end report 2024\n") == "Fjord Holding AB"
    assert issuer("Rhein Chemie AG (Xetra: RCA) today reported revenue of EUR 1.2 billion.\n") == "Rhein Chemie AG"
    assert issuer("Polder Groep N.V. (Euronext: PLD) today published its half-year results.\n") == "Polder Groep N.V."
    assert issuer("Akastor ASA: Fourth Quarter Results 2024\n") == "Akastor ASA"


def test_places_and_sentences_are_no_names():
    text = ("CALGARY, AB, Feb. 7, 2025 /PRNewswire/ -- Prairie Biotech® Inc. (NASDAQ: PRB) today announced a new "
            "CEO.\nCALGARY, AB\n")
    assert issuer(text) == "Prairie Biotech Inc."
    assert issuer("Head office\nCALGARY, AB\nPlant\nLAS VEGAS, NV\nLAS VEGAS, NV\n") == ""


def test_nothing_convincing_gives_nothing():
    assert issuer("Minutes of the annual picnic.\nEveryone brought a dish.\n") == ""
    assert issuer("The committee thanked Acme Corp. for the tent.\n") == ""  # one passing mention
    assert issuer("Letter to customers\n\nThis year we partnered with Beta Systems Inc. (NASDAQ: BETA).\n") == ""
    assert issuer("4Q24 Earnings Conference Call. The Company will host it on Monday.\n") == ""  # a sentence ends
    assert detect_issuer([]) == ""


def test_only_the_first_lines_are_read():
    lines = [Line(i + 1, "Net sales | 10 | 12") for i in range(400)] + [Line(401, "Acme Inc. (NYSE: ACME) today")]
    assert detect_issuer(lines) == ""
    assert detect_issuer(lines, limit=401) == "Acme Inc."


def test_title_case_keeps_legal_forms_and_printed_spellings():
    assert title_case("1895 BANCORP OF WISCONSIN, INC.") == "1895 Bancorp of Wisconsin, Inc."
    assert title_case("YETI HOLDINGS, INC.", ["YETI reports its results."]) == "YETI Holdings, Inc."
    assert title_case("KONINKLIJKE WIDGETS NV") == "Koninklijke Widgets N.V."


# ---- real releases ------------------------------------------------------------------------------------------

CORPUS_ISSUERS = {
    "brbr-q3-fy2026.md": "BellRing Brands, Inc.",
    "caterpillar-q1-2022.txt": "Caterpillar Inc.",
    "cathay-q3-2025.htm": "Cathay General Bancorp",
    "ct-reit-q4-2024.md": "CT Real Estate Investment Trust",
    "ebay-q3-2025.md": "eBay Inc.",
    "etsy-q3-2025.md": "Etsy, Inc.",
    "figs-q3-2025.md": "FIGS, Inc.",
    "first-quantum-q4-2024.md": "First Quantum Minerals Ltd.",
    "kemira-q4-2024.md": "Kemira Oyj",
    "krt-q2-2026.md": "Karat Packaging Inc.",
    "microsoft-q4-fy2024.md": "Microsoft Corp.",
    "oracle-q4-fy2014.txt": "Oracle Corporation",
    "peapack-q3-2025.md": "Peapack-Gladstone Financial Corporation",
    "strt-q4-fy2026.md": "Strattec Security Corporation",
    "ufg-q4-2024.md": "United Fire Group, Inc.",
    "ulta-q4-fy2022.md": "Ulta Beauty, Inc.",
    "wayfair-q3-2025.md": "Wayfair Inc.",
    "yeti-q3-2025.md": "YETI Holdings, Inc.",
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")
@pytest.mark.parametrize("name, expected", sorted(CORPUS_ISSUERS.items()))
def test_corpus_issuers(name, expected):
    assert detect_issuer(load(CORPUS / name).lines) == expected


@pytest.mark.parametrize("name", ["fusion-q1-2011.txt", "fusion-q3-2009.txt"])
def test_seed_issuers(name):
    assert detect_issuer(load(ROOT / "samples" / name).lines) == "Fusion Telecommunications International, Inc."


def test_a_sentences_full_stop_is_not_part_of_the_name():
    text = "Acme Widgets Corporation.\n\nSANTA CLARA, Calif., May 28, 2025 -- Acme Widgets Corporation (NASDAQ: ACME) today reported revenue.\n"
    assert issuer(text) == "Acme Widgets Corporation"
