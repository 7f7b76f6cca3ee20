"""Every transition of flow.TRANSITIONS and every reason it is refused."""
import datetime

import pytest
from django.core import mail

from bianzhi.accounts.models import Role, User
from bianzhi.workflow import flow, services, sheet
from bianzhi.workflow.locks import is_unit_locked
from bianzhi.workflow.models import DataPackage, Notification, PackageState, Transition

S = PackageState


def signed(package, name):
    """What a signer who has just read the 确认单 submits (None for transitions that sign nothing)."""
    return sheet.current_digest(package) if name in sheet.SIGNING else None


def refused(package, name, user, comment=""):
    with pytest.raises(services.WorkflowRefused) as exc:
        services.fire(package, name, comment, sheet_digest=signed(package, name), acting_user=user)
    return exc.value.reasons


def walk_to(package, state, base):
    u = base.users
    steps = {S.PENDING_CONFIRM: [("submit", "luru")],
             S.CONFIRMED: [("submit", "luru"), ("confirm", "jiaoyu")],
             S.PENDING_REVIEW: [("submit", "luru"), ("confirm", "jiaoyu"), ("submit_review", "luru")],
             S.APPROVED: [("submit", "luru"), ("confirm", "jiaoyu"), ("submit_review", "luru"), ("approve", "shenhe")]}
    for name, username in steps[state]:
        package = services.fire(package, name, sheet_digest=signed(package, name), acting_user=u[username])
    return package


def test_the_table_declares_the_domain_flow():
    pairs = {(t.name, tuple(t.source), t.target) for t in flow.TRANSITIONS}
    assert ("submit", (S.ENTERING,), S.PENDING_CONFIRM) in pairs
    assert ("dept_return", (S.PENDING_CONFIRM,), S.ENTERING) in pairs
    assert ("confirm", (S.PENDING_CONFIRM,), S.CONFIRMED) in pairs
    assert ("submit_review", (S.CONFIRMED,), S.PENDING_REVIEW) in pairs
    assert ("review_return", (S.PENDING_REVIEW,), S.ENTERING) in pairs
    assert ("approve", (S.PENDING_REVIEW,), S.APPROVED) in pairs
    assert ("publish", (S.APPROVED,), S.PUBLISHED) in pairs


def test_full_walk_records_history_people_and_locks(base, package_of):
    package = walk_to(package_of("百色市教育局"), S.APPROVED, base)
    assert package.state == S.APPROVED
    assert package.entered_by.username == "luru"
    assert package.confirmed_by.username == "jiaoyu"
    assert package.reviewed_by.username == "shenhe"
    names = list(Transition.objects.filter(package=package).values_list("name", flat=True))
    assert names == ["submit", "confirm", "submit_review", "approve"]
    assert is_unit_locked(package.unit)
    assert not is_unit_locked(base.unit("百色市招生考试院"))  # locks are per unit


def test_publish_by_the_office_calls_the_portal(base, package_of):
    package = walk_to(package_of("百色市教育局"), S.APPROVED, base)
    assert "不能执行「对外公开」" in refused(package, "publish", base.users["shenhe"])[0]
    package = services.fire(package, "publish", acting_user=base.users["admin"])
    assert package.state == S.PUBLISHED and package.published_by.username == "admin"
    from bianzhi.portal.models import Release

    assert Release.objects.exists()


def test_submit_refusals(base, package_of):
    u = base.users
    package = package_of("百色市教育局")
    assert refused(package, "submit", u["jiaotong"]) == ["「百色市教育局」不在您的数据范围内"]
    assert "角色（部门确认员）不能执行「提交部门确认」" in refused(package, "submit", u["jiaoyu"])[0]
    assert "角色（领导）" in refused(package, "submit", u["lingdao"])[0]
    child = package_of("百色市招生考试院")
    reasons = refused(child, "submit", u["luru"])
    assert reasons == ["主管部门「百色市教育局」尚未提交：请先录入并提交主管部门，再提交其所属单位"]
    services.fire(package, "submit", acting_user=u["luru"])
    assert services.fire(child, "submit", acting_user=u["luru"]).state == S.PENDING_CONFIRM
    # a transition from the wrong state
    assert "当前状态为「待部门确认」，不能执行「提交部门确认」" in refused(package, "submit", u["luru"])[0]


