"""Quality checks: is this a good goal? SMART and OKR/KPI practice, explained.

:func:`check` runs a profile's rules over a plan (or one goal) and returns a
:class:`Report` of :class:`Finding` objects, each with a stable code, a
severity, the goal and its path, a message and a hint, in English or Chinese.

>>> from goalkit.checks import check
>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> report = check(example_plan(), at=EXAMPLE_DAY)
>>> sorted({"SMART-S01", "OKR-COPY-01", "OKR-TARGET-01"} & report.codes)
['OKR-COPY-01', 'OKR-TARGET-01', 'SMART-S01']
"""

from goalkit.checks.findings import Finding, Report, Severity
from goalkit.checks.lexicons import CHINESE_LEXICON, ENGLISH_LEXICON, LEXICONS, Lexicon
from goalkit.checks.messages import MESSAGES, Catalog, Text
from goalkit.checks.profiles import BUILTIN_RULES, PROFILES, profile
from goalkit.checks.rules import Context, Rule, RuleSet
from goalkit.checks.run import Subject, check

__all__ = [
    "BUILTIN_RULES",
    "CHINESE_LEXICON",
    "ENGLISH_LEXICON",
    "LEXICONS",
    "MESSAGES",
    "PROFILES",
    "Catalog",
    "Context",
    "Finding",
    "Lexicon",
    "Report",
    "Rule",
    "RuleSet",
    "Severity",
    "Subject",
    "Text",
    "check",
    "profile",
]
