"""What each canonical concept means, with labels releases print for it: the table `fusion concepts` shows.

The patterns that map a label to a concept live in `concepts.VOCABULARY`; this is their reader's side.
"""
from __future__ import annotations

# concept: (what it is, labels releases print for it)
GLOSSARY: dict[str, tuple[str, str]] = {
    "revenue": ("Total revenue or net sales of the period", "Revenues; Net sales; Total net revenue; Turnover"),
    "cost_of_revenue": ("Cost of the goods and services sold", "Cost of revenues; Cost of sales; Cost of goods sold"),
    "gross_profit": ("Revenue less cost of revenue", "Gross profit; Gross margin; Gross loss"),
    "sga": ("Selling, general and administrative expenses", "Selling, general and administrative; SG&A"),
    "general_administrative": ("General and administrative expenses", "General and administrative; G&A; Administrative expenses"),
    "research_development": ("Research and development expenses", "Research and development; R&D; Product development"),
    "marketing": ("Sales, marketing and advertising expenses", "Sales and marketing; Advertising; Selling expenses"),
    "depreciation_amortization": ("Depreciation and amortization", "Depreciation and amortization; Depreciation"),
    "impairment": ("Impairment charges", "Impairment of goodwill; Loss on impairment; Asset impairment charges"),
    "operating_expenses": ("Total operating expenses", "Total operating expenses; Total costs and expenses"),
    "operating_income": ("Operating income or loss", "Operating income; Income from operations; Operating profit; EBIT"),
    "interest_income": ("Interest income", "Interest income; Total interest and dividend income"),
    "interest_expense": ("Interest expense", "Interest expense; Finance costs; Interest expense, net"),
    "other_income_total": ("Total other (non-operating) income or expense", "Total other income (expense), net"),
    "income_before_tax": ("Income before income taxes", "Income before income taxes; Profit before tax; Pretax income"),
    "income_tax": ("Provision for or benefit from income taxes", "Provision for income taxes; Income tax expense"),
    "income_continuing_ops": ("Income from continuing operations", "Income from continuing operations, net of tax"),
    "income_discontinued_ops": ("Income from discontinued operations", "Loss from discontinued operations, net of tax"),
    "net_income": ("Net income or loss", "Net income; Net loss; Net earnings; Profit for the period"),
    "preferred_dividends": ("Preferred dividends and accretion", "Preferred stock dividends; Accretion of preferred stock"),
    "net_income_to_common": ("Net income attributable to common shareholders",
                             "Net income attributable to common stockholders; Net loss applicable to common shares"),
    "eps_basic": ("Earnings per share, basic", "Basic; Net income per share - basic"),
    "eps_diluted": ("Earnings per share, diluted", "Diluted; Net income per diluted share"),
    "eps_continuing_ops": ("Earnings per share from continuing operations", "Continuing operations (per share)"),
    "eps_continuing_ops_basic": ("Basic earnings per share from continuing operations", "Continuing operations - basic"),
    "shares_basic": ("Weighted-average shares outstanding, basic", "Weighted average shares - basic"),
    "shares_diluted": ("Weighted-average shares outstanding, diluted", "Weighted average shares - diluted"),
    "cash": ("Cash and cash equivalents", "Cash and cash equivalents; Cash and due from banks; Cash and cash equivalents at end of period"),
    "accounts_receivable": ("Trade receivables", "Accounts receivable, net; Trade receivables"),
    "inventory": ("Inventories", "Inventories; Merchandise inventory"),
    "total_current_assets": ("Total current assets", "Total current assets"),
    "ppe_net": ("Property, plant and equipment, net", "Property and equipment, net; Premises and equipment"),
    "goodwill": ("Goodwill", "Goodwill"),
    "intangibles": ("Intangible assets", "Intangible assets, net; Acquired intangible assets"),
    "total_assets": ("Total assets", "Total assets"),
    "accounts_payable": ("Trade payables", "Accounts payable; Trade payables"),
    "total_current_liabilities": ("Total current liabilities", "Total current liabilities"),
    "long_term_debt": ("Long-term debt, net of its current portion", "Long-term debt, net of current portion; Interest-bearing non-current borrowings"),
    "total_long_term_liabilities": ("Total long-term liabilities", "Total long-term liabilities; Total non-current liabilities"),
    "total_liabilities": ("Total liabilities", "Total liabilities"),
    "total_equity": ("Total stockholders' equity or deficit", "Total stockholders' equity; Total equity; Total stockholders' deficit"),
    "total_liabilities_and_equity": ("Total liabilities and equity", "Total liabilities and stockholders' equity"),
    "operating_cash_flow": ("Net cash from operating activities", "Net cash provided by operating activities"),
    "capex": ("Capital expenditures", "Purchases of property and equipment; Capital expenditures"),
    "ebitda": ("Earnings before interest, taxes, depreciation and amortization (non-GAAP)", "EBITDA"),
    "adjusted_ebitda": ("EBITDA adjusted for the items a company names (non-GAAP)", "Adjusted EBITDA; Comparable EBITDA"),
    "adjusted_operating_income": ("Operating income adjusted (non-GAAP)", "Adjusted operating income; Non-GAAP operating income"),
    "adjusted_net_income": ("Net income adjusted (non-GAAP)", "Adjusted net income; Non-GAAP net income; Adjusted earnings"),
    "adjusted_eps": ("Earnings per share adjusted (non-GAAP)", "Adjusted diluted EPS; Non-GAAP earnings per share"),
    "stock_compensation": ("Stock-based compensation", "Stock-based compensation expense; Non-cash compensation"),
    "net_interest_income": ("A bank's interest income less interest expense", "Net interest income"),
    "net_interest_income_after_provision": ("A bank's net interest income less its provision for credit losses",
                                            "Net interest income after provision for credit losses"),
    "pre_provision_income": ("A bank's revenue less expenses, before the provision for credit losses",
                             "Pre-provision net revenue; Pretax income before provision for credit losses"),
    "provision_credit_losses": ("A bank's provision for credit (loan) losses", "Provision for credit losses; Credit loss expense"),
    "noninterest_income": ("A bank's total noninterest income", "Total noninterest income"),
    "noninterest_expense": ("A bank's total noninterest expense", "Total noninterest expense"),
    "premiums_earned": ("An insurer's net premiums earned", "Net premiums earned; Earned premiums"),
    "losses_lae": ("An insurer's losses and loss adjustment expenses", "Losses and loss adjustment expenses; Losses and LAE"),
    "net_investment_income": ("An insurer's (or investor's) net investment income", "Net investment income"),
    "ffo": ("A REIT's funds from operations (non-GAAP)", "Funds from operations; FFO; Core FFO"),
    "affo": ("A REIT's adjusted funds from operations (non-GAAP)", "Adjusted funds from operations; AFFO"),
    "noi": ("A REIT's net operating income (non-GAAP)", "Net operating income; NOI"),
}


def rows(search: str = "") -> list[tuple[str, str, str]]:
    """(concept, what it is, example labels), sorted by concept; only those that mention `search` when given."""
    from .concepts import describe

    words = search.lower().split()
    out = []
    for concept in sorted({c for c, _patterns in describe()}):
        what, examples = GLOSSARY.get(concept, ("", ""))
        text = f"{concept} {what} {examples}".lower().replace("_", " ")
        if all(word in text for word in words):
            out.append((concept, what, examples))
    return out