def test_department_sends_back_with_item_comment_then_clerk_resolves(base, package_of):
    u = base.users
    package = services.fire(package_of("百色市教育局"), "submit", acting_user=u["luru"])
    assert refused(package, "dept_return", u["jiaoyu"]) == ["退回时须填写退回意见，或先对具体条目提出意见"]
    body = package.unit.internal_bodies.first()
    comment = services.add_comment(package, "科室名称应与三定一致", target=body, acting_user=u["jiaoyu"])
    assert comment.target == body and comment.stage == "confirm"
    assert "尚有未处理的意见 1 条" in refused(package, "confirm", u["jiaoyu"])[0]
    package = services.fire(package, "dept_return", acting_user=u["jiaoyu"])
    assert package.state == S.ENTERING and package.last_return == "部门退回"
    assert package.state_label == "录入中（部门退回）"
    assert "尚有未处理的意见 1 条" in refused(package, "submit", u["luru"])[0]
    with pytest.raises(services.WorkflowRefused) as exc:
        services.resolve_comment(comment, acting_user=u["jiaotong"])
    assert exc.value.reasons == ["「百色市教育局」不在您的数据范围内"]
    services.resolve_comment(comment, "已按意见修改", acting_user=u["luru"])
    package = services.fire(package, "submit", acting_user=u["luru"])
    assert package.state == S.PENDING_CONFIRM and package.last_return == ""
    assert services.fire(package, "confirm", sheet_digest=sheet.current_digest(package), acting_user=u["jiaoyu"]).state == S.CONFIRMED


def test_comment_refusals(base, package_of):
    u = base.users
    package = package_of("百色市教育局")
    with pytest.raises(services.WorkflowRefused) as exc:
        services.add_comment(package, "意见", acting_user=u["jiaoyu"])
    assert "只有待部门确认或待审核时才能提出意见" in exc.value.reasons[0]
    package = services.fire(package, "submit", acting_user=u["luru"])
    with pytest.raises(services.WorkflowRefused) as exc:
        services.add_comment(package, "意见", acting_user=u["luru"])
    assert "角色（录入员）" in exc.value.reasons[0]
    with pytest.raises(services.WorkflowRefused) as exc:
        services.add_comment(package, "  ", acting_user=u["jiaoyu"])
    assert exc.value.reasons == ["请填写意见内容"]
    other = base.unit("百色市交通运输局").internal_bodies.first()
    with pytest.raises(services.WorkflowRefused) as exc:
        services.add_comment(package, "意见", target=other, acting_user=u["jiaoyu"])
    assert exc.value.reasons == ["意见针对的条目不属于该单位"]


def test_confirmer_scope_covers_subordinates_not_other_departments(base, package_of):
    u = base.users
    services.fire(package_of("百色市教育局"), "submit", acting_user=u["luru"])
    child = services.fire(package_of("百色市招生考试院"), "submit", acting_user=u["luru"])
    # the 主管部门's confirmer confirms for its 所属事业单位
    assert services.fire(child, "confirm", sheet_digest=sheet.current_digest(child), acting_user=u["jiaoyu"]).state == S.CONFIRMED
    transport = services.fire(package_of("百色市交通运输局"), "submit", acting_user=u["jiaotong"])
    assert refused(transport, "confirm", u["jiaoyu"]) == ["「百色市交通运输局」不在您的数据范围内"]
    assert "角色（审核员）" in refused(transport, "confirm", u["shenhe"])[0]


def test_enterer_may_not_confirm_or_review(base, package_of):
    u = base.users
    package = services.fire(package_of("百色市水利局"), "submit", acting_user=u["admin"])
    assert refused(package, "confirm", u["admin"]) == ["录入人与确认人不能为同一人"]
    officer = User.objects.create(username="shuiliqr", role=Role.CONFIRMER, unit=package.unit)
    services.fire(package, "confirm", sheet_digest=sheet.current_digest(package), acting_user=officer)
    package = services.fire(package, "submit_review", acting_user=u["admin"])
    assert refused(package, "approve", u["admin"]) == ["录入人与审核人不能为同一人：本数据包由您录入提交，请由其他审核员审核"]
    assert services.fire(package, "approve", sheet_digest=sheet.current_digest(package), acting_user=u["shenhe"]).state == S.APPROVED


def test_review_return_and_approve_refusals(base, package_of):
    u = base.users
    package = walk_to(package_of("百色市教育局"), S.PENDING_REVIEW, base)
    assert refused(package, "review_return", u["shenhe"]) == ["退回时须填写退回意见，或先对具体条目提出意见"]
    assert refused(package, "approve", u["jiaoyu"])[0].startswith("您的角色（部门确认员）")
    assert "角色（录入员）" in refused(package, "approve", u["luru"])[0]
    services.add_comment(package, "编制数与批文不符", acting_user=u["shenhe"])
    assert "尚有未处理的意见" in refused(package, "approve", u["shenhe"])[0]
    package = services.fire(package, "review_return", "请核对编制数", acting_user=u["shenhe"])
    assert package.state == S.ENTERING and package.last_return == "审核退回"
    assert Transition.objects.filter(package=package, name="review_return", comment="请核对编制数").exists()


