"""Label -> canonical concept. The vocabulary lives in one data table; context decides EPS and share counts."""
from __future__ import annotations

import functools
import re

from .model import Amount
from .units import HEADCOUNT

INCOME = ("income", "reconciliation", "segment", "other")
BALANCE = ("balance",)
CASH = ("cashflow", "reconciliation")
ANY = ("income", "balance", "cashflow", "reconciliation", "segment", "other")

# concept, statements it may stand in, patterns matched against the normalized label (whole label)
VOCABULARY: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("revenue", INCOME, (r"(?:total |consolidated )?(?:net )?(?:operating |property )?(?:revenues?|sales)(?: net)?", r"(?:total |consolidated )?sales and revenues", r"sales revenues?", r"(?:total )?net (?:revenues?|sales)", r"revenues? net", r"(?:total )?net sales and revenues?", r"turnover")),
    ("cost_of_revenue", INCOME, (r"(?:total )?costs? of (?:net )?(?:revenues?|sales|goods sold|products sold|services|products)(?: .*)?", r"cost of sales and services", r"merchandise costs?", r"cost of merchandise(?: sold)?")),
    ("gross_profit", INCOME, (r"gross (?:profit|margin)(?: loss)?", r"gross loss")),
    ("sga", INCOME, (r"selling,? general,? and administrative(?: expenses?| costs?)?", r"sg ?and ?a(?: expenses?)?", r"general,? selling and administrative(?: expenses?)?", r"selling, administrative and general(?: expenses?)?", r"selling\b.*\badministrative\b.*", r"marketing,? general,? and administrative(?: expenses?)?")),
    ("general_administrative", INCOME, (r"(?:total )?general(?:,)? and administrative(?: expenses?| costs?)?", r"g ?and ?a(?: expenses?)?", r"administrative expenses?")),
    ("research_development", INCOME, (r"research and development(?: expenses?| costs?)?", r"r ?and ?d(?: expenses?)?", r"product development(?: expenses?)?")),
    ("marketing", INCOME, (r"(?:advertising and )?marketing(?: expenses?| and advertising)?", r"advertising(?: expenses?)?", r"(?:sales|selling) and marketing(?: expenses?| costs?)?", r"selling(?: expenses?| costs?)?")),
    ("depreciation_amortization", ANY, (r"depreciation(?: and amortization)?(?: expenses?)?", r"depreciation,? amortization,? and other", r"depreciation,? (?:depletion )?and amortization(?: expenses?)?", r"amortization and depreciation")),
    ("impairment", INCOME, (r"(?:loss on )?impairment(?: charges?| loss(?:es)?| expenses?)?(?: of .*)?", r"(?:goodwill|asset) impairment(?: charges?)?")),
    ("operating_expenses", INCOME, (r"total (?:operating )?(?:costs and )?expenses", r"operating expenses", r"(?:total )?operating costs and expenses", r"total operating costs(?: and expenses)?", r"total costs and operating expenses", r"operating expenses total")),
    ("operating_income", INCOME, (r"(?:total |consolidated )?operating (?:income|loss|profit|earnings)(?: loss)?", r"ebit", r"(?:income|loss|profit|earnings)(?: loss)? from operations", r"(?:income|loss)(?: loss)? from operations", r"net (?:income|loss)(?: loss)? from operations")),
    ("interest_income", INCOME, (r"(?:total )?interest income(?: net)?", r"total interest and dividend income", r"interest and dividend income", r"interest income and other(?: net)?", r"interest and other income(?: net)?")),
    ("interest_expense", INCOME, (r"(?:net )?finance (?:costs?|expenses?)", r"interest charges", r"(?:total )?interest expense", r"interest expense excluding .*", r"interest expense net", r"interest expense net of interest income", r"net interest expense", r"interest expense income net")),
    ("other_income_total", INCOME, (r"total other (?:income|expenses?)(?: (?:income|expenses?))?(?: net)?", r"other (?:income|expenses?) (?:income|expenses?) net", r"other (?:income|expenses?)(?: (?:income|expenses?))?(?: net)? total", r"total non-?operating (?:income|expenses?)(?: net)?")),
    ("income_before_tax", INCOME, (r"(?:income|earnings|profit) before income and other taxes", r"profit(?: loss)? before (?:income )?tax(?:es|ation)?",r"(?:consolidated |net )?(?:income|loss|earnings|profit)(?: loss)?(?: from continuing operations)? before (?:provision for |benefit from |provision benefit for )?(?:income )?taxes(?: .*)?", r"(?:income|loss|earnings)(?: loss)? before income tax(?:es)?(?: .*)?", r"pre[- ]?tax (?:income|earnings|loss)")),
    ("income_tax", INCOME, (r"(?:provision for|benefit from|provision benefit for|benefit provision for) income taxes(?: net)?", r"income tax effects?", r"(?:federal |current )?income tax(?:es)?(?: expense| benefit| provision)?(?: benefit| expense| provision)?(?: net)?", r"(?:provision for|benefit from) taxes", r"income tax (?:expense|provision|benefit)")),
    ("income_continuing_ops", INCOME, (r"(?:net )?(?:income|loss|earnings)(?: loss)? from continuing operations", r"(?:income|loss|earnings)(?: loss)? from continuing operations(?: net of (?:income )?tax(?:es)?)?")),
    ("income_discontinued_ops", ("income", "other"), (r"(?:net )?(?:income|loss|earnings|gain)(?: loss)? (?:from|on) discontinued operations(?: .*)?", r"discontinued operations(?: net of .*)?")),
    ("net_income", INCOME + ("cashflow",), (r"net (?:income|loss|earnings|profit)(?: loss)?", r"net (?:income|earnings)(?: loss)? and comprehensive (?:income|earnings)(?: loss)?", r"(?:net )?profit for the (?:period|year)", r"net (?:income|loss|earnings)(?: loss)? for the (?:period|quarter|year)", r"consolidated net (?:income|loss|earnings)(?: loss)?", r"net (?:income|loss|earnings)(?: loss)? including non-?controlling interests?", r"net (?:income|loss|earnings)(?: loss)? before (?:allocation to )?non-?controlling interests?", r"profit(?: loss)?", r"profit(?: loss)? of consolidated and affiliated companies")),
    ("preferred_dividends", INCOME, (r"preferred (?:stock )?dividends(?: .*)?", r"dividends on preferred (?:stock|shares)(?: .*)?", r"accretion of preferred .*", r"preferred (?:stock )?dividend requirements?(?: .*)?")),
    ("net_income_to_common", INCOME, (r"net (?:income|loss|earnings)(?: loss)? (?:applicable|attributable|available) to common (?:stockholders|shareholders|shares)", r"(?:income|loss|earnings)(?: loss)? (?:applicable|attributable|available) (?:to|for) common (?:stockholders|shareholders)", r"net (?:income|loss|earnings)(?: loss)? (?:applicable|attributable|available) to (?!non[- ]?controlling|noncontrolling|minority|participating).+")),
    ("cash", BALANCE, (r"(?:total )?cash and cash equivalents", r"cash and equivalents", r"cash", r"cash and due from banks")),
    ("cash", CASH, (r"(?:total )?cash(?:,| and) cash equivalents(?: and restricted cash)? (?:at )?(?:the )?(?:beginning|end) of (?:the )?(?:period|year)",)),
    ("accounts_receivable", BALANCE, (r"(?:trade )?accounts receivable(?: .*)?", r"receivables? trade(?: and other)?(?: net)?", r"(?:trade )?receivables?(?: net)?(?: of .*)?", r"accounts and notes receivable(?: .*)?")),
    ("inventory", BALANCE, (r"(?:merchandise )?inventor(?:y|ies)(?: net)?",)),
    ("total_current_assets", BALANCE, (r"total current assets",)),
    ("ppe_net", BALANCE, (r"property(?:,)? (?:plant )?and equipment(?: net)?(?: .*)?", r"premises and equipment(?: net)?(?: .*)?", r"property and equipment(?: .*)?", r"fixed assets(?: net)?", r"property(?: net)?")),
    ("goodwill", BALANCE, (r"goodwill(?: net)?",)),
    ("intangibles", BALANCE, (r"(?:other )?intangible assets(?: net)?(?: .*)?", r"intangibles(?: net)?", r"(?:acquired|identified) intangible assets(?: net)?")),
    ("total_assets", BALANCE, (r"total assets",)),
    ("accounts_payable", BALANCE, (r"(?:trade )?accounts payable(?: .*)?", r"trade payables?")),
    ("total_current_liabilities", BALANCE, (r"total current liabilities",)),
    ("long_term_debt", BALANCE, (r"long-?term debt(?: net)?(?: (?:of|less) current (?:portion|maturities))?(?: net)?", r"(?:[a-z0-9'()-]{1,30} ){1,10}non-?current borrowings", r"borrowings under .*(?:credit|revolving) (?:facility|facilities|agreement)", r"long-?term debt,? (?:net|excluding current .*)", r"long-?term borrowings(?: net)?")),
    ("total_long_term_liabilities", BALANCE, (r"total (?:long-?term|non-?current) liabilities",)),
    ("total_liabilities", BALANCE, (r"total liabilities",)),
    ("total_equity", BALANCE + ("reconciliation",), (r"(?:stockholders|shareholders|share ?holders)'? ?equity(?: deficit)?", r"equity",r"total (?:stockholders|shareholders|share ?holders)'? ?(?:equity|deficit|deficiency|investment)(?: deficit)?", r"total equity(?: deficit)?", r"total (?:stockholders|shareholders)'? (?:equity )?\(?deficit\)?")),
    ("total_liabilities_and_equity", BALANCE, (r"total liabilities(?:,)? (?:redeemable .* )?(?:and|&) (?:stockholders|shareholders|share ?holders)'? ?(?:equity|deficit|deficiency|investment)(?: deficit)?", r"total liabilities and equity(?: deficit)?")),
    ("operating_cash_flow", CASH + ("other",), (r"net cash (?:provided by|used in|from|provided by used in|used in provided by|generated (?:by|from)|flows? (?:from|provided by|used in))(?: used in| provided by)? (?:continuing )?operating activities(?: .*)?", r"cash (?:provided by|from|generated by) operations", r"(?:net )?cash from operating activities(?: .*)?", r"operating cash flows?", r"operating activities",
                                  r"(?:net )?cash (?:generated|provided) (?:from|by) operating activities", r"net cash (?:from|provided by|generated from) operations",
                                  r"cash flows? from (?:used (?:by|in) )?operating activities", r"cash flows? (?:provided by|generated by|from) operations")),
    ("capex", CASH + ("other",), (r"(?:purchases?|acquisitions?|additions?) (?:of|to) property(?:,)? (?:plant )?(?:and )?equipment(?: .*)?", r"capital expenditures?(?: .*)?", r"(?:purchases?|acquisitions?) of (?:property|fixed assets|capital assets)(?: .*)?", r"purchases of property and equipment(?: .*)?")),
    ("ebitda", INCOME, (r"ebitda", r"non[- ]?gaap ebitda")),
    # sector wording: banks, insurers, REITs
    ("net_interest_income", INCOME, (r"net interest income", r"net interest income before provision for (?:credit|loan) losses",
                                     r"net interest (?:and dividend )?income(?: fte| tax[- ]equivalent)?")),
    ("provision_credit_losses", INCOME, (r"(?:provision|benefit|provision benefit|benefit provision) (?:for|from) (?:credit|loan|loan and lease) losses(?: .*)?",
                                         r"(?:credit|loan) loss (?:provision|expense)s?", r"provision for (?:credit|loan) losses")),
    ("net_interest_income_after_provision", INCOME, (r"net interest income after (?:the )?(?:provision|benefit|provision benefit|benefit provision|reversal of provision)(?: for| from)? (?:credit|loan|loan and lease) loss(?:es)?",
                                                     r"net interest income after (?:credit|loan) loss (?:provision|expense)")),
    ("pre_provision_income", INCOME, (r"pre-?provision net revenues?", r"(?:pretax |pre-tax )?(?:income|earnings) before (?:the )?provision for (?:credit|loan) losses(?: and (?:income )?taxes)?",
                                      r"pre-?tax,? pre-?provision (?:income|earnings|net revenue)")),
    ("noninterest_income", INCOME, (r"(?:total )?non-?interest income", r"total other operating income")),
    ("noninterest_expense", INCOME, (r"(?:total )?non-?interest expenses?",)),
    ("net_investment_income", INCOME, (r"net investment income",)),
    ("premiums_earned", INCOME, (r"(?:total )?(?:net )?premiums earned", r"(?:net )?earned premiums")),
    ("losses_lae", INCOME, (r"(?:net )?loss(?:es)? and (?:loss )?(?:adjustment|settlement) expenses(?: incurred)?", r"losses and lae")),
    ("affo", INCOME, (r"adjusted funds from operations(?: .*)?", r"affo(?: .*)?")),
    ("ffo", INCOME, (r"(?:normalized |core )?funds from operations(?: .*)?", r"(?:normalized |core )?ffo(?: .*)?")),
    ("noi", INCOME, (r"(?:total )?net operating income", r"noi")),
    ("adjusted_ebitda", INCOME, (r"(?:total )?adjusted ebitda", r"(?:operative|comparable|underlying) ebitda", r"non[- ]?gaap adjusted ebitda", r"adjusted ebitda(?: loss)?")),
    ("stock_compensation", ANY, (r"(?:stock|share|equity)[- ]?based compensation(?: expense)?(?: .*)?", r"non[- ]?cash (?:stock[- ]based |share[- ]based |equity[- ]based )?(?:stock )?compensation(?: expense)?(?: .*)?", r"stock compensation(?: expense)?", r"stock-?based compensation and related .*")),
    ("adjusted_operating_income", INCOME, (r"(?:adjusted|non[- ]?gaap) (?:operating (?:income|profit|earnings)(?: loss)?|(?:income|earnings|profit)(?: loss)? from operations)(?: from continuing operations)?",)),
    ("adjusted_net_income", INCOME, (r"(?:adjusted|non[- ]?gaap) net (?:income|earnings|loss)(?: loss)?(?: .*)?", r"adjusted earnings(?: loss)?")),
    ("adjusted_eps", INCOME, (r"(?:adjusted|non[- ]?gaap) (?:diluted |dilutive )?(?:eps|earnings per .*share|net (?:income|earnings) per .*share)(?: .*)?", r"adjusted diluted (?:eps|earnings per .*)")),
)

