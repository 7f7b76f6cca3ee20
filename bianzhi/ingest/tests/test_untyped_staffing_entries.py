"""Staffing wordings and bodies of yearbook and encyclopedia entries (clauses.UNTYPED_STAFF_RE, BODY_SUFFIX), seen in heldout_final14 after its
one run; the snippets are not the corpus texts."""
from .helpers import p


def test_an_entrys_staffing_counted_in_persons_is_read_untyped():
    """heldout_final14 (added after its one run): “人员编制7人”, “人员定编3人” in yearbook and encyclopedia entries."""
    d = p("河阳县地震局为县政府直属事业单位。设有党支部,有党员6人,人员编制5人,内设办公室、监测股。")
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "人员编制", 5)]
    d = p("河阳县侨联成立于1990年,为正科级人民团体,人员定编4人。")
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "人员定编", 4)]
    d = p("河阳县地震局现有在职人员编制内12人。")
    assert d["staffing"] == []


def test_a_weather_bureaus_observatory_is_one_of_its_bodies():
    d = p("河阳县气象局为县政府直属事业单位。设有党支部,人员编制5人,内设办公室、气象台、防灾减灾科。")
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "气象台", "防灾减灾科"]


def test_staffing_per_ten_thousand_people_is_a_ratio_not_a_figure():
    """heldout_final15 (added after its one run): “行政编制万人比为11.7” gave a staffing of 10,000."""
    d = p("河阳区常住人口52万,行政编制万人比为9.3,低于全省平均值。")
    assert d["staffing"] == []
    d = p("河阳区人员编制万人比为4.1。")
    assert d["staffing"] == []
    d = p("本局行政编制万人比为9.3,核定行政编制12名。")
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 12)]
    d = p("全市核定事业编制1万人。")
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("事业编制", 10000)]


def test_a_kind_of_unit_set_up_in_several_places_at_once_is_no_one_unit():
    """heldout_final15 (added after its one run): “4个区成立统战工作服务中心,系…正科级事业单位” is news of one centre in each
    district, not one unit's facts; one place setting up its own centre still gives the unit."""
    d = p("目前,全省已有5个县(河阳县、清溪县、安平县、长宁县、永和县)成立社会工作服务中心,系公益一类正股级事业单位。")
    assert (d["unit"], d["nature"], d["rank"]) == (None, None, None)
    d = p("近日,全县12个乡镇均成立了便民服务中心,为乡镇所属事业单位。")
    assert (d["unit"], d["nature"]) == (None, None)
    d = p("河阳县成立社会工作服务中心,系公益一类正股级事业单位。")
    assert d["unit"] == "社会工作服务中心" and d["rank"] == "正股级"
