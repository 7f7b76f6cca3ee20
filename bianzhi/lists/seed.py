"""The 事项类别 dictionary the platform starts with: the ten national categories (“9+X”) and 公共服务, with
code prefixes and the procedural stages of their per-power responsibilities. Administrators edit and extend it
afterwards. Used by the seeding migration and by the demo (which restores it after a test flush)."""

CATEGORIES = [
    ("行政许可", "XK", True, ["受理", "审查", "决定", "送达", "事后监管"]),
    ("行政处罚", "CF", True, ["立案", "调查取证", "审理", "告知", "决定", "送达", "执行"]),
    ("行政强制", "QZ", True, ["催告", "决定", "执行", "事后监管"]),
    ("行政征收", "ZS", True, ["受理", "审核", "决定", "征收", "事后监管"]),
    ("行政给付", "JF", True, ["受理", "审核", "决定", "发放", "事后监管"]),
    ("行政检查", "JC", True, ["检查", "处置", "移送", "事后监管"]),
    ("行政确认", "QR", True, ["受理", "审查", "决定", "送达", "事后监管"]),
    ("行政奖励", "JL", True, ["制定方案", "组织推荐", "审核公示", "决定", "兑现"]),
    ("行政裁决", "CJ", True, ["受理", "审理", "裁决", "送达", "执行"]),
    ("其他行政权力", "QT", True, ["受理", "审查", "决定", "送达", "事后监管"]),
    ("公共服务", "GG", False, ["受理", "办理", "答复", "监督"]),
]