_COMPILED = tuple((c, s, tuple(re.compile(p) for p in ps)) for c, s, ps in VOCABULARY)
_PARENS = re.compile(r"\([^()]*\)")
_FOOTNOTE = re.compile(r"\(\s*(?:\d{1,2}|[a-z])\s*\)|\*+|\b\d\)$")
_PREFIXES = re.compile(r"^(?:less|add|plus|deduct|add back|excluding|gaap|reported)\s*:?\s+|^numerator for [^-–—]*[-–—]\s*")
_PER_SHARE = re.compile(r"per (?:common |ordinary |basic |diluted )*share|\beps\b|per unit", re.I)
_SHARES = re.compile(r"weighted[- ]average|shares? outstanding|shares used|number of shares|share count|common shares", re.I)
_NOT_WORD = re.compile(r"[^a-z0-9'\- ]+")
_LOOSE_DASH = re.compile(r"(?<!\s)\s+-\s*|-\s+")


@functools.lru_cache(maxsize=8192)
def normalize_label(label: str) -> str:
    """Lower-case, footnote markers and parentheticals out, `&` as `and`, punctuation folded."""
    text = label.lower().replace("&", " and ").replace("’", "'")
    text = _FOOTNOTE.sub(" ", text)
    for _ in range(3):  # parentheticals inside parentheticals: `(including ($381) and ...)`
        if "(" not in text:
            break
        text = _PARENS.sub(" ", text)
    text = _PREFIXES.sub("", text.strip())
    text = _NOT_WORD.sub(" ", text)
    text = _LOOSE_DASH.sub(" ", text)
    return " ".join(text.split()).strip(" -'")


