"""Judge an official reply: relevance, completeness, grounding and timeliness.

Each part is a number in [0, 1] from transparent rules, so a supervisor can
see why a reply scored low; `reasons` says it in Chinese. The total is a
weighted sum on a 0-100 scale:

    total = 100 x (0.30 relevance + 0.25 completeness + 0.25 grounding + 0.20 timeliness)

* relevance: how many of the message's key terms (words of its subject,
  and the most frequent content words of its body) the reply takes up;
* completeness: does the reply acknowledge the message, state what was
  found, say what was done, say what happens next, and is it long enough;
* grounding: does it cite a policy or law, give checkable facts (dates,
  numbers, document names), name a next step, or give a contact;
* timeliness: 1 within 7 days, falling to 0.8 at 15, 0.5 at 30 and 0.1 at
  60 days or more (many local rules ask for an answer within 15 working days).
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from gongzhi.insight.normalize import normalize
from gongzhi.insight.segment import words

WEIGHTS = {"relevance": 0.30, "completeness": 0.25, "grounding": 0.25, "timeliness": 0.20}

# Words that carry no subject matter in residents' messages.
_STOPWORDS = set(
    "的 了 是 在 我 我们 你 您 他 她 它 和 与 及 或 也 都 就 还 又 把 被 让 给 对 从 向 到 为 "
    "请 请问 问题 关于 反映 投诉 建议 希望 领导 尊敬 您好 你好 谢谢 感谢 相关 部门 有关 "
    "什么 怎么 为什么 如何 能否 是否 可以 没有 不 一个 这个 那个 这 那 哪 有 无 要 会 能 "
    "现在 目前 已经 一直 时候 情况 事情 市 区 县 A市 请求 要求 恳请 书记 市长 县长 区长 局长 咨询 本人 据 "
    "你们 他们 她们 自己 大家 不是 不能 不会 不要 没 很多 一些 这些 那些 这样 那样 每次 多次 经常 "
    "非常 特别 严重 可能 应该 需要 进行 因为 所以 但是 而且 如果 还是 就是 一下 几个 附近 周边 旁边 "
    "小区 社区 居民 业主 百姓 老百姓 群众 政府 街道".split()
)
# Names of administrative areas (鼓楼区, 福州市, A7县) say where, not what.
_AREA_NAME = re.compile(r"^.{1,4}[省市区县]$")

_PARTS = {
    "acknowledges": re.compile(r"您好|你好|来信|留言|收悉|反映|诉求|提出的|关注|网友"),
    "finds": re.compile(
        r"经查|核实|核查|调查|了解到|据了解|经了解|现将|情况如下|现场|查看|检查|勘查|踏勘|走访|排查|属实"
    ),
    "acts": re.compile(r"已经|已于|已对|已将|已责令|已安排|已督促|处理|整改|解决|办理|落实|查处"),
    "next_step": re.compile(
        r"下一步|将继续|将会|将于|今后|后续|计划|预计|跟踪|督促|持续|转交|反馈"
    ),
}
# A cited rule: a titled document that is a law, regulation, notice or plan
# (not just any 《》, which also quotes platform names), an article number, or
# "according to ... rules/policy".
_POLICY = re.compile(
    r"《[^》]{0,40}(?:法|条例|规定|办法|意见|通知|决定|细则|标准|规划|方案|制度|政策)[^》]{0,6}》"
    r"|第[一二三四五六七八九十百\d]+条"
    r"|(?:根据|依据|按照|依照)[^。]{0,30}(?:规定|政策|文件|条例|法|标准|要求)"
)
_FACT = re.compile(r"\d{4}年|\d+月\d+日|\d+(?:\.\d+)?(?:万|元|户|人|米|天|个|项|平方米|%)")
_CONTACT = re.compile(r"<PHONE>|电话|热线|联系|咨询|地址|窗口|12345")
_SHORT_REPLY = 60


@dataclass
class ReplyScore:
    """Scores of one reply: four parts in [0, 1], a total 0-100 and reasons in Chinese."""

    relevance: float
    completeness: float
    grounding: float
    timeliness: float
    total: int
    delay_days: float | None
    reasons: list[str] = field(default_factory=list)
    # The same reasons as (code, values), for callers that word them in
    # another language; REASON_TEXT gives the Chinese wording of each code.
    reason_codes: list[tuple[str, dict]] = field(default_factory=list)


def key_terms(title: str, body: str, limit: int = 8) -> list[str]:
    """The message's subject-matter words: subject words first, then frequent body words."""

    def content(text: str) -> list[str]:
        return [
            w
            for w in words(text)
            if len(w) >= 2 and w not in _STOPWORDS and not w.isdigit() and not _AREA_NAME.match(w)
        ]

    terms = list(dict.fromkeys(content(title)))
    for word, _ in Counter(content(body[:600])).most_common(limit):
        if word not in terms:
            terms.append(word)
    return terms[:limit]


