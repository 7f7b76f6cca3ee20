"""General 机构编制 / 三定 vocabulary for the post-OCR correction (ocr_correct).

Written from the domain field guide (DOMAIN.md: unit kinds, ranks, 编制 types, 三定 sections, the usual
duty phrases and internal-body names) and from general knowledge of official documents — NOT taken from
the benchmark corpus or its labels. Add words freely: a word here only ever lets a one-character
look-alike slip be repaired into it (see ocr_correct for the guards).
"""

WORDS_TEXT = """
    机构编制 三定规定 职能配置 内设机构 人员编制 领导职数 行政编制 事业编制 机关行政编制 政法专项编制
    纪检监察编制 工勤人员编制 机关工勤人员编制 参照公务员法管理 主要职责 职能转变 职责分工 有关职责分工
    职能调整 取消的职责 划入的职责 划出的职责 加强的职责 其他事项 附则 本规定 另行规定 施行 解释 机构规格
    正厅级 副厅级 正处级 副处级 正科级 副科级 股级 政府工作部门 党委工作机关 部门管理机构 议事协调机构
    派出机构 事业单位 所属事业单位 主管部门 加挂 牌子 对外保留 机构改革方案 决策部署 方针政策 集中统一领导
    贯彻落实 贯彻执行 法律法规 发展规划 中长期规划 年度计划 规划 政策措施 组织实施 统筹规划 统筹协调
    协调管理 监督管理 监督检查 指导 承担 负责 拟订 制定 参与 会同 有关部门 交办 其他任务 日常 日常工作
    日常运转 机关日常运转 文电 会务 机要 档案 信息 安全 保密 信访 政务公开 财务 资产管理 国有资产
    固定资产 固定资产投资 投资结构 调控目标 安全生产 应急管理 行政审批 行政许可 行政处罚 行政执法 综合执法
    市场监管 统计 审计 督导 评估 监测 预测预警 宏观经济 国民经济 社会发展 产业政策 价格 财政 预算 决算
    国库 政府采购 非税收入 税收 金融 人事 干部人事 劳动工资 离退休干部 机关党委 党群工作 纪检监察 宣传
    教育 培训 卫生 健康 交通运输 农村公路 道路运输 水路运输 海事 港航 农业 农村 林业 水利 自然资源
    生态环境 住房 城乡建设 民政 司法 公安 人力资源 社会保障 就业 科技 工业 信息化 商务 文化 旅游 体育
    退役军人 应急 市场 医疗保障 公共服务 简政放权 放管结合 优化服务 事中事后监管 办公室 综合科 秘书科
    人事科 政策法规科 规划科 财务科 统筹 管理 工作 职责 制度 组织 协调 监督 实施 完成 建设 养护 设施
    标准 设置 机构 编制 局长 副局长 主任 副主任 书记 副书记 总督学 总工程师 总经济师 专职 兼任 其中
    全市 全区 全县 全省 全社会 市人民政府 区人民政府 县人民政府 人民代表大会 常务委员会 自治区 党中央
    国务院 市委 区委 县委
"""

WORDS = frozenset(w for w in WORDS_TEXT.split() if len(w) >= 2)