_NOT_EARNINGS = re.compile(r"dividends?|distributions?|book value|net asset value|\bnav\b|equity|\bffo\b|\baffo\b|funds from operations|"
                           r"cash flows?|revenues?|sales|capital|assets|deposits|price")
_ADJUSTMENT_ROW = re.compile(r"(?:less|add|plus|deduct|excluding|adjustments?)\b")  # `Less: after-tax gains` per share
_EARNINGS = re.compile(r"earnings|income|loss|profit|\beps\b")
# A row of percentages whose cells print no % sign: `Operative EBITDA, %`, `EBIT margin (%)`, `Equity ratio, %, at period-end`.
_PERCENT_LABEL = re.compile(r"(?:^|[\s,(])%\s*(?:\)|,|$)")
# Prices per physical unit (`Realized copper price (per lb)`, `AISC per ounce`, `Revenue per available room`).
_PER_UNIT = re.compile(r"(?i)\bper (lb|pound|oz|ounce|tonne|ton|barrel|bbl|boe|mcf|mmbtu|mwh|kwh|gallon|square foot|sq\.? ?ft|"
                       r"available room|room night|occupied room|passenger mile|available seat mile|ton[- ]mile|carload)\b")
_UNIT_NAMES = {"pound": "lb", "ounce": "oz", "ton": "tonne", "bbl": "barrel", "square foot": "sq ft", "sq ft": "sq ft",
               "sq.ft": "sq ft", "sq. ft": "sq ft", "mwh": "MWh", "kwh": "kWh", "mcf": "Mcf", "mmbtu": "MMBtu"}