def relevance(title: str, body: str, reply: str) -> tuple[float, list[str]]:
    """Share of the message's key terms that the reply mentions, and the ones it misses."""
    terms = key_terms(normalize(title), normalize(body))
    if not terms:
        return 0.5, []
    reply = reply.lower()
    missed = [term for term in terms if term.lower() not in reply]
    return 1 - len(missed) / len(terms), missed


def completeness(reply: str) -> tuple[float, list[str]]:
    missing = [name for name, pattern in _PARTS.items() if not pattern.search(reply)]
    score = 1 - len(missing) / len(_PARTS)
    if len(reply) < _SHORT_REPLY:
        score *= 0.5
    return score, missing


def grounding(reply: str) -> tuple[float, dict[str, bool]]:
    found = {
        "policy": bool(_POLICY.search(reply)),
        "fact": bool(_FACT.search(reply)),
        "next_step": bool(_PARTS["next_step"].search(reply)),
        "contact": bool(_CONTACT.search(reply)),
    }
    return sum(found.values()) / len(found), found


def timeliness(delay_days: float | None) -> float:
    """1 within a week, then down in straight pieces through (15, 0.8), (30, 0.5), (60, 0.1)."""
    if delay_days is None:
        return 0.5
    points = [(7, 1.0), (15, 0.8), (30, 0.5), (60, 0.1)]
    if delay_days <= points[0][0]:
        return 1.0
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if delay_days <= x1:
            return y0 + (y1 - y0) * (delay_days - x0) / (x1 - x0)
    return 0.1


def score_reply(
    title: str,
    body: str,
    reply: str,
    posted_at: datetime | None = None,
    replied_at: datetime | None = None,
) -> ReplyScore:
    """Score an official `reply` to a message (subject `title`, text `body`)."""
    reply = normalize(reply)
    delay = None
    if posted_at and replied_at:
        delay = max(0.0, (replied_at - posted_at).total_seconds() / 86400)
    parts = {}
    parts["relevance"], missed = relevance(title, body, reply)
    parts["completeness"], missing = completeness(reply)
    parts["grounding"], found = grounding(reply)
    parts["timeliness"] = timeliness(delay)
    total = round(100 * sum(WEIGHTS[name] * value for name, value in parts.items()))
    codes = _reason_codes(reply, missed, missing, found, delay)
    return ReplyScore(
        relevance=round(parts["relevance"], 3),
        completeness=round(parts["completeness"], 3),
        grounding=round(parts["grounding"], 3),
        timeliness=round(parts["timeliness"], 3),
        total=total,
        delay_days=None if delay is None else round(delay, 1),
        reasons=[reason_text(code, values) for code, values in codes],
        reason_codes=codes,
    )


# The Chinese wording of each reason code, with its values in braces.
REASON_TEXT = {
    "short": "答复过短（{chars}字）",
    "missed_terms": "未涉及留言中的：{terms}",
    "no_acknowledgement": "未确认收到留言人反映的问题",
    "no_finding": "未说明调查核实的情况",
    "no_action": "未说明已采取的处理措施",
    "cites_policy": "引用了政策法规",
    "no_policy": "未引用政策法规依据",
    "no_next_step": "未说明下一步安排",
    "no_contact": "未提供联系方式",
    "late": "答复用时{days}天，超过15天",
    "in_time": "答复及时（{days}天）",
}

_MISSING_CODE = {"acknowledges": "no_acknowledgement", "finds": "no_finding", "acts": "no_action"}


def _reason_codes(
    reply: str, missed: list[str], missing: list[str], found: dict[str, bool], delay: float | None
) -> list[tuple[str, dict]]:
    codes: list[tuple[str, dict]] = []
    if len(reply) < _SHORT_REPLY:
        codes.append(("short", {"chars": len(reply)}))
    if missed:
        codes.append(("missed_terms", {"terms": "、".join(missed[:4])}))
    codes += [(_MISSING_CODE[name], {}) for name in missing if name != "next_step"]
    codes.append(("cites_policy" if found["policy"] else "no_policy", {}))
    if not found["next_step"]:
        codes.append(("no_next_step", {}))
    if not found["contact"]:
        codes.append(("no_contact", {}))
    if delay is not None:
        codes.append(("late" if delay > 15 else "in_time", {"days": f"{delay:.0f}"}))
    return codes


def reason_text(code: str, values: dict) -> str:
    """One reason in Chinese."""
    return REASON_TEXT[code].format(**values)
