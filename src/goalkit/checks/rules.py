"""Rules, what they see (:class:`Context`), and rule sets as data (:class:`RuleSet`).

A rule is any object with a ``code``, a default ``severity`` and a
``check(context)`` method yielding findings (the :class:`Rule` protocol). A
:class:`RuleSet` is data: the rules, which codes to select and ignore, new
settings per rule and new severities per code.

>>> from goalkit.checks import profile
>>> rules = profile("okr").ignoring("OKR-COUNT-02").with_options("OKR-COUNT-03", max=5)
>>> [rule.max for rule in rules.active() if rule.code == "OKR-COUNT-03"]
[5]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, Protocol, runtime_checkable

import attrs

from goalkit._show import show
from goalkit._validation import Problems
from goalkit.checks.findings import Finding, Severity
from goalkit.checks.lexicons import LEXICONS, Lexicon
from goalkit.checks.messages import ENGLISH, Catalog, Text
from goalkit.exceptions import ValidationError
from goalkit.goals import KeyResult, Objective
from goalkit.periods import Period
from goalkit.plan import Link, Plan

__all__ = ["Context", "Rule", "RuleSet"]


@runtime_checkable
class Rule(Protocol):
    """A quality rule: a stable :attr:`code`, a :attr:`severity` and a :meth:`check`.

    A rule that needs the check's day and gets none calls
    :meth:`Context.skip` and yields nothing.

    >>> from goalkit.checks import Context, Finding, Severity, check
    >>> from goalkit.examples import example_plan
    >>> @attrs.frozen
    ... class NoOwnerNamedBob:
    ...     code = "ACME-01"
    ...     severity = Severity.WARNING
    ...     def check(self, context: Context) -> Iterator[Finding]:
    ...         for objective in context.plan.objectives:
    ...             if objective.owner == "bob":
    ...                 yield context.finding(self, objective.id, owner="bob")
    >>> isinstance(NoOwnerNamedBob(), Rule)
    True
    """

    @property
    def code(self) -> str:
        """The rule's stable code, such as ``"SMART-S01"``; rule sets select by its prefix."""
        ...

    @property
    def severity(self) -> Severity:
        """The severity of its findings (a rule set may change it)."""
        ...

    def check(self, context: Context) -> Iterable[Finding]:
        """Yield the findings of this rule over ``context.plan``."""
        ...