_BASIC_DILUTED = re.compile(r"\b(?:basic|diluted)\b")
_DILUTED = re.compile(r"\bdiluted\b")


def map_concept(label: str, section: str, statement: str, amount: Amount) -> str | None:
    """Canonical concept of a row, or None; EPS and share counts are told apart by section and value."""
    if amount.percent or ("%" in label and _PERCENT_LABEL.search(label)):
        return None
    per_share = amount.decimals >= 2 or (amount.value is not None and amount.decimals > 0 and abs(amount.value) < 100)
    return _concept(label, section, statement, per_share)


@functools.lru_cache(maxsize=8192)
def _concept(label: str, section: str, statement: str, per_share: bool) -> str | None:
    norm = normalize_label(label)
    low_label, low_section = label.lower(), section.lower()
    context = f"{low_section} {low_label}"
    if per_share and (_PER_SHARE.search(context) or norm in ("basic", "diluted", "basic and diluted")):
        if _NOT_EARNINGS.search(low_label) or (not _EARNINGS.search(low_label) and _NOT_EARNINGS.search(low_section)) \
                or _ADJUSTMENT_ROW.match(low_label.lstrip()):
            return None  # dividends, distributions, book value, FFO per share: amounts per share, not earnings
        return _eps_concept(norm, low_label, low_section, context)
    if _SHARES.search(context) and not per_share and _BASIC_DILUTED.search(norm):
        return "shares_diluted" if _DILUTED.search(norm) and "basic" not in norm else "shares_basic"
    if norm in ("basic", "diluted", "basic and diluted"):
        return None
    if norm == "total" and section:  # `Total` under `Revenue` is the revenue total
        return _concept(section, "", statement, per_share)
    if norm in QUALIFIERS and section:  # `- As reported` under `Net sales`: the heading's line item, as qualified
        return _concept(f"Adjusted {section}" if norm in _ADJUSTING else section, "", statement, per_share)
    for words in (norm, _unqualified(norm)):
        for concept, statements, patterns in _COMPILED:
            if statement in statements and any(p.fullmatch(words) for p in patterns):
                return _qualified(concept, low_label, low_section)
    return None


