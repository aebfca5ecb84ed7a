import pytest

from fusion_cli.amounts import parse_amount
from fusion_cli.concepts import map_concept, normalize_label


@pytest.mark.parametrize("label, section, statement, printed, concept", [
    ("Revenues", "", "income", "10", "revenue"),
    ("Net sales", "", "income", "10", "revenue"),
    ("Cost of goods sold (2)", "", "income", "10", "cost_of_revenue"),
    ("Selling, General and Administrative Expenses", "", "income", "10", "sga"),
    ("Operating loss", "", "income", "(10)", "operating_income"),
    ("Income (loss) from operations", "", "income", "10", "operating_income"),
    ("Provision (benefit) for income taxes", "", "income", "10", "income_tax"),
    ("Net loss", "", "income", "(10)", "net_income"),
    ("Net loss applicable to common stockholders:", "", "income", "(10)", "net_income_to_common"),
    ("Net income attributable to noncontrolling interest", "", "income", "10", None),
    ("Loss per common share", "Basic and diluted loss per common share:", "income", "(0.01)", "eps_basic"),
    ("Diluted", "Net income per share:", "income", "0.14", "eps_diluted"),
    ("Loss from continuing operations", "Basic and diluted loss per common share:", "income", "(0.01)", "eps_continuing_ops"),
    ("Loss from continuing operations", "Net Loss Per Common Share: Basic and Diluted:", "income", "(1,708,089)", "income_continuing_ops"),
    ("Basic and diluted", "Weighted average common shares outstanding:", "income", "132,604,753", "shares_basic"),
    ("Diluted", "Weighted average shares outstanding:", "income", "5,123", "shares_diluted"),
    ("Non Cash Compensation", "", "reconciliation", "145,145", "stock_compensation"),
    ("Stock-based compensation expense", "", "reconciliation", "23,682", "stock_compensation"),
    ("Adjusted EBITDA", "", "reconciliation", "(994,289)", "adjusted_ebitda"),
    ("EBITDA", "", "reconciliation", "(1,017,971)", "ebitda"),
    ("TOTAL LIABILITIES AND STOCKHOLDERS' DEFICIT", "", "balance", "10", "total_liabilities_and_equity"),
    ("Total stockholders' deficit", "", "balance", "(10)", "total_equity"),
    ("Cash", "", "income", "10", None),  # balance-sheet concepts only on balance sheets
    ("Less: capital expenditures", "", "reconciliation", "(5,305)", "capex"),
    ("Gross margin", "", "income", "15.6 %", None),  # percent rows are not amounts
])
def test_map_concept(label, section, statement, printed, concept):
    assert map_concept(label, section, statement, parse_amount(printed)) == concept


def test_normalize_label():
    assert normalize_label("Cost of Revenues (1)") == "cost of revenues"
    assert normalize_label("Research & Development") == "research and development"


def test_every_concept_has_a_meaning_and_its_example_labels_map_to_it():
    from decimal import Decimal

    from fusion_cli.concepts import VOCABULARY, describe, map_concept
    from fusion_cli.glossary import GLOSSARY, rows
    from fusion_cli.model import Amount

    assert {c for c, _p in describe()} == set(GLOSSARY)
    sections = {}
    for concept, statements, _patterns in VOCABULARY:
        sections.setdefault(concept, set()).update(statements)
    for concept, (meaning, examples) in GLOSSARY.items():
        assert meaning and examples, concept
        if concept.startswith(("eps_", "shares_")):
            continue  # told apart by their section and values, not by words alone
        for label in examples.split("; "):
            found = {map_concept(label, "", s, Amount(Decimal(5), "5")) for s in sections[concept]}
            assert concept in found, (concept, label, found)
    assert [r[0] for r in rows("net interest income")] == ["net_interest_income", "net_interest_income_after_provision"]
