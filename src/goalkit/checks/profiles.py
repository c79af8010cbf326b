"""The built-in rules and the named profiles: ``default``, ``smart``, ``okr``, ``kpi``, ``strict``.

A profile is a :class:`~goalkit.checks.rules.RuleSet`, so it is data: the rules to
run, with settings and severities. Start from one and change it:

>>> mine = profile("okr").with_options("OKR-COUNT-03", max=5).ignoring("OKR-BALANCE")
>>> mine.name, len(mine.active()) < len(profile("okr").active())
('okr', True)
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from goalkit._validation import choice_message
from goalkit.checks.findings import Severity
from goalkit.checks.grades import GRADE_RULES
from goalkit.checks.kpi import KPI_RULES
from goalkit.checks.okr import OKR_RULES
from goalkit.checks.rules import Rule, RuleSet
from goalkit.checks.smart import SMART_RULES
from goalkit.exceptions import ValidationError

__all__ = ["BUILTIN_RULES", "PROFILES", "profile"]

BUILTIN_RULES: tuple[Rule, ...] = (*SMART_RULES, *OKR_RULES, *GRADE_RULES, *KPI_RULES)
"""Every built-in rule with its default settings, in code order."""

_INFO_CODES = tuple(rule.code for rule in BUILTIN_RULES if rule.severity is Severity.INFO)

PROFILES: Mapping[str, RuleSet] = {
    "default": RuleSet(name="default", rules=BUILTIN_RULES),
    "smart": RuleSet(name="smart", rules=BUILTIN_RULES, select=("SMART",)),
    "okr": RuleSet(name="okr", rules=BUILTIN_RULES, select=("SMART", "OKR"), ignore=("SMART-R02",)),
    "kpi": RuleSet(
        name="kpi",
        rules=BUILTIN_RULES,
        select=("SMART-S", "SMART-R02", "OKR-BALANCE", "KPI"),
    ),
    "strict": RuleSet(
        name="strict",
        rules=BUILTIN_RULES,
        options={
            "SMART-A01": {"max_ratio": 2},
            "OKR-ORIGIN-01": {"min_share": Fraction(3, 5)},
            "OKR-DATA-01": {"max_gap_days": 7},
            "OKR-DATA-02": {"max_gap_days": 7},
            "KPI-DATA-02": {"grace_days": 0},
        },
        severities=dict.fromkeys(_INFO_CODES, Severity.WARNING),
    ),
}
"""The named profiles.

* ``default``: every rule with the defaults from practice.
* ``smart``: the SMART rules only.
* ``okr``: SMART and OKR rules (no KPI rules).
* ``kpi``: KPI rules, with the wording, alignment and balance rules that apply to KPIs.
* ``strict``: every rule, tighter (60 % bottom-up, 2x jumps, weekly check-ins,
  no grace for KPI data) and every info raised to a warning.
"""


def profile(name: str) -> RuleSet:
    """The profile called ``name``.

    Raises:
        ValidationError: if there is no such profile.

    >>> profile("smart").select
    ('SMART',)
    >>> profile("nope")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: profile: 'profile' must be one of 'default', 'smart', ...
    """
    found = PROFILES.get(name) if isinstance(name, str) else None
    if found is None:
        raise ValidationError.single("profile", name, choice_message("profile", name, PROFILES))
    return found