class Context:
    """What a rule sees: the plan, the day, the language and a few indexes.

    Built by :func:`~goalkit.checks.run.check`; rules read it and build findings with
    :meth:`finding`.

    Attributes:
        plan: The plan being checked.
        at: The day of the check, or ``None``.
        catalog: The messages in the language asked for.
        lexicons: The word lists of the wording rules.
        skipped: Notes about rules that did not run, in the catalog's language.
    """

    __slots__ = (
        "_detached",
        "_parents",
        "_paths",
        "_rank",
        "at",
        "catalog",
        "lexicons",
        "plan",
        "skipped",
    )

    def __init__(
        self,
        plan: Plan,
        *,
        at: date | None = None,
        catalog: Catalog = ENGLISH,
        lexicons: Sequence[Lexicon] = LEXICONS,
        detached: Iterable[str] = (),
        paths: Mapping[str, str] | None = None,
    ) -> None:
        self.plan = plan
        self.at = at
        self.catalog = catalog
        self.lexicons = tuple(lexicons)
        self._detached = frozenset(detached)
        self._paths = paths
        parents: dict[str, list[Link]] = {}
        for link in plan.links:
            parents.setdefault(link.child, []).append(link)
        self._parents = {child: tuple(links) for child, links in parents.items()}
        self._rank = {level: index for index, level in enumerate(plan.levels)}
        self.skipped: list[str] = []

    def parents(self, goal_id: str) -> tuple[Link, ...]:
        """The links from ``goal_id`` to the goals it aligns to."""
        return self._parents.get(goal_id, ())

    def rank(self, level: str) -> int:
        """The position of ``level`` in the plan's levels (0 is the top)."""
        return self._rank.get(level, len(self._rank))

    def period_of(self, goal_id: str) -> Period | None:
        """The period a goal runs over: its own, or its objective's.

        ``None`` for themes, KPIs and a key result checked on its own.
        """
        if goal_id in self._detached:
            return None
        objective = self.plan.objective_of(goal_id)
        return None if objective is None else objective.period

    def path(self, goal_id: str | None) -> str:
        """Where a goal sits, as findings show it."""
        if goal_id is None:
            return ""
        if self._paths is not None:
            return self._paths.get(goal_id, "")
        return self.plan.path_of(goal_id)

    def join(self, items: Iterable[str]) -> str:
        """Join words with the catalog's list separator."""
        return self.catalog.label("list_separator").join(items)

    def label(self, key: str) -> str:
        """A label in the catalog's language."""
        return self.catalog.label(key)

    def skip(self, rule: Rule, reason: str) -> None:
        """Note that ``rule`` did not run; ``reason`` is a label key such as ``note.needs_day``."""
        self.skipped.append(self.catalog.label(reason).format(code=rule.code))

    def finding(
        self, rule: Rule, goal_id: str | None, text: Text | None = None, **params: object
    ) -> Finding:
        """A finding of ``rule`` about ``goal_id`` (``None``: the whole plan).

        The message and hint come from the catalog entry for the rule's code,
        else from ``text``, else from the English catalog, formatted with ``params``.
        """
        wording = self.catalog.text(rule.code) or text or ENGLISH.text(rule.code)
        if wording is None:
            shown = ", ".join(f"{key}={value}" for key, value in params.items())
            wording = Text(message=f"{rule.code} ({shown})" if shown else rule.code, hint="")
        return Finding(
            code=rule.code,
            severity=rule.severity,
            goal_id=goal_id,
            path=self.path(goal_id),
            message=wording.message.format(**params),
            hint=wording.hint.format(**params),
        )

    def key_results(self) -> Iterator[tuple[Objective, KeyResult]]:
        """Every key result with its objective, in plan order."""
        for objective in self.plan.objectives:
            for kr in objective.key_results:
                yield objective, kr


