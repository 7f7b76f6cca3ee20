"""Staff pages of 实名制, 用编审批 and the 台账. Thin: querysets through restrict(), permissions through the named
predicates, every write one service call whose refusals become messages."""
import datetime
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bianzhi.accounts import permissions
from bianzhi.core.models import ConcurrentEditError
from bianzhi.portal.services import PublishError, publish_units
from bianzhi.registry.models import Region, Unit
from bianzhi.sanding.models import StaffingLine

from . import importer, ledger, notice, publicity, services
from .forms import ApplicationForm, ChangeForm, DateForm, DecisionForm, EnterForm, ExitForm, ImportForm
from .models import ApplicationState, Person, StaffingApplication, UseNotice
from .occupancy import occupancy


def _date(request) -> datetime.date:
    form = DateForm(request.GET)
    if form.is_valid() and form.cleaned_data["date"]:
        return form.cleaned_data["date"]
    return timezone.localdate()


def _refused(request, exc):
    for reason in exc.reasons:
        messages.error(request, reason)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(content, headers={"Content-Type": content_type,
                                          "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@login_required
def index(request):
    """Units in scope with 核定 or people: occupancy summary as of a date."""
    date = _date(request)
    units = Unit.objects.restrict(request.user, "view")
    with_quota = StaffingLine.objects.as_of(date).values("unit_id")
    with_people = Person.objects.active_on(date).values("unit_id")
    rows = []
    for unit in units.filter(Q(pk__in=with_quota) | Q(pk__in=with_people)).order_by("tree_path"):
        occ = occupancy(unit, date)
        rows.append({"unit": unit, "totals": occ.totals, "over": sum(r.over for r in occ.types),
                     "vacant": sum(r.vacant for r in occ.types), "warnings": occ.warnings})
    return render(request, "personnel/index.html", {
        "rows": rows, "date": date, "may_import": permissions.may_manage_people(request.user)})


@login_required
def unit_view(request, unit_pk):
    unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=unit_pk)
    if not permissions.may_view_people(request.user, unit):
        raise PermissionDenied("您无权查看该单位的实名制信息")
    date = _date(request)
    occ = occupancy(unit, date)
    people = Person.objects.restrict(request.user, "view").active_on(date).filter(unit=unit).select_related(
        "internal_body")
    return render(request, "personnel/unit.html", {
        "unit": unit, "occ": occ, "date": date, "people": people,
        "applications": StaffingApplication.objects.restrict(request.user, "view").filter(unit=unit)[:20],
        "holds": services.active_holds(unit),
        "may_apply": permissions.may_apply_staffing_use(request.user, unit),
        "may_publish": permissions.may_publish_people(request.user, unit),
        "public_preview": publicity.public_section(unit, date),
    })


@require_POST
@login_required
def unit_publish(request, unit_pk):
    unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=unit_pk)
    if not permissions.may_publish_people(request.user, unit):
        raise PermissionDenied("您无权发布该单位的实名制公示")
    try:
        release = publish_units([unit], note=f"实名制公示：{unit.name}", acting_user=request.user)
    except PublishError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已发布公开数据第 {release.number} 版（含实名制公示）。")
    return redirect("personnel:unit", unit_pk=unit.pk)


@login_required
def person_detail(request, pk):
    person = get_object_or_404(Person.objects.restrict(request.user, "view").select_related("unit", "internal_body",
                                                                                           "notice"), pk=pk)
    if not permissions.may_view_person_detail(request.user, person.unit):
        raise PermissionDenied("您无权查看该人员信息")
    id_number = services.reveal_id(person, acting_user=request.user)
    services.record_read(person, acting_user=request.user, full_id_shown=id_number != person.id_masked)
    may_manage = permissions.may_manage_people(request.user, person.unit)
    initial = {"date": timezone.localdate(), "post": person.post, "rank": person.rank,
               "leader_role": person.leader_role, "internal_body": person.internal_body_id,
               "row_version": person.row_version}
    return render(request, "personnel/person_detail.html", {
        "person": person, "id_number": id_number, "events": person.events.select_related("user", "notice"),
        "may_manage": may_manage and person.is_active,
        "exit_form": ExitForm(initial={"date": timezone.localdate()}),
        "change_form": ChangeForm(initial=initial, unit=person.unit),
    })


@require_POST
@login_required
def person_exit(request, pk):
    person = get_object_or_404(Person.objects.restrict(request.user, "view"), pk=pk)
    form = ExitForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写出编方式、日期和依据文号。")
        return redirect("personnel:person", pk=pk)
    try:
        services.do_exit(person, acting_user=request.user, kind=form.cleaned_data["kind"], date=form.cleaned_data["date"],
                         document=form.cleaned_data["document"])
    except services.PersonnelRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, f"{person.name}已出编。")
    return redirect("personnel:person", pk=pk)


@require_POST
@login_required
def person_change(request, pk):
    person = get_object_or_404(Person.objects.restrict(request.user, "view"), pk=pk)
    form = ChangeForm(request.POST, unit=person.unit)
    if not form.is_valid():
        messages.error(request, "请填写变更日期和依据文号。")
        return redirect("personnel:person", pk=pk)
    data = form.cleaned_data
    values = {k: data[k] for k in ("post", "rank", "leader_role", "internal_body")}
    try:
        services.do_change(person, acting_user=request.user, date=data["date"], document=data["document"],
                           values=values, expected_version=data["row_version"])
    except services.PersonnelRefused as exc:
        _refused(request, exc)
    except ConcurrentEditError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "变更已保存，并记入变动记录。")
    return redirect("personnel:person", pk=pk)