def test_submit_refused_until_every_power_item_is_linked_to_a_duty(base, package_of):
    """每个权力事项至少关联一项三定职责，才能提交: the refusal names how many and the first one."""
    from bianzhi.lists.models import PowerItem, ResponsibilityItem
    from bianzhi.sanding.models import DutyKind, DutyRevision

    u = base.users
    finance = base.unit("百色市财政局")  # the lists demo leaves its items unlinked (the coverage report's case)
    package = package_of("百色市财政局")
    unlinked = PowerItem.objects.filter(unit=finance, parent__isnull=True, duties__isnull=True).order_by("code")
    first = unlinked.first()
    reasons = refused(package, "submit", u["luru"])
    assert f"权责清单：{unlinked.count()} 个权力事项未关联三定职责（如 {first.code} {first.name}）：" \
           "每个权力事项至少关联一项三定职责，才能提交" in reasons
    assert "权责清单：1 个责任事项（主要职责）未关联三定职责（如 会计管理和代理记账机构监管）" in reasons
    # the package page shows the reason next to the disabled button, not as a mere hint
    page = base_client(u["luru"]).get(f"/manage/workflow/packages/{package.pk}/").content.decode()
    assert 'data-transition="submit" disabled' in page
    assert f'<ul class="errorlist"><li>{reasons[0]}</li>' in page
    duty = DutyRevision.objects.current().filter(unit=finance, kind=DutyKind.MAIN).first().duty_id
    for item in unlinked:
        item.duties.add(duty)
    reasons = refused(package, "submit", u["luru"])
    assert not any("权力事项未关联" in r for r in reasons) and any("责任事项" in r for r in reasons)
    ResponsibilityItem.objects.get(unit=finance, name="会计管理和代理记账机构监管").duties.add(duty)
    assert services.fire(package, "submit", acting_user=u["luru"]).state == S.PENDING_CONFIRM


def base_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_county_reviewer_scope(base, package_of):
    u = base.users
    county = services.fire(package_of("百色市右江区财政局"), "submit", acting_user=u["youjiang"])
    assert refused(county, "submit_review", u["youjiang"])[0].startswith("数据包当前状态为「待部门确认」")
    # the county office runs the flow for its own county only
    assert refused(package_of("百色市教育局"), "submit", u["youjiang"]) == ["「百色市教育局」不在您的数据范围内"]


def test_assigned_confirmer_reads_and_confirms_outside_normal_scope(base, package_of):
    u = base.users
    package = package_of("百色市交通运输局")
    services.assign(package, confirmer=u["jiaoyu"], acting_user=u["admin"])
    from bianzhi.registry.models import Unit

    assert Unit.objects.restrict(u["jiaoyu"], "view").filter(pk=package.unit_id).exists()
    assert not Unit.objects.restrict(u["jiaoyu"], "change").filter(pk=package.unit_id).exists()
    package = services.fire(package, "submit", acting_user=u["jiaotong"])
    assert services.fire(package, "confirm", sheet_digest=sheet.current_digest(package), acting_user=u["jiaoyu"]).state == S.CONFIRMED
    with pytest.raises(services.WorkflowRefused):
        services.assign(package, confirmer=u["jiaoyu"], acting_user=u["luru"])