# Rows that print only a qualifier and take their line item from the heading or the row above them.
QUALIFIERS = frozenset(("as reported", "reported", "gaap", "as adjusted", "adjusted", "non gaap", "non-gaap", "u s gaap", "ifrs"))
_ADJUSTING = frozenset(("as adjusted", "adjusted", "non gaap", "non-gaap"))
_HEADS = (("as", "reported"), ("reported", "gaap"), ("reported",), ("u", "s", "gaap"), ("us", "gaap"), ("gaap",), ("ifrs",))
_TAILS = (("as", "reported"), ("reported",), ("gaap",), ("ifrs",))


def _unqualified(norm: str) -> str:
    """A label without the qualifiers that do not change its line item: `reported GAAP operating income`,
    `net earnings as reported (Note 2)`, `sales, net of discounts`. Word lists, not patterns: labels can be long."""
    words = norm.split()
    head = next((h for h in _HEADS if tuple(words[:len(h)]) == h and len(words) > len(h)), ())
    words = words[len(head):]
    cut = next((i for i in range(1, len(words) - 1) if words[i] == "net" and words[i + 1] == "of"), None)
    words = words[:cut] if cut else words
    for _ in range(2):
        if len(words) > 2 and words[-2] == "note":
            words = words[:-2]
        elif len(words) > 1 and words[-1] == "note":
            words = words[:-1]
        tail = next((t for t in _TAILS if len(words) > len(t) and tuple(words[-len(t):]) == t), ())
        words = words[:len(words) - len(tail)]
    return " ".join(words) or norm


