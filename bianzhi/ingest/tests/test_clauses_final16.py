"""Rules the lead added after measuring the sixteenth final split (bench/sanding_real, heldout_final16) — tuned, not
unseen. The snippets are NOT the corpus texts: each rule is tried on differently worded, differently named texts of the
same kind, so a test passes only if the rule is general."""
from .helpers import p


def test_a_unit_set_up_on_its_own_with_its_rank():
    # a 编办's reply restated in news: the unit was a plaque on another body and is now set up on its own
    d = p("经市编办批复同意,青山区档案馆由在青山区文化馆挂牌调整为单独设置,机构规格为正科级,仍由区文化和旅游局管理。")
    assert (d["unit"], d["rank"]) == ("青山区档案馆", "正科级")
    d = p("经县编委研究,城关镇文化站由挂靠县文化馆改为单设,规格为股级。")
    assert (d["unit"], d["rank"]) == ("城关镇文化站", "股级")


def test_a_unit_set_up_on_its_own_without_a_rank_states_none():
    d = p("经市编办批复同意,青山区档案馆由在青山区文化馆挂牌调整为单独设置。")
    assert d["rank"] is None