def test_notifications_reach_the_people_who_must_act(base, package_of, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    u = base.users
    u["jiaoyu"].email = "jiaoyu@example.gov.cn"
    u["jiaoyu"].save()
    with django_capture_on_commit_callbacks(execute=True):
        package = services.fire(package_of("百色市教育局"), "submit", acting_user=u["luru"])
    note = Notification.objects.get(recipient=u["jiaoyu"])
    assert "请部门确认" in note.text and note.emailed
    assert len(mail.outbox) == 1 and "百色市教育局" in mail.outbox[0].subject
    services.fire(package, "dept_return", "第三项职责表述有误", acting_user=u["jiaoyu"])
    assert Notification.objects.filter(recipient=u["luru"], text__contains="部门退回").exists()
    assert not Notification.objects.filter(recipient=u["jiaotong"]).exists()
    package = services.fire(package, "submit", acting_user=u["luru"])
    services.fire(package, "confirm", sheet_digest=sheet.current_digest(package), acting_user=u["jiaoyu"])
    assert Notification.objects.filter(recipient=u["shenhe"], text__contains="部门已确认").exists()


def test_change_request_runs_the_same_flow_and_keeps_the_approved_package(base, package_of):
    u = base.users
    approved = walk_to(package_of("百色市教育局"), S.APPROVED, base)
    with pytest.raises(services.WorkflowRefused) as exc:
        services.open_change_request(approved.unit, "", acting_user=u["luru"])
    assert exc.value.reasons == ["请填写变更理由"]
    change = services.open_change_request(approved.unit, "2021年调整通知需补录", acting_user=u["luru"])
    approved.refresh_from_db()
    assert not approved.is_current and approved.state == S.APPROVED
    assert change.kind == "change" and change.supersedes == approved and change.state == S.ENTERING
    assert not is_unit_locked(approved.unit)
    assert "该数据包已被新的变更申请取代" in refused(approved, "publish", u["admin"])[-1]
    change = walk_to(change, S.APPROVED, base)
    assert is_unit_locked(change.unit)
    assert DataPackage.objects.filter(unit=change.unit).count() == 2
    with pytest.raises(services.WorkflowRefused) as exc:
        services.open_change_request(base.unit("百色市财政局"), "x", acting_user=u["luru"])
    assert "尚未审核通过" in exc.value.reasons[0]


def test_approval_approves_the_units_draft_sanding_versions(base, package_of):
    from bianzhi.documents.models import ApprovalDocument
    from bianzhi.sanding import services as sanding
    from bianzhi.sanding.models import VersionStatus

    unit = base.unit("百色市教育局")
    doc = ApprovalDocument.objects.create(unit=unit, doc_number_raw="百编〔2024〕3号", title="关于调整百色市教育局职责的通知",
                                          doc_type="adjustment", issued_on=datetime.date(2024, 3, 1))
    draft = sanding.create_draft_version(unit, doc)
    sanding.set_statement(draft, "市教育局是市人民政府工作部门，为正处级，加挂市语言文字工作委员会办公室牌子。",
                          "zhengchu")
    walk_to(package_of("百色市教育局"), S.APPROVED, base)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.APPROVED and draft.approved_by.username == "shenhe"


def test_available_actions_show_reasons(base, package_of):
    u = base.users
    child = package_of("百色市招生考试院")
    actions = flow.available(child, u["luru"])
    assert [(a.name, r) for a, r in actions] == [
        ("submit", ["主管部门「百色市教育局」尚未提交：请先录入并提交主管部门，再提交其所属单位"])]
    assert flow.available(child, u["lingdao"]) == []


def test_comments_target_duties_and_power_items(base, package_of):
    from bianzhi.lists.models import PowerItem
    from bianzhi.sanding.models import Duty
    from bianzhi.workflow.views import comment_targets

    u = base.users
    unit = base.unit("百色市教育局")
    power, duty = PowerItem.objects.filter(unit=unit).first(), Duty.objects.filter(unit=unit).first()
    labels = [label for _, label in comment_targets(unit)]
    assert any(label.startswith("权力事项") for label in labels) and any(label.startswith("职责条目") for label in labels)
    package = services.fire(package_of("百色市教育局"), "submit", acting_user=u["luru"])
    on_power = services.add_comment(package, "实施依据应引用修订后的条款", target=power, acting_user=u["jiaoyu"])
    on_duty = services.add_comment(package, "表述与三定原文不一致", target=duty, acting_user=u["jiaoyu"])
    assert on_power.target == power and on_power.target_label.startswith("权力事项：")
    assert on_duty.target == duty and on_duty.target_label.startswith("职责条目：")


def test_named_service_functions_and_remaining_refusals(base, package_of, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    u = base.users
    package = package_of("百色市教育局")
    with pytest.raises(services.WorkflowRefused) as exc:
        services.submit(package, acting_user=AnonymousUser())
    assert exc.value.reasons == ["请先登录"]
    package = services.submit(package, acting_user=u["luru"])
    package = services.confirm(package, sheet_digest=sheet.current_digest(package), acting_user=u["jiaoyu"])
    package = services.submit_review(package, acting_user=u["luru"])
    package = services.approve(package, sheet_digest=sheet.current_digest(package), acting_user=u["shenhe"])
    assert DataPackage.objects.get(pk=package.pk).state == S.APPROVED
    with pytest.raises(services.WorkflowRefused) as exc:  # publishing is the office's (编办) transition
        services.publish(package, acting_user=u["shenhe"])
    assert exc.value.reasons
    services.publish(package, acting_user=u["admin"])
    assert DataPackage.objects.get(pk=package.pk).state == S.PUBLISHED