def _codes(value: Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(value)


def _options(value: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Mapping[str, Any]]:
    return {code: dict(settings) for code, settings in dict(value).items()}


def _severities(value: Mapping[str, Severity | str]) -> Mapping[str, Severity | str]:
    return dict(value)


@attrs.frozen(kw_only=True)
class RuleSet:
    """Which rules run, with which settings: a profile is a named rule set.

    Codes in :attr:`select` and :attr:`ignore` are prefixes, as in linters:
    ``"SMART"`` is every SMART rule, ``"OKR-COUNT"`` every count rule.

    Attributes:
        name: A label.
        rules: Every rule available.
        select: Code prefixes to run; empty runs every rule.
        ignore: Code prefixes not to run, even if selected.
        options: New settings per rule code (``{"OKR-COUNT-03": {"max": 5}}``),
            applied with :func:`attrs.evolve`.
        severities: New severities per rule code.

    >>> from goalkit.checks import BUILTIN_RULES
    >>> rules = RuleSet(rules=BUILTIN_RULES, select=["SMART-S"])
    >>> [rule.code for rule in rules.active()]
    ['SMART-S01']
    """

    name: str = "custom"
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_rules)
    select: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    options: Mapping[str, Mapping[str, Any]] = attrs.field(
        factory=dict, converter=_options, hash=False
    )
    severities: Mapping[str, Severity | str] = attrs.field(
        factory=dict, converter=_severities, hash=False
    )

    def with_rules(self, *rules: Rule) -> RuleSet:
        """Return this rule set with rules of your own added, replacing any with the same code.

        >>> from goalkit.checks import profile
        >>> len(profile("smart").with_rules(*profile("smart").rules).rules) == len(
        ...     profile("smart").rules)
        True
        """
        codes = {rule.code for rule in rules}
        return attrs.evolve(self, rules=(*(r for r in self.rules if r.code not in codes), *rules))

    def selecting(self, *codes: str) -> RuleSet:
        """Return this rule set running only rules whose code starts with one of ``codes``."""
        return attrs.evolve(self, select=codes)

    def ignoring(self, *codes: str) -> RuleSet:
        """Return this rule set also skipping rules whose code starts with one of ``codes``."""
        return attrs.evolve(self, ignore=(*self.ignore, *codes))

    def with_options(self, code: str, **settings: Any) -> RuleSet:
        """Return this rule set with new settings for the rule ``code``."""
        merged = {**self.options.get(code, {}), **settings}
        return attrs.evolve(self, options={**self.options, code: merged})

    def with_severity(self, code: str, severity: Severity | str) -> RuleSet:
        """Return this rule set reporting rule ``code`` at ``severity``."""
        return attrs.evolve(self, severities={**self.severities, code: severity})

    def active(self) -> tuple[Rule, ...]:
        """The rules that run, with their settings and severities applied.

        Raises:
            ValidationError: for a code that names no rule, an unknown setting or
                a bad value, all reported at once.
        """
        problems = Problems()
        codes = [rule.code for rule in self.rules]
        for field in ("select", "ignore"):
            for index, prefix in enumerate(getattr(self, field)):
                if not isinstance(prefix, str) or not any(c.startswith(prefix) for c in codes):
                    problems.add(
                        f"{field}[{index}]",
                        prefix,
                        f"'{field}' names no rule (got {show(prefix)})",
                    )
        for field, table in (("options", self.options), ("severities", self.severities)):
            for code in table:
                if code not in codes:
                    problems.add(
                        f"{field}[{code!r}]",
                        code,
                        f"'{field}' names no rule code (got {show(code)})",
                    )
        for code, severity in self.severities.items():
            try:
                Severity(severity)
            except ValueError:
                problems.add(
                    f"severities[{code!r}]",
                    severity,
                    f"'severity' must be 'error', 'warning' or 'info' (got {show(severity)})",
                )
        chosen: list[Rule] = []
        for rule in self.rules:
            code = rule.code
            if self.select and not code.startswith(tuple(self.select)):
                continue
            if code.startswith(tuple(self.ignore)):
                continue
            settings = dict(self.options.get(code, {}))
            if code in self.severities and not problems:
                settings["severity"] = Severity(self.severities[code])
            chosen.append(_configured(rule, settings, problems) if settings else rule)
        problems.raise_if_any()
        return tuple(chosen)


def _configured(rule: Rule, settings: dict[str, Any], problems: Problems) -> Rule:
    code = rule.code
    kind = type(rule)
    fields: set[str] = set()
    if attrs.has(kind):
        fields = {name for name, field in attrs.fields_dict(kind).items() if field.init}
    severity = None if "severity" in fields else settings.pop("severity", None)
    unknown = sorted(set(settings) - fields)
    if unknown:
        known = ", ".join(sorted(fields)) or "none"
        problems.add(
            f"options[{code!r}]",
            unknown,
            f"rule {code!r} has no setting {', '.join(map(repr, unknown))} (settings: {known})",
        )
        return rule
    if settings:
        try:
            rule = attrs.evolve(rule, **settings)  # type: ignore[misc]  # an attrs class, checked
        except ValidationError as error:
            problems.extend(error, f"options[{code!r}]")
            return rule
        except (TypeError, ValueError) as error:
            problems.add(f"options[{code!r}]", settings, f"bad settings for {code!r}: {error}")
            return rule
    if severity is not None:
        return _Reseverity(rule=rule, level=Severity(severity))
    return rule


@attrs.frozen(kw_only=True)
class _Reseverity:
    """A rule reported at another severity (for rules without a severity setting)."""

    rule: Rule
    level: Severity

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def severity(self) -> Severity:
        return self.level

    def check(self, context: Context) -> Iterator[Finding]:
        for finding in self.rule.check(context):
            yield attrs.evolve(finding, severity=self.level)
