# ruff: noqa: RUF001 - Chinese text is written with full-width punctuation
"""What findings say, per language: one :class:`Catalog` per language.

Each rule code has a message and a hint, written as :meth:`str.format`
templates over the rule's parameters; the same :class:`Catalog` holds the words
of the text rendering. Adding a language is adding a catalog:

>>> fr = Catalog(language="fr", texts={"SMART-M04": Text(
...     message="l'objectif '{title}' n'a aucun résultat clé",
...     hint="ajoutez 2 à 4 résultats clés")})
>>> fr.text("SMART-M04").hint
'ajoutez 2 à 4 résultats clés'

Codes a catalog lacks fall back to English.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from goalkit._numbers import Number
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.checks.findings import DEFAULT_LABELS
from goalkit.exceptions import ValidationError

__all__ = [
    "CHINESE",
    "ENGLISH",
    "MESSAGES",
    "Catalog",
    "Text",
    "fill",
    "show_number",
    "show_share",
]

_FORMATTER = string.Formatter()


def _template_problem(template: str) -> str | None:
    """What keeps ``template`` from being a template over named parameters, if anything."""
    try:
        fields = [name for _, name, _, _ in _FORMATTER.parse(template) if name is not None]
    except ValueError as error:
        return f"is not a valid template: {error}"
    for name in fields:
        if not name.isidentifier():
            return (
                "must name its parameters, as in '{title}' "
                f"(got the field {show('{' + name + '}')})"
            )
    return None


def _check_template(problems: Problems, path: str, value: object) -> None:
    if not isinstance(value, str):
        problems.add(
            path, value, f"'{path.rsplit('.', 1)[-1]}' must be a string (got {show(value)})"
        )
        return
    problem = _template_problem(value)
    if problem is not None:
        problems.add(path, value, f"'{path.rsplit('.', 1)[-1]}' {problem}")


def fill(template: str, path: str, params: Mapping[str, object]) -> str:
    """Format a message ``template`` with ``params``, refusing one that names others.

    Raises:
        ValidationError: at ``path``, for a parameter the template names that
            ``params`` lacks (or a format it cannot apply).

    >>> fill("'{title}' is vague", "texts['SMART-S01'].message", {"title": "Do better"})
    "'Do better' is vague"
    >>> fill("{titel}", "texts['SMART-S01'].message", {"title": "Do better"})
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: texts['SMART-S01'].message: the template names the ...
    """
    try:
        return template.format_map(params)
    except KeyError as error:
        known = ", ".join(params) or "none"
        message = (
            f"the template names the parameter {show(error.args[0])}, which this finding "
            f"does not have (parameters: {known})"
        )
    except (ValueError, IndexError, AttributeError, TypeError) as error:
        message = f"the template cannot be filled in: {show(str(error))}"
    raise ValidationError.single(path, template, message)


@attrs.frozen(kw_only=True)
class Text:
    """The wording of one rule's findings.

    Attributes:
        message: What is wrong, a template over the rule's parameters.
        hint: How to fix it, a template over the same parameters.

    Raises:
        ValidationError: for a message or hint that is not a string, or not a
            template over named parameters (``'{title}'``; ``'{}'`` names none).
    """

    message: str
    hint: str

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        _check_template(problems, "message", self.message)
        _check_template(problems, "hint", self.hint)
        problems.raise_if_any()


def _texts(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


def _words(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


@attrs.frozen(kw_only=True)
class Catalog:
    """Every message, hint and label in one language.

    Attributes:
        language: The language tag callers ask for ("en", "zh").
        texts: The wording per rule code.
        labels: The words of :meth:`Report.render <goalkit.checks.findings.Report.render>`,
            notes, parts of messages and the names of perspectives and horizons.

    Raises:
        ValidationError: for texts that are not :class:`Text` objects by code, or
            labels that are not templates by key, every problem at once.
    """

    language: str
    texts: Mapping[str, Text] = attrs.field(factory=dict, converter=_texts, hash=False)
    labels: Mapping[str, str] = attrs.field(factory=dict, converter=_words, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("language", self.language)
        if not isinstance(self.texts, Mapping):
            problems.add(
                "texts",
                self.texts,
                f"'texts' must be a mapping of codes to Text (got {show(self.texts)})",
            )
        else:
            for code, text in self.texts.items():
                if not isinstance(code, str) or not isinstance(text, Text):
                    problems.add(
                        f"texts[{show(code)}]",
                        text,
                        "'texts' must map rule codes to Text objects "
                        f"(got {show(code)}: {show(text)})",
                    )
        if not isinstance(self.labels, Mapping):
            problems.add(
                "labels",
                self.labels,
                f"'labels' must be a mapping of keys to strings (got {show(self.labels)})",
            )
        else:
            for key, label in self.labels.items():
                if not isinstance(key, str):
                    problems.add(
                        f"labels[{show(key)}]",
                        key,
                        f"'labels' keys must be strings (got {show(key)})",
                    )
                else:
                    _check_template(problems, f"labels[{key!r}]", label)
        problems.raise_if_any()

    def text(self, code: str) -> Text | None:
        """The wording for ``code``, or ``None`` if this catalog has none."""
        return self.texts.get(code)

    def label(self, key: str) -> str:
        """The label ``key``, falling back to English and then to the key itself."""
        return self.labels.get(key) or ENGLISH_LABELS.get(key) or key

    def with_texts(self, texts: Mapping[str, Text] | Iterable[tuple[str, Text]]) -> Catalog:
        """Return this catalog with more (or replaced) wordings, for rules of your own.

        >>> ENGLISH.with_texts({"ACME-01": Text(message="m", hint="h")}).text("ACME-01").hint
        'h'
        """
        try:
            added = dict(texts)
        except (TypeError, ValueError):
            raise ValidationError.single(
                "texts", texts, f"'texts' must be a mapping of codes to Text (got {show(texts)})"
            ) from None
        return attrs.evolve(self, texts={**self.texts, **added})

    def with_labels(self, labels: Mapping[str, str]) -> Catalog:
        """Return this catalog with more (or replaced) labels."""
        if not isinstance(labels, Mapping):
            raise ValidationError.single(
                "labels",
                labels,
                f"'labels' must be a mapping of keys to strings (got {show(labels)})",
            )
        return attrs.evolve(self, labels={**self.labels, **labels})


_SHOWN_DIGITS = 60
"""Exact numbers with more digits than this are shown to 4 significant digits."""


def show_number(value: Number) -> str:
    """A number as findings show it: exact values in full, others to 4 significant digits.

    This is presentation only; the rules compare exact values. Exact values
    too long to read (over 60 digits) are shown to 4 significant digits too,
    and so are exact values no float can hold.

    >>> show_number(Decimal("1000000")), show_number(Fraction(800, 13)), show_number(2.5)
    ('1000000', '61.54', '2.5')
    >>> show_number(10**100), show_number(Fraction(10**999, 3))
    ('1e+100', '3.333e+998')
    """
    if isinstance(value, Fraction) and value.denominator == 1:
        value = value.numerator
    if isinstance(value, int):
        if value.bit_length() <= _SHOWN_DIGITS * 3.3:
            return str(value)
        return _significant(Fraction(value))
    if isinstance(value, Decimal):
        if len(value.as_tuple().digits) <= _SHOWN_DIGITS:
            return str(value)
        return _significant(Fraction(value))
    try:
        as_float = float(value)
    except OverflowError:
        return _significant(Fraction(value))
    if as_float == 0 and value != 0:
        return _significant(Fraction(value))
    return f"{as_float:.4g}"


def _power(exponent: int) -> Fraction:
    return Fraction(10**exponent) if exponent >= 0 else Fraction(1, 10**-exponent)


def _significant(value: Fraction, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits in the form of ``'%g'``, exactly."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    size = abs(value)
    # 0.30103 digits per bit gives the exponent to within one; then correct it.
    exponent = int((size.numerator.bit_length() - size.denominator.bit_length()) * 0.30103)
    while size >= _power(exponent + 1):
        exponent += 1
    while size < _power(exponent):
        exponent -= 1
    mantissa = round(size / _power(exponent - digits + 1))
    if mantissa >= 10**digits:
        mantissa //= 10
        exponent += 1
    if -4 <= exponent < digits:
        return sign + _fixed(
            Fraction(mantissa) * _power(exponent - digits + 1), max(0, digits - 1 - exponent)
        )
    text = str(mantissa)
    tail = text[1:].rstrip("0")
    head = text[0] + ("." + tail if tail else "")
    return f"{sign}{head}e{'+' if exponent >= 0 else '-'}{abs(exponent):02d}"


def _fixed(value: Fraction, places: int) -> str:
    """``value`` rounded to ``places`` decimals, trailing zeros dropped."""
    scaled = round(value * 10**places)
    sign = "-" if scaled < 0 else ""
    text = str(abs(scaled)).rjust(places + 1, "0")
    whole, decimals = text[: len(text) - places], text[len(text) - places :].rstrip("0")
    return f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}"


def show_share(value: Fraction | float) -> str:
    """A share from 0 to 1 as a percentage: whole, with decimals only where rounding would lie.

    A share above 0 is never shown as 0 %, one below 1 never as 100 %.

    >>> show_share(Fraction(3, 7)), show_share(Fraction(1, 300)), show_share(Fraction(9999, 10000))
    ('43 %', '0.3 %', '99.99 %')
    """
    share = Fraction(value)
    percent = share * 100
    for places in range(5):
        text = _fixed(percent, places)
        rounded = Fraction(text)
        if (rounded == 0 and share > 0) or (rounded == 100 and share < 1):
            continue
        return f"{text} %"
    return "<0.0001 %" if share < Fraction(1, 2) else ">99.9999 %"


ENGLISH_LABELS: Mapping[str, str] = {
    **DEFAULT_LABELS,
    "list_separator": ", ",
    "note.needs_day": "{code} skipped: it needs a day (pass at=...)",
    "note.no_scoring": "{code} skipped: goalkit.scoring is not available",
    "note.no_evaluation": "{code} skipped: the plan cannot be scored on {day} ({problem})",
    "jump.increase": "{ratio}x its starting value",
    "jump.decrease": "a cut to 1/{ratio} of its starting value, {percent} less,",
    "jump.limit.increase": "more than {max_ratio}x",
    "jump.limit.decrease": "a cut below 1/{max_ratio}",
    "short": "short",
    "long": "long",
    "financial": "financial",
    "customer": "customer",
    "internal_process": "internal process",
    "learning_growth": "learning and growth",
}

ENGLISH_TEXTS: Mapping[str, Text] = {
    "SMART-S01": Text(
        message="'{title}' is vague: '{terms}' with no concrete object and no number",
        hint="say what changes and by how much, e.g. 'visit 100 manufacturing customers' "
        "rather than 'establish a good relationship with customers'",
    ),
    "SMART-M01": Text(
        message="metric key result '{title}' has no unit",
        hint="give unit= ('%', 'EUR', 'customers', 'days') so its numbers can be read",
    ),
    "SMART-M02": Text(
        message="'{title}' has no baseline: its target {target} has no starting point",
        hint="give baseline= (or Target.increase(from_=FIRST_CHECK_IN, ...) to take it "
        "from the first check-in), or record a check-in before the period starts",
    ),
    "SMART-M03": Text(
        message="milestone '{milestone}' of '{title}' names no concrete deliverable",
        hint="name what exists when it is done, e.g. '16-page brochure printed' "
        "rather than 'phase 2 done'",
    ),
    "SMART-M04": Text(
        message="objective '{title}' has no key results, so nothing measures it",
        hint="add 2 to 4 key results that show the objective was reached",
    ),
    "SMART-A01": Text(
        message="'{title}' asks for {change} in one cycle ({start} -> {target}); "
        "{limit} is rarely reached",
        hint="check the target against the history, spread the change over several cycles, "
        "or raise this rule's max_ratio if the change is planned",
    ),
    "SMART-A02": Text(
        message="'{title}' is already met at the start ({start} against a target of {target})",
        hint="set a target beyond today's value, or track the value as a KPI "
        "if the aim is to hold it",
    ),
    "SMART-R01": Text(
        message="objective '{title}' ({level}) is aligned to no parent goal or theme",
        hint="link it to the key result, objective or theme it serves: Link(child=..., parent=...)",
    ),
    "SMART-R02": Text(
        message="KPI '{title}' ({level}) is aligned to no parent goal or theme",
        hint="link it to the goal or theme it reports on: Link(child=..., parent=...)",
    ),
    "SMART-T01": Text(
        message="'{title}' has no period and no deadline",
        hint="put it in an objective with a period, give it a due date, or say when: "
        "'within a month', 'by 30 June'",
    ),
    "SMART-T02": Text(
        message="'{item}' is due on {due}, outside the period {period} ({start} to {end})",
        hint="move the deadline into the period, or move the work to the cycle it belongs to",
    ),
    "OKR-COUNT-01": Text(
        message="{owner} has {count} objectives in {period}; at most {max} keeps focus",
        hint="drop or merge objectives until the few that matter remain",
    ),
    "OKR-COUNT-02": Text(
        message="{count} owner(s) have fewer than {min} objectives in {period}: {owners}",
        hint="fine for a small scope; otherwise add the objectives that are missing",
    ),
    "OKR-COUNT-03": Text(
        message="objective '{title}' has {count} key results; at most {max} keeps focus",
        hint="keep the key results that best show the objective was reached; "
        "move the rest to initiatives",
    ),
    "OKR-COUNT-04": Text(
        message="objective '{title}' has {count} key result(s); at least {min} are expected",
        hint="add a key result that checks the first one from another side "
        "(quality next to quantity)",
    ),
    "OKR-FORM-01": Text(
        message="objective '{title}' reads as a bare metric",
        hint="say qualitatively what you want and why; leave the numbers to the key results",
    ),
    "OKR-FORM-02": Text(
        message="key result '{title}' reads as a task ('{verb}') with no measure",
        hint="say what changes when the work is done, e.g. 'the chatbot answers 30 % "
        "of tickets', and keep the task as an initiative",
    ),
    "OKR-COPY-01": Text(
        message="objective '{title}' copies key result '{source}' of the level above",
        hint="an upper level's key result is not a lower level's objective: say what this "
        "team wants in its own words and let its key results move '{source}'",
    ),
    "OKR-TARGET-01": Text(
        message="'{title}' aims at a round {target} with no baseline behind it",
        hint="derive the target from a baseline and the history, and record the baseline",
    ),
    "OKR-ORIGIN-01": Text(
        message="only {share} of the objectives in {period} come from the bottom up "
        "(at least {min_share} advised)",
        hint="let teams and people propose more of their own objectives "
        "(origin='bottom_up'), then negotiate",
    ),
    "OKR-BALANCE-01": Text(
        message="only {share} of the {count} goals tagged with a horizon are {horizon}-term "
        "(at least {min_share} advised)",
        hint="balance short-term results with long-term ones (skills, brand, leading indicators)",
    ),
    "OKR-BALANCE-02": Text(
        message="no goal serves the {perspective} perspective of the balanced scorecard",
        hint="add an objective or KPI for it, or tag an existing goal with perspective=",
    ),
    "OKR-GRADE-01": Text(
        message="committed objective '{title}' ended {period} at {grade}, below 1.0",
        hint="committed objectives are expected to reach 1.0: review what blocked it "
        "and whether it should have been aspirational",
    ),
    "OKR-GRADE-02": Text(
        message="aspirational objective '{title}' is at {grade}: the target was set too low",
        hint="aim for about 0.7 on aspirational objectives; set next cycle's targets higher",
    ),
    "OKR-DATA-01": Text(
        message="'{title}' has no check-in {days} days into {period}",
        hint="record a check-in; a missing value is never a silent green",
    ),
    "OKR-DATA-02": Text(
        message="'{title}' was last checked in on {last}, {days} days ago "
        "(every {max_days} days expected)",
        hint="record a fresh check-in, or change this rule's max_gap_days to your cadence",
    ),
    "OKR-CYCLE-01": Text(
        message="objective '{title}' runs over {period} ({kind}); OKR cycles are "
        "quarters or months",
        hint="set quarterly objectives (monthly for fast-moving teams); keep annual "
        "goals as themes that guide them",
    ),
    "KPI-COUNT-01": Text(
        message="{owner} has {count} KPIs; more than {max} scatters attention",
        hint="keep the critical few; report the rest without targets",
    ),
    "KPI-COUNT-02": Text(
        message="{count} owner(s) have fewer than {min} KPIs: {owners}",
        hint="fine for a narrow role; otherwise add the indicators that are missing",
    ),
    "KPI-THRESH-01": Text(
        message="KPI '{title}' has no thresholds and no target, so its values are not judged: "
        "any fresh value counts as on track",
        hint="give threshold ranges (thresholds=[Threshold(...)]) or a target; low and high "
        "judge values only with polarity='within_range'",
    ),
    "KPI-DATA-01": Text(
        message="KPI '{title}' has no measurement",
        hint="record a value; a missing measurement is never a silent green",
    ),
    "KPI-DATA-02": Text(
        message="KPI '{title}' was last measured on {last}, {days} days ago "
        "({frequency}: every {max_days} days at most)",
        hint="record the overdue measurement, or change this rule's grace_days",
    ),
}

ENGLISH = Catalog(language="en", texts=ENGLISH_TEXTS, labels=ENGLISH_LABELS)
"""English messages and labels."""

CHINESE_LABELS: Mapping[str, str] = {
    "summary": "共 {count} 项发现：{errors} 个错误，{warnings} 个警告，{infos} 个提示",
    "finding": "项发现",
    "findings": "项发现",
    "error": "错误",
    "errors": "错误",
    "warning": "警告",
    "warnings": "警告",
    "info": "提示",
    "infos": "提示",
    "hint": "建议：",  # the full-width colon carries its own space
    "plan": "整体计划",
    "at": "检查日",
    "none": "未发现问题",
    "notes": "说明",
    "list_separator": "、",
    "note.needs_day": "{code} 已跳过：需要检查日期（请传入 at=...）",
    "note.no_scoring": "{code} 已跳过：goalkit.scoring 不可用",
    "note.no_evaluation": "{code} 已跳过：无法在 {day} 对计划评分（{problem}）",
    "jump.increase": "达到起点的 {ratio} 倍",
    "jump.decrease": "降至起点的 1/{ratio}、减少 {percent}",
    "jump.limit.increase": "超过 {max_ratio} 倍的跃升",
    "jump.limit.decrease": "降至 1/{max_ratio} 以下",
    "short": "短",
    "long": "长",
    "financial": "财务",
    "customer": "客户",
    "internal_process": "内部流程",
    "learning_growth": "学习与成长",
}

CHINESE_TEXTS: Mapping[str, Text] = {
    "SMART-S01": Text(
        message="“{title}”表述模糊：“{terms}”既没有具体对象，也没有数字",
        hint="写清改变什么、改变多少，例如“拜访 100 家制造业客户”，而不是“与客户建立良好关系”",
    ),
    "SMART-M01": Text(
        message="指标型关键结果“{title}”没有单位",
        hint="设置 unit=（“%”、“元”、“家客户”、“天”），数字才有意义",
    ),
    "SMART-M02": Text(
        message="“{title}”没有基线：目标值 {target} 缺少起点",
        hint="设置 baseline=（或用 FIRST_CHECK_IN 以首次打卡为基线），或在周期开始前记录一次打卡",
    ),
    "SMART-M03": Text(
        message="“{title}”的里程碑“{milestone}”没有写明具体交付物",
        hint="写明完成时交付什么，例如“16 页宣传册印刷完成”，而不是“第二阶段完成”",
    ),
    "SMART-M04": Text(
        message="目标“{title}”没有关键结果，无从衡量",
        hint="补充 2 到 4 个能证明目标达成的关键结果",
    ),
    "SMART-A01": Text(
        message="“{title}”要求在一个周期内{change}（{start} -> {target}），{limit}很少能实现",
        hint="对照历史数据核实目标，把变化分摊到多个周期；如确属计划内，可调高本规则的 max_ratio",
    ),
    "SMART-A02": Text(
        message="“{title}”在周期开始时就已达成（起点 {start}，目标 {target}）",
        hint="把目标定在当前水平之上；如果只是要保持该水平，请改用 KPI 跟踪",
    ),
    "SMART-R01": Text(
        message="目标“{title}”（{level}）没有对齐任何上级目标或战略主题",
        hint="用 Link(child=..., parent=...) 把它关联到所支撑的关键结果、目标或主题",
    ),
    "SMART-R02": Text(
        message="KPI“{title}”（{level}）没有对齐任何上级目标或战略主题",
        hint="用 Link(child=..., parent=...) 把它关联到所反映的目标或主题",
    ),
    "SMART-T01": Text(
        message="“{title}”既没有周期，也没有截止日期",
        hint="把它放进有周期的目标里、设置截止日期，或写明时限：“一个月内”、“6月30日前”",
    ),
    "SMART-T02": Text(
        message="“{item}”的截止日期 {due} 不在周期 {period}（{start} 至 {end}）之内",
        hint="把截止日期移到周期之内，或把这项工作移到所属的周期",
    ),
    "OKR-COUNT-01": Text(
        message="{owner} 在 {period} 有 {count} 个目标，最多 {max} 个才能保持聚焦",
        hint="删减或合并目标，只保留最重要的几个",
    ),
    "OKR-COUNT-02": Text(
        message="{count} 个负责人在 {period} 的目标少于 {min} 个：{owners}",
        hint="范围较小时可以接受；否则请补上缺失的目标",
    ),
    "OKR-COUNT-03": Text(
        message="目标“{title}”有 {count} 个关键结果，最多 {max} 个才能保持聚焦",
        hint="保留最能证明目标达成的关键结果，其余改为行动计划",
    ),
    "OKR-COUNT-04": Text(
        message="目标“{title}”只有 {count} 个关键结果，至少需要 {min} 个",
        hint="再加一个从另一角度验证的关键结果（数量之外兼顾质量）",
    ),
    "OKR-FORM-01": Text(
        message="目标“{title}”读起来像一个单纯的指标",
        hint="目标用定性的语言说明想要什么、为什么；数字留给关键结果",
    ),
    "OKR-FORM-02": Text(
        message="关键结果“{title}”读起来像一项任务（“{verb}”），没有衡量标准",
        hint="写明完成后会带来什么变化，例如“聊天机器人解答 30% 的工单”，把任务本身放进行动计划",
    ),
    "OKR-COPY-01": Text(
        message="目标“{title}”照搬了上级的关键结果“{source}”",
        hint="上级的关键结果不能直接作为下级的目标：用本团队自己的话写目标，再用关键结果去推动“{source}”",
    ),
    "OKR-TARGET-01": Text(
        message="“{title}”的目标值是整数 {target}，背后没有基线",
        hint="根据基线和历史数据推导目标，并记录基线",
    ),
    "OKR-ORIGIN-01": Text(
        message="{period} 的目标中只有 {share} 是自下而上提出的（建议至少 {min_share}）",
        hint="让团队和个人多提出自己的目标（origin='bottom_up'），再上下协商",
    ),
    "OKR-BALANCE-01": Text(
        message="在标注了期限的 {count} 个目标中，{horizon}期目标只占 {share}"
        "（建议至少 {min_share}）",
        hint="兼顾短期结果与长期目标（能力成长、品牌口碑、先行指标）",
    ),
    "OKR-BALANCE-02": Text(
        message="平衡计分卡的{perspective}维度没有任何目标",
        hint="为该维度增加目标或 KPI，或为现有目标设置 perspective=",
    ),
    "OKR-GRADE-01": Text(
        message="承诺型目标“{title}”在 {period} 结束时得分 {grade}，低于 1.0",
        hint="承诺型目标应达到 1.0：复盘受阻原因，并考虑它是否本应是挑战型目标",
    ),
    "OKR-GRADE-02": Text(
        message="挑战型目标“{title}”得分已达 {grade}：目标定得太低",
        hint="挑战型目标以 0.7 左右为宜；下个周期把目标定得更高",
    ),
    "OKR-DATA-01": Text(
        message="“{title}”在 {period} 开始 {days} 天后仍没有任何打卡",
        hint="记录一次打卡；缺失的数据绝不能默认为正常",
    ),
    "OKR-DATA-02": Text(
        message="“{title}”最近一次打卡是 {last}，已过去 {days} 天（应每 {max_days} 天一次）",
        hint="补录最新打卡，或把本规则的 max_gap_days 调整为你们的节奏",
    ),
    "OKR-CYCLE-01": Text(
        message="目标“{title}”的周期是 {period}（{kind}）；OKR 周期应为季度或月度",
        hint="按季度设定目标（变化快的团队可按月）；年度目标作为指引性的主题保留",
    ),
    "KPI-COUNT-01": Text(
        message="{owner} 有 {count} 个 KPI，超过 {max} 个会分散注意力",
        hint="只保留关键的少数，其余只做报告、不设目标",
    ),
    "KPI-COUNT-02": Text(
        message="{count} 个负责人的 KPI 少于 {min} 个：{owners}",
        hint="岗位职责单一时可以接受；否则请补上缺失的指标",
    ),
    "KPI-THRESH-01": Text(
        message="KPI“{title}”既没有阈值也没有目标值，数值好坏无从判断：任何新数值都算正常",
        hint="设置阈值范围（thresholds=[Threshold(...)]）或目标值；low 和 high 只有在 "
        "polarity='within_range' 时才用于判断数值",
    ),
    "KPI-DATA-01": Text(
        message="KPI“{title}”没有任何测量值",
        hint="记录一次数值；缺失的测量绝不能默认为正常",
    ),
    "KPI-DATA-02": Text(
        message="KPI“{title}”最近一次测量是 {last}，已过去 {days} 天"
        "（{frequency}：最多间隔 {max_days} 天）",
        hint="补录逾期的测量值，或调整本规则的 grace_days",
    ),
}

CHINESE = Catalog(language="zh", texts=CHINESE_TEXTS, labels=CHINESE_LABELS)
"""Chinese (simplified) messages and labels."""

MESSAGES: Mapping[str, Catalog] = {"en": ENGLISH, "zh": CHINESE}
"""The built-in catalogs by language tag."""