# A heading that qualifies the generic rows under it (`Non-GAAP – Continuing Operations`, then `Net income`); a
# reconciliation's title (`Reconciliation of net income to adjusted EBITDA`) qualifies nothing.
_ADJUSTED_HEADING = re.compile(r"^\W*(?:non[- ]?gaap|adjusted|as adjusted)\b")
# What a qualifying heading may say besides `Non-GAAP`: a heading that names a line item (`ADJUSTED EBITDA:`) heads
# the rows that build up to it and qualifies none of them.
_HEADING_FILLER = re.compile(r"\bnon[- ]?gaap\b|\badjusted\b|\bas\b|\bresults?\b|\bmeasures?\b|\bbasis\b|\bcontinuing\b|"
                             r"\boperations\b|\bfinancial\b|\bfigures\b|\bamounts\b|\bunaudited\b|\bgaap\b|[^a-z]+")
_CONTINUING_HEADING = re.compile(r"\bcontinuing operations\b")
_RECONCILES = re.compile(r"\breconcil|\bto\b|\bfrom\b|\bversus\b|\bvs\b")
_GAAP_WORD = re.compile(r"(?<!non-)(?<!non )\bgaap\b|\breported\b")
_ADJUSTED_OF = {"net_income": "adjusted_net_income", "income_continuing_ops": "adjusted_net_income", "ebitda": "adjusted_ebitda",
                "operating_income": "adjusted_operating_income"}


def _qualified(concept: str, label: str, section: str) -> str:
    """A generic row's concept as its heading qualifies it: non-GAAP, or continuing operations; a row's own words win."""
    if not section or _RECONCILES.search(section) or _GAAP_WORD.search(label) or _ADJUSTED.search(label):
        return concept
    if _ADJUSTED_HEADING.search(section) and not _HEADING_FILLER.sub(" ", section).strip():
        return _ADJUSTED_OF.get(concept, concept)
    if concept == "net_income" and _CONTINUING_HEADING.search(section) and "discontinued" not in section:
        return "income_continuing_ops"
    return concept


_ADJUSTED = re.compile(r"adjusted|non-?gaap")


