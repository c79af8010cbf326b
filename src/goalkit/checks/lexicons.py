"""Word lists per language that the wording rules read, and the small text analysis on them.

A :class:`Lexicon` is data: vague words ("improve", "提升"), nouns too broad to
name an object ("customers", "关系"), filler, task verbs ("launch", "上线"),
number words and deadline patterns. The built-in :data:`ENGLISH_LEXICON` and
:data:`CHINESE_LEXICON` lexicons are extended with :meth:`Lexicon.extended`, and a new
language is a new :class:`Lexicon`.

>>> is_vague("Improve customer relationships", LEXICONS)
True
>>> is_vague("Visit 100 manufacturing customers", LEXICONS)
False
>>> is_vague("提升客户关系", LEXICONS)
True
>>> states_deadline("Advertising conversions reach 500,000 within a month", LEXICONS)
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from goalkit._show import show
from goalkit._validation import Problems

__all__ = [
    "CHINESE_LEXICON",
    "ENGLISH_LEXICON",
    "LEXICONS",
    "Lexicon",
    "concrete_words",
    "has_number",
    "is_vague",
    "normalise",
    "states_deadline",
    "task_verb",
    "vague_terms",
]


def _terms(value: Any) -> Any:
    # strings and non-iterables are left for validation to report
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(value)


_TERM_KINDS = ("vague", "generic", "filler", "task_verbs", "numbers")


@attrs.frozen(kw_only=True)
class Lexicon:
    """The words of one language that the wording rules look for.

    Terms are matched case-insensitively after Unicode NFKC normalisation. With
    :attr:`word_boundaries` (languages written with spaces) a term matches only
    as whole words; without (Chinese, Japanese) it matches anywhere.

    Attributes:
        language: A language tag ("en", "zh").
        vague: Words and phrases that promise change without saying what or how
            much ("improve", "better", "good relationship", "提升").
        generic: Nouns too broad to be the object of a goal on their own
            ("customers", "relationship", "quality", "客户").
        filler: Words that carry no content (articles, particles, "进一步").
        task_verbs: Verbs that name work rather than an outcome ("launch").
        numbers: Number words ("hundred", "百"); digits always count.
        deadlines: Regular expressions that state a deadline ("by 30 June").
        word_boundaries: Whether terms match only as whole words.

    >>> mine = ENGLISH_LEXICON.extended(vague=["synergise"])
    >>> is_vague("Synergise the teams", [mine])
    True
    """

    language: str
    vague: tuple[str, ...] = attrs.field(default=(), converter=_terms)
    generic: tuple[str, ...] = attrs.field(default=(), converter=_terms)
    filler: tuple[str, ...] = attrs.field(default=(), converter=_terms)
    task_verbs: tuple[str, ...] = attrs.field(default=(), converter=_terms)
    numbers: tuple[str, ...] = attrs.field(default=(), converter=_terms)
    deadlines: tuple[str, ...] = attrs.field(default=(), converter=_terms)
    word_boundaries: bool = True

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("language", self.language)
        if not isinstance(self.word_boundaries, bool):
            problems.add(
                "word_boundaries",
                self.word_boundaries,
                f"'word_boundaries' must be True or False (got {show(self.word_boundaries)})",
            )
        # Without word boundaries, number words are regular expressions too.
        patterns = {"deadlines"} if self.word_boundaries is not False else {"deadlines", "numbers"}
        for kind in (*_TERM_KINDS, "deadlines"):
            terms = getattr(self, kind)
            if not isinstance(terms, tuple):
                problems.add(
                    kind, terms, f"'{kind}' must be a sequence of strings (got {show(terms)})"
                )
                continue
            for index, term in enumerate(terms):
                if not isinstance(term, str):
                    problems.add(
                        f"{kind}[{index}]", term, f"'{kind}' must hold strings (got {show(term)})"
                    )
                elif kind in patterns:
                    try:
                        # as the matching joins them: a group of its own
                        re.compile(f"(?:{term})")
                    except (re.error, RecursionError, OverflowError) as error:
                        problems.add(
                            f"{kind}[{index}]",
                            term,
                            f"'{kind}' must hold regular expressions: {error} (got {show(term)})",
                        )
        problems.raise_if_any()

    def extended(
        self,
        *,
        vague: Iterable[str] = (),
        generic: Iterable[str] = (),
        filler: Iterable[str] = (),
        task_verbs: Iterable[str] = (),
        numbers: Iterable[str] = (),
        deadlines: Iterable[str] = (),
    ) -> Lexicon:
        """Return this lexicon with more terms of each kind.

        Raises:
            ValidationError: for an argument that is not a sequence of strings
                (a lone string included: pass ``["term"]``), or a pattern that
                is not a regular expression.

        >>> "synergy" in ENGLISH_LEXICON.extended(generic=["synergy"]).generic
        True
        """
        added = {
            "vague": vague,
            "generic": generic,
            "filler": filler,
            "task_verbs": task_verbs,
            "numbers": numbers,
            "deadlines": deadlines,
        }
        problems = Problems()
        for kind, terms in added.items():
            if isinstance(terms, str | bytes) or not isinstance(terms, Iterable):
                problems.add(
                    kind, terms, f"'{kind}' must be a sequence of strings (got {show(terms)})"
                )
        problems.raise_if_any()
        changes: dict[str, Any] = {
            kind: (*getattr(self, kind), *terms) for kind, terms in added.items()
        }
        return attrs.evolve(self, **changes)


_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"

ENGLISH_LEXICON = Lexicon(
    language="en",
    vague=(
        "improve", "improves", "improved", "improving", "improvement", "improvements",
        "better", "best", "good", "great", "excellent", "world-class", "world class",
        "good relationship", "good relationships", "strong", "stronger",
        "enhance", "enhanced", "enhancing", "optimise", "optimised", "optimize", "optimized",
        "optimising", "optimizing", "strengthen", "strengthening", "boost", "boosting",
        "increase", "increasing", "grow", "growing", "raise", "reduce", "reducing",
        "decrease", "maximise", "maximize", "minimise", "minimize", "more", "less",
        "higher", "lower", "significant", "significantly", "effective", "effectively",
        "efficient", "efficiently", "establish", "deepen", "foster", "promote", "ensure",
        "focus on", "work on", "drive", "make", "build", "develop", "expand", "as much as possible",
    ),
    generic=(
        "customer", "customers", "client", "clients", "user", "users", "relationship",
        "relationships", "relation", "relations", "experience", "quality", "performance",
        "efficiency", "effectiveness", "process", "processes", "service", "services",
        "satisfaction", "results", "result", "business", "things", "stuff", "work", "team",
        "teams", "teamwork", "communication", "collaboration", "cooperation", "culture",
        "growth", "sales", "revenue", "profit", "profits", "cost", "costs", "productivity",
        "engagement", "awareness", "brand", "image", "capability", "capabilities", "skills",
        "level", "levels", "management", "operations", "product", "products", "company",
        "organisation", "organization", "progress", "phase", "step", "stage", "milestone",
        "part", "done", "complete", "completed", "finish", "finished", "task", "tasks",
        "deliverable", "deliverables", "everything", "overall", "general", "generally",
    ),
    filler=(
        "a", "an", "the", "of", "for", "with", "and", "or", "to", "in", "on", "at", "our",
        "we", "us", "all", "its", "their", "my", "your", "this", "that", "these", "those",
        "from", "into", "further", "continuously", "continue", "keep", "very", "really",
        "even", "much", "is", "are", "be", "by",
    ),
    task_verbs=(
        "launch", "build", "create", "implement", "develop", "write", "set up", "hold",
        "organise", "organize", "start", "design", "deploy", "release", "introduce", "roll out",
        "publish", "prepare", "conduct", "attend", "migrate", "install", "complete", "finish",
        "do", "run", "ship", "hire", "plan", "draft", "set", "kick off", "host",
    ),
    numbers=(
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety", "hundred", "thousand", "million", "billion", "dozen", "twice", "double",
        "triple", "half", "percent", "per cent",
    ),
    deadlines=(
        rf"\bby (?:the )?(?:end|\d|{_MONTHS}|{_WEEKDAYS}|q[1-4]|h[12]|next|this|mid)",
        r"\bbefore\b",
        r"\buntil\b",
        r"\bwithin\b",
        r"\bno later than\b",
        r"\bdeadline\b",
        r"\bdue\b",
        r"\bend of\b",
        r"\b(?:this|next) (?:week|month|quarter|year)\b",
        r"\b(?:in|during) (?:q[1-4]|h[12]|\d{4})\b",
        r"\bq[1-4]\b",
        r"\b\d{4}-\d{2}-\d{2}\b",
        rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS})\b",
        rf"\b(?:{_MONTHS}) \d{{1,2}}\b",
    ),
)  # fmt: skip
"""English terms."""

CHINESE_LEXICON = Lexicon(
    language="zh",
    vague=(
        "提升", "提高", "优化", "加强", "改善", "改进", "增强", "强化", "促进", "推进", "推动",
        "完善", "深化", "做好", "做大", "做强", "抓好", "落实", "建立", "打造", "良好", "更好",
        "显著", "有效", "大幅", "全面", "积极", "努力", "争取", "增加", "减少", "降低", "扩大",
        "拓展", "发展", "良好关系", "搞好",
    ),
    generic=(
        "客户", "顾客", "用户", "关系", "质量", "效率", "效果", "能力", "水平", "服务", "管理",
        "体验", "满意度", "绩效", "业绩", "销售", "收入", "利润", "成本", "流程", "团队", "建设",
        "沟通", "协作", "合作", "文化", "品牌", "形象", "影响力", "产品", "业务", "工作", "公司",
        "组织", "运营", "增长", "进展", "阶段", "任务", "事情", "方面", "相关", "完成", "交付",
    ),
    filler=(
        "的", "地", "得", "和", "与", "及", "以及", "并", "了", "把", "对", "在", "中", "我们",
        "我", "第", "进一步", "更加", "持续", "不断", "整体", "各项", "一个", "一些", "一定",
    ),
    task_verbs=(
        "上线", "推出", "发布", "开发", "建立", "搭建", "完成", "实施", "举办", "组织", "制定",
        "编写", "设计", "部署", "启动", "开展", "召开", "筹备",
    ),
    numbers=(
        r"百分之",
        r"[〇零一二三四五六七八九十两百千万亿]+(?:个|家|次|项|名|位|人|天|日|周|月|年|倍|成|点|分|篇|页)",
        r"[十百千万亿]",
    ),
    deadlines=(
        r"\d+\s*月\s*\d+\s*[日号]",
        r"\d{4}\s*年",
        r"(?:月|季度|年|周)(?:底|末)",
        r"(?:个月|天|周|日|年|季度|月)[以之]?内",
        r"以内",
        r"之前",
        r"截止",
        r"[内前]完成",
        r"本(?:周|月|季度|年)",
        r"今年",
        r"[第]?[一二三四1-4]季度",
    ),
    word_boundaries=False,
)  # fmt: skip
"""Chinese terms, matched anywhere in the text since Chinese is written without spaces."""

LEXICONS: tuple[Lexicon, ...] = (ENGLISH_LEXICON, CHINESE_LEXICON)
"""The built-in lexicons, applied together (a plan may mix languages)."""

_PUNCTUATION = re.compile(r"[^\w\s]|_")


def normalise(text: str) -> str:
    """Fold case, width and punctuation so equal wordings compare equal.

    Used to spot copied titles: case, whitespace and punctuation do not count.

    >>> normalise("  Grow   Revenue, from EUR 2.0M!  ")
    'grow revenue from eur 20m'
    >>> normalise("提升 客户满意度。") == normalise("提升客户满意度")
    False
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCTUATION.sub("", folded).split())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _alternation(terms: Iterable[str]) -> str:
    unique = sorted({_fold(t).strip() for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    return "|".join(r"\s+".join(re.escape(part) for part in t.split()) for t in unique)


@functools.lru_cache(maxsize=64)
def _term_pattern(terms: tuple[str, ...], word_boundaries: bool) -> re.Pattern[str] | None:
    body = _alternation(terms)
    if not body:
        return None
    if word_boundaries:
        return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")
    return re.compile(f"(?:{body})")


@functools.lru_cache(maxsize=64)
def _regex_pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _number_pattern(lexicon: Lexicon) -> re.Pattern[str] | None:
    if lexicon.word_boundaries:
        return _term_pattern(lexicon.numbers, word_boundaries=True)
    return _regex_pattern(lexicon.numbers)


_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")


def _strip(text: str, lexicons: Sequence[Lexicon], kinds: Sequence[str]) -> str:
    for lexicon in lexicons:
        for kind in kinds:
            pattern = _term_pattern(getattr(lexicon, kind), lexicon.word_boundaries)
            if pattern is not None:
                text = pattern.sub(" ", text)
    return text


def vague_terms(text: str, lexicons: Sequence[Lexicon]) -> tuple[str, ...]:
    """The vague terms in ``text``, in order of appearance (as folded text).

    >>> vague_terms("Establish a good relationship with customers", LEXICONS)
    ('establish', 'good relationship')
    """
    folded = _fold(text)
    found: list[tuple[int, str]] = []
    for lexicon in lexicons:
        pattern = _term_pattern(lexicon.vague, lexicon.word_boundaries)
        if pattern is not None:
            found.extend((m.start(), " ".join(m.group().split())) for m in pattern.finditer(folded))
    return tuple(dict.fromkeys(term for _, term in sorted(found)))


def has_number(text: str, lexicons: Sequence[Lexicon]) -> bool:
    """Whether ``text`` states a number, in digits or in words.

    Filler that merely contains a number word ("一个", "a") does not count.

    >>> has_number("Visit a hundred customers", LEXICONS), has_number("拜访一百家客户", LEXICONS)
    (True, True)
    >>> has_number("建立一个良好的客户关系", LEXICONS)
    False
    """
    rest = _strip(_fold(text), lexicons, ("filler",))
    if _DIGIT.search(rest):
        return True
    for lexicon in lexicons:
        pattern = _number_pattern(lexicon)
        if pattern is not None and pattern.search(rest):
            return True
    return False


def concrete_words(text: str, lexicons: Sequence[Lexicon], *, numbers: bool = False) -> str:
    """What is left of ``text`` once vague, generic and filler terms are taken out.

    Numbers are dropped too unless ``numbers`` is true. An empty result means the
    text names no concrete object.

    >>> concrete_words("Improve the onboarding checklist", LEXICONS)
    'onboarding checklist'
    >>> concrete_words("Phase 2 done", LEXICONS)
    ''
    """
    rest = _strip(_fold(text), lexicons, ("vague", "generic", "filler"))
    if not numbers:
        for lexicon in lexicons:
            pattern = _number_pattern(lexicon)
            if pattern is not None:
                rest = pattern.sub(" ", rest)
    words = _PUNCTUATION.sub(" ", rest).split()
    if numbers:
        return " ".join(words)
    # isnumeric() also covers numerals written as letters, such as 二 or 百
    kept = ("".join(c for c in word if not c.isnumeric()) for word in words)
    return " ".join(word for word in kept if _LETTER.search(word))


def is_vague(text: str, lexicons: Sequence[Lexicon]) -> bool:
    """Whether ``text`` is vague: a vague term, no number, and no concrete object.

    >>> is_vague("Establish a good relationship with customers", LEXICONS)
    True
    >>> is_vague("Improve customer relationships by 10 points", LEXICONS)
    False
    >>> is_vague("Improve the onboarding checklist", LEXICONS)
    False
    """
    return (
        bool(vague_terms(text, lexicons))
        and not has_number(text, lexicons)
        and not concrete_words(text, lexicons)
    )


def states_deadline(text: str, lexicons: Sequence[Lexicon]) -> bool:
    """Whether ``text`` states a deadline ("by 30 June", "within a month", "6月30日前").

    >>> states_deadline("Visit 100 manufacturing customers", LEXICONS)
    False
    >>> states_deadline("一个月内广告转化达到50万", LEXICONS)
    True
    """
    folded = _fold(text)
    for lexicon in lexicons:
        pattern = _regex_pattern(lexicon.deadlines)
        if pattern is not None and pattern.search(folded):
            return True
    return False


def task_verb(text: str, lexicons: Sequence[Lexicon]) -> str | None:
    """The task verb ``text`` starts with ("launch", "上线"), or ``None``.

    >>> task_verb("Launch the help-centre chatbot", LEXICONS)
    'launch'
    >>> task_verb("Raise NPS from 31 to 45", LEXICONS) is None
    True
    """
    folded = _fold(text).strip()
    for lexicon in lexicons:
        pattern = _term_pattern(lexicon.task_verbs, lexicon.word_boundaries)
        if pattern is not None:
            match = pattern.match(folded)
            if match is not None:
                return " ".join(match.group().split())
    return None
