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
from goalkit._validation import Problems, choice_message, enum_message, to_enum
from goalkit.checks.findings import Finding, Severity
from goalkit.checks.lexicons import LEXICONS, Lexicon
from goalkit.checks.messages import ENGLISH, Catalog, Text, fill
from goalkit.evaluation import DEFAULT_ROLL_UP, Evaluation, RollUp, evaluate
from goalkit.exceptions import GoalkitError, ValidationError
from goalkit.goals import KeyResult, Objective
from goalkit.periods import Period, require_day
from goalkit.plan import Link, Plan
from goalkit.scoring import DEFAULT_RULES, ScoringRules

__all__ = ["Context", "Rule", "RuleSet"]


def attrs_flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    """An attrs validator for a rule's on/off setting: ``True`` or ``False``, nothing else."""
    if not isinstance(value, bool):
        name = attribute.name
        raise ValidationError.single(
            name, value, f"'{name}' must be True or False (got {show(value)})"
        )


def check_lexicons(problems: Problems, lexicons: object, path: str = "lexicons") -> None:
    """Record a problem unless ``lexicons`` is a sequence of :class:`Lexicon` objects."""
    if isinstance(lexicons, str | bytes | Lexicon) or not isinstance(lexicons, Iterable):
        problems.add(
            path, lexicons, f"'{path}' must be a sequence of Lexicon objects (got {show(lexicons)})"
        )
        return
    for index, lexicon in enumerate(lexicons):
        if not isinstance(lexicon, Lexicon):
            problems.add(
                f"{path}[{index}]",
                lexicon,
                f"'{path}' must hold Lexicon objects (got {show(lexicon)})",
            )


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
        "_evaluations",
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
        problems = Problems()
        if not isinstance(plan, Plan):
            problems.add("plan", plan, f"'plan' must be a Plan (got {show(plan)})")
        if at is not None:
            with problems.under(""):
                require_day(at)
        if not isinstance(catalog, Catalog):
            problems.add("catalog", catalog, f"'catalog' must be a Catalog (got {show(catalog)})")
        check_lexicons(problems, lexicons)
        problems.raise_if_any()
        self.plan = plan
        self.at = at
        self.catalog = catalog
        self.lexicons = tuple(lexicons)
        self._detached = frozenset(detached)
        self._evaluations: list[tuple[ScoringRules, RollUp, Evaluation | GoalkitError]] = []
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

        ``None`` for themes, KPIs, and a key result checked on its own (and the
        objective made up to hold it).
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
        if goal_id not in self.plan:
            raise ValidationError.single(
                "goal_id", goal_id, f"'goal_id' names no goal of the plan (got {show(goal_id)})"
            )
        return self.plan.path_of(goal_id)

    def join(self, items: Iterable[str]) -> str:
        """Join words with the catalog's list separator."""
        return self.catalog.label("list_separator").join(items)

    def label(self, key: str) -> str:
        """A label in the catalog's language."""
        return self.catalog.label(key)

    def words(self, key: str, **params: object) -> str:
        """The label ``key`` in the catalog's language, filled in with ``params``.

        For the parts of a message that vary with the case (an increase or a cut).

        >>> Context(Plan()).words("jump.increase", ratio="5")
        '5x its starting value'
        """
        path = f"catalogs[{self.catalog.language!r}].labels[{key!r}]"
        return fill(self.catalog.label(key), path, params)

    def skip(self, rule: Rule, reason: str, **params: object) -> None:
        """Note that ``rule`` did not run; ``reason`` is a label key such as ``note.needs_day``.

        The label is filled in with the rule's ``code`` and ``params``.
        """
        self.skipped.append(self.words(reason, code=rule.code, **params))

    def evaluation(
        self,
        rule: Rule,
        rules: ScoringRules = DEFAULT_RULES,
        roll_up: RollUp = DEFAULT_ROLL_UP,
    ) -> Evaluation | None:
        """The plan evaluated at the check's day, as :func:`~goalkit.evaluation.evaluate` gives it.

        Computed once per check (and per ``rules`` and ``roll_up``) and shared by
        every rule that asks, so what the checks say about progress is what the
        evaluation shows. ``None`` when there is no day (``rule`` is noted as
        skipped then) or the plan cannot be scored, with a note saying why.

        >>> from goalkit.examples import EXAMPLE_DAY, example_plan
        >>> from goalkit.checks.grades import AspirationalAtOne
        >>> context = Context(example_plan(), at=EXAMPLE_DAY)
        >>> context.evaluation(AspirationalAtOne()).progress("kr-sales-cycle")
        Fraction(1, 2)
        """
        at = self.at
        if at is None:
            self.skip(rule, "note.needs_day")
            return None
        known = [e for r, u, e in self._evaluations if r is rules and u is roll_up]
        if known:
            result = known[0]
        else:
            try:
                result = evaluate(self.plan, at=at, rules=rules, roll_up=roll_up)
            except GoalkitError as error:
                result = error
            self._evaluations.append((rules, roll_up, result))
        if isinstance(result, GoalkitError):
            reason = str(result)
            if len(reason) > 200:
                reason = reason[:199] + "…"
            self.skip(rule, "note.no_evaluation", day=at, problem=reason)
            return None
        return result

    def finding(
        self, rule: Rule, goal_id: str | None, text: Text | None = None, **params: object
    ) -> Finding:
        """A finding of ``rule`` about ``goal_id`` (``None``: the whole plan).

        The message and hint come from the catalog entry for the rule's code,
        else from ``text``, else from the English catalog, formatted with ``params``.
        """
        code = rule.code
        where = f"catalogs[{self.catalog.language!r}].texts[{code!r}]"
        wording = self.catalog.text(code)
        if wording is None and text is not None:
            wording, where = text, "text"
        if wording is None:
            wording, where = ENGLISH.text(code), f"catalogs['en'].texts[{code!r}]"
        if wording is None:
            shown = ", ".join(f"{key}={value}" for key, value in params.items())
            return Finding(
                code=code,
                severity=rule.severity,
                goal_id=goal_id,
                path=self.path(goal_id),
                message=f"{code} ({shown})" if shown else code,
                hint="",
            )
        return Finding(
            code=code,
            severity=rule.severity,
            goal_id=goal_id,
            path=self.path(goal_id),
            message=fill(wording.message, f"{where}.message", params),
            hint=fill(wording.hint, f"{where}.hint", params),
        )

    def key_results(self) -> Iterator[tuple[Objective, KeyResult]]:
        """Every key result with its objective, in plan order."""
        for objective in self.plan.objectives:
            for kr in objective.key_results:
                yield objective, kr