# ------------------------------------------------------------------------------------------------ 用编审批
@login_required
def application_list(request):
    apps = StaffingApplication.objects.restrict(request.user, "view").select_related("unit", "notice")
    state = request.GET.get("state", "")
    if state in ApplicationState.values:
        apps = apps.filter(state=state)
    return render(request, "personnel/application_list.html", {
        "applications": apps[:300], "state": state, "states": ApplicationState.choices})


@login_required
def application_create(request, unit_pk):
    unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=unit_pk)
    if not permissions.may_apply_staffing_use(request.user, unit):
        raise PermissionDenied("您无权为该单位申请使用编制")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            app = services.do_apply(unit, acting_user=request.user, **form.cleaned_data)
        except services.PersonnelRefused as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, "用编申请已提交，待编办审批。")
            return redirect("personnel:application-detail", pk=app.pk)
    return render(request, "personnel/application_form.html", {
        "unit": unit, "form": form, "occ": occupancy(unit), "holds": services.active_holds(unit)})


@login_required
def application_detail(request, pk):
    app = get_object_or_404(StaffingApplication.objects.restrict(request.user, "view").select_related("unit"), pk=pk)
    use_notice = UseNotice.objects.filter(application=app).first()
    may_enter = use_notice is not None and permissions.may_manage_people(request.user, app.unit)
    return render(request, "personnel/application_detail.html", {
        "app": app, "notice": use_notice, "steps": services.available_steps(app, request.user),
        "history": app.steps.select_related("user"), "decision_form": DecisionForm(),
        "occ": occupancy(app.unit, app.planned_date), "holds": services.active_holds(app.unit),
        "may_enter": may_enter, "people": use_notice.people.all() if use_notice else [],
        "enter_form": EnterForm(unit=app.unit, initial={"entry_date": timezone.localdate(),
                                                        "entry_method": app.recruitment}) if may_enter else None,
    })


@require_POST
@login_required
def application_fire(request, pk, name):
    app = get_object_or_404(StaffingApplication.objects.restrict(request.user, "view"), pk=pk)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if name == "approve":
            issued = services.do_approve(app, acting_user=request.user, note=note)
            messages.success(request, f"已核准，签发《机构编制使用核准通知单》{issued.number}。")
        elif name == "refuse":
            services.do_refuse(app, acting_user=request.user, note=note)
            messages.success(request, "已不予核准。")
        elif name == "withdraw":
            services.do_withdraw(app, acting_user=request.user)
            messages.success(request, "申请已撤回。")
        else:
            raise PermissionDenied("未知操作")
    except services.PersonnelRefused as exc:
        _refused(request, exc)
    return redirect("personnel:application-detail", pk=pk)


@require_POST
@login_required
def application_enter(request, pk):
    app = get_object_or_404(StaffingApplication.objects.restrict(request.user, "view"), pk=pk)
    use_notice = UseNotice.objects.filter(application=app).first()
    form = EnterForm(request.POST, unit=app.unit)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return redirect("personnel:application-detail", pk=pk)
    data = dict(form.cleaned_data)
    entry_date, document = data.pop("entry_date"), data.pop("document")
    try:
        person = services.do_enter(use_notice, acting_user=request.user, values=data, entry_date=entry_date,
                                   document=document)
    except services.PersonnelRefused as exc:
        _refused(request, exc)
        return redirect("personnel:application-detail", pk=pk)
    messages.success(request, f"{person.name}已入编。")
    return redirect("personnel:person", pk=person.pk)


@login_required
def notice_pdf(request, pk):
    use_notice = get_object_or_404(UseNotice.objects.restrict(request.user, "view").select_related("unit", "application"),
                                   pk=pk)
    return _attachment(notice.to_pdf(use_notice), "application/pdf", f"机构编制使用核准通知单-{use_notice.number}.pdf")


# ------------------------------------------------------------------------------------------------ import
@login_required
def import_view(request):
    if not permissions.may_manage_people(request.user):
        raise PermissionDenied("只有编办可以导入实名制数据")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = importer.import_people(upload.read(), acting_user=request.user, filename=upload.name)
        if result.ok:
            messages.success(request, f"已导入 {len(result.created)} 人。")
            return redirect("personnel:index")
    return render(request, "personnel/import.html", {"form": form, "result": result, "columns": importer.COLUMNS})


# ------------------------------------------------------------------------------------------------ 台账
def _ledger_region(request):
    regions = Region.objects.filter(valid_to__isnull=True).order_by("code")
    code = request.GET.get("region", "")
    region = regions.filter(code=code).first() if code else None
    if region is None:
        region = regions.filter(level="prefecture").first() or regions.first()
    return region, regions


@login_required
def ledger_view(request):
    if not permissions.may_view_ledger(request.user):
        raise PermissionDenied("只有编办、领导和审核员可以查看台账")
    region, regions = _ledger_region(request)
    date = _date(request)
    data = ledger.build(region, date, units=Unit.objects.restrict(request.user, "view"))
    return render(request, "personnel/ledger.html", {"ledger": data, "regions": regions, "region": region,
                                                     "date": date, "columns": ledger.COLUMNS})


@login_required
def ledger_export(request):
    if not permissions.may_view_ledger(request.user):
        raise PermissionDenied("只有编办、领导和审核员可以导出台账")
    region, _ = _ledger_region(request)
    date = _date(request)
    data = ledger.build(region, date, units=Unit.objects.restrict(request.user, "view"))
    return _attachment(ledger.to_xlsx(data), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       f"{region.name}机构编制台账-{date:%Y%m%d}.xlsx")