def _eps_concept(norm: str, label: str, section: str, context: str) -> str | None:
    if _ADJUSTED.search(label) or (_ADJUSTED.search(section) and not _GAAP_WORD.search(label)):
        return "adjusted_eps"  # GAAP EPS printed under a `Non-GAAP EPS` heading stays GAAP
    if "discontinued" in norm:
        return None
    if "continuing" in norm or ("continuing" in section and "discontinued" not in section):
        # diluted (or unspecified) from continuing operations; basic from continuing operations is its own line
        return "eps_continuing_ops_basic" if "basic" in context and "diluted" not in context else "eps_continuing_ops"
    if "diluted" in norm and "basic" not in norm:
        return "eps_diluted"
    if "basic" in norm:
        return "eps_basic"
    if "diluted" in context and "basic" not in context:
        return "eps_diluted"
    return "eps_basic"


_COUNT = re.compile(r"(?i)" + HEADCOUNT + r"|\bemployees\b|\bnumber of (?:stores|employees|branches|locations|customers|subscribers)\b"
                    r"|\bstore count\b")


_RATIO_LABEL = re.compile(r"(?i)\bratio\s{0,3}[<>=≤≥]{0,2}\s{0,3}$|\bcoverage(?: ratio)?\s{0,3}[<>=≤≥]{0,2}\s{0,3}$|\(x\)|\btimes\b")


def unit_of(concept: str | None, label: str, section: str, amount: Amount, title: str = "") -> str:
    """USD, USD/share, shares or % for one value; a per-share table title makes its cents per-share."""
    if amount.percent or ("%" in label and _PERCENT_LABEL.search(label)):
        return "%"
    if concept is None and _COUNT.search(f"{section} {label}"):
        return "count"
    if concept is None and amount.decimals and _RATIO_LABEL.search(label) and amount.value is not None and abs(amount.value) < 1000:
        return "x"  # `Maximum leverage ratio   0.37`: a ratio as printed, never money and never scaled (a label that
        # ends in `ratio` or `coverage`, or says `(x)` or `times`; `Reinsurance coverage costs` is money)
    if concept in ("eps_basic", "eps_diluted", "eps_continuing_ops", "eps_continuing_ops_basic", "adjusted_eps"):
        return "USD/share"
    shares, per_share, per_share_title = _unit_words(label, section, title)
    if concept in ("shares_basic", "shares_diluted") or (shares and amount.decimals == 0):
        return "shares"
    if per_share and amount.decimals >= 2:
        return "USD/share"
    if per_share_title and amount.decimals >= 2 and amount.value is not None and abs(amount.value) < 100:
        return "USD/share"
    priced = _PER_UNIT.search(label) if "per" in label.lower() else None
    if priced and concept is None:
        return f"USD/{_UNIT_NAMES.get(priced.group(1).lower(), priced.group(1).lower())}"  # a price: never scaled
    return "USD"


@functools.lru_cache(maxsize=8192)
def _unit_words(label: str, section: str, title: str) -> tuple[bool, bool, bool]:
    """Whether a row speaks of share counts, of per-share amounts, and whether its table's title is per share."""
    context = f"{section} {label}"
    return bool(_SHARES.search(context)), bool(_PER_SHARE.search(context)), bool(title and _PER_SHARE.search(title))


def describe() -> list[tuple[str, str]]:
    """The vocabulary for `fusion concepts`: each concept with its synonyms (as patterns)."""
    rows = [(c, " | ".join(ps)) for c, _s, ps in VOCABULARY]
    rows += [
        ("eps_basic", "per-share row (basic, or basic and diluted) under an EPS heading"),
        ("eps_diluted", "per-share row marked diluted"),
        ("eps_continuing_ops", "per-share row from continuing operations"),
        ("eps_continuing_ops_basic", "per-share row from continuing operations marked basic"),
        ("shares_basic", "share count (basic, or basic and diluted) under a weighted-average heading"),
        ("shares_diluted", "share count marked diluted"),
    ]
    return sorted(rows)