# The converters leave what they cannot convert for RuleSet's validation to report.


def _codes(value: Any) -> Any:
    if isinstance(value, str):
        return (value,)
    return tuple(value) if isinstance(value, Iterable) else value


def _rules(value: Any) -> Any:
    return tuple(value) if isinstance(value, Iterable) else value


def _options(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    return {
        code: dict(settings) if isinstance(settings, Mapping) else settings
        for code, settings in value.items()
    }


def _severities(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


_to_severity = to_enum(Severity)


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

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if not isinstance(self.name, str):
            problems.add("name", self.name, f"'name' must be a string (got {show(self.name)})")
        if not isinstance(self.rules, tuple):
            problems.add(
                "rules", self.rules, f"'rules' must be a sequence of rules (got {show(self.rules)})"
            )
        else:
            for index, rule in enumerate(self.rules):
                _check_rule(problems, f"rules[{index}]", rule)
        for field in ("select", "ignore"):
            codes = getattr(self, field)
            if not isinstance(codes, tuple):
                problems.add(
                    field,
                    codes,
                    f"'{field}' must be a sequence of code prefixes (got {show(codes)})",
                )
                continue
            for index, prefix in enumerate(codes):
                if not isinstance(prefix, str):
                    problems.add(
                        f"{field}[{index}]",
                        prefix,
                        f"'{field}' must hold code prefixes such as 'SMART' (got {show(prefix)})",
                    )
        if not isinstance(self.options, Mapping):
            problems.add(
                "options",
                self.options,
                f"'options' must map rule codes to settings (got {show(self.options)})",
            )
        else:
            for code, settings in self.options.items():
                if not isinstance(settings, Mapping) or not all(
                    isinstance(name, str) for name in settings
                ):
                    problems.add(
                        f"options[{show(code)}]",
                        settings,
                        f"'options' must map rule codes to settings by name (got {show(settings)})",
                    )
        if not isinstance(self.severities, Mapping):
            problems.add(
                "severities",
                self.severities,
                f"'severities' must map rule codes to severities (got {show(self.severities)})",
            )
        else:
            for code, severity in self.severities.items():
                if not isinstance(_to_severity(severity), Severity):
                    problems.add(
                        f"severities[{show(code)}]",
                        severity,
                        enum_message("severity", severity, Severity),
                    )
        problems.raise_if_any()

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
                if not any(c.startswith(prefix) for c in codes):
                    problems.add(
                        f"{field}[{index}]",
                        prefix,
                        f"'{field}' names no rule: give a code or the start of one, "
                        f"such as 'SMART' or 'OKR-COUNT' (got {show(prefix)})",
                    )
        known = set(codes)
        for field, table in (("options", self.options), ("severities", self.severities)):
            for code in table:
                if code not in known:
                    problems.add(
                        f"{field}[{show(code)}]", code, choice_message("code", code, codes)
                    )
        chosen: list[Rule] = []
        select, ignore = tuple(self.select), tuple(self.ignore)
        for rule in self.rules:
            code = rule.code
            if select and not code.startswith(select):
                continue
            if code.startswith(ignore):
                continue
            settings = dict(self.options.get(code, {}))
            if code in self.severities:
                settings["severity"] = _to_severity(self.severities[code])
            chosen.append(_configured(rule, settings, problems) if settings else rule)
        problems.raise_if_any()
        return tuple(chosen)


def _check_rule(problems: Problems, path: str, rule: object) -> None:
    """Record a problem unless ``rule`` has a string ``code``, a severity and a ``check``."""
    code = getattr(rule, "code", None)
    severity = getattr(rule, "severity", None)
    if not isinstance(code, str) or not code or not callable(getattr(rule, "check", None)):
        problems.add(
            path,
            rule,
            "'rules' must hold rules: objects with a code (a string), a severity and "
            f"a check(context) method (got {show(rule)})",
        )
    else:
        problems.enum(f"{path}.severity", _to_severity(severity), Severity)


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
        return _Reseverity(rule=rule, level=severity)
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
