"""Staff pages for 三定: as-of view, 沿革, diffs, and the draft editor (operations, duty list entry).

Thin: every queryset is restricted; every write goes through services.py with the draft's row_version."""
import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from bianzhi.accounts.permissions import edit_refusal, may_approve_sanding_version
from bianzhi.accounts.scope import can
from bianzhi.core.locks import LockedError
from bianzhi.core.models import ConcurrentEditError
from bianzhi.registry.models import Unit

from . import forms as f
from . import services
from .models import Duty, DutyKind, SandingPlaque, SandingVersion, VersionStatus
from .selectors import visible_versions

REFUSED = (services.SandingError, LockedError)


# ------------------------------------------------------------------------------------------------ helpers
def parse_date(value, default=None):
    if not value:
        return default
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


can_approve = may_approve_sanding_version


class UnitMixin(LoginRequiredMixin):
    unit_action = "view"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.unit = get_object_or_404(Unit.objects.restrict(request.user, self.unit_action), pk=kwargs["unit_pk"])
            if self.unit_action == "change" and (refusal := edit_refusal(request.user, self.unit)):
                raise PermissionDenied(refusal)  # e.g. locked: the 403 page says why
        return super().dispatch(request, *args, **kwargs)


# ------------------------------------------------------------------------------------------------ reading
class SandingHomeView(LoginRequiredMixin, TemplateView):
    """Units in scope with their 三定: the version in force, and drafts waiting for approval."""

    template_name = "sanding/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        versions = list(visible_versions(user).select_related("unit", "document").order_by("unit__tree_path",
                                                                                            "effective_date", "id"))
        rows = {}
        for v in versions:
            row = rows.setdefault(v.unit_id, {"unit": v.unit, "latest": None, "count": 0, "drafts": []})
            if v.is_draft:
                row["drafts"].append(v)
            else:
                row["latest"], row["count"] = v, row["count"] + 1
        ctx["rows"] = list(rows.values())
        return ctx


class UnitSandingView(UnitMixin, TemplateView):
    """The unit's 三定 as of a date (default today), from approved history only."""

    template_name = "sanding/unit_sanding.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = datetime.date.today()
        raw = self.request.GET.get("as_of", "")
        as_of = parse_date(raw, today)
        if as_of is None:
            messages.error(self.request, f"日期“{raw}”格式不对，应为 YYYY-MM-DD；已显示今天的三定")
            as_of = today
        user = self.request.user
        ctx.update(unit=self.unit, as_of=as_of, is_today=as_of == today, snap=services.snapshot(self.unit, as_of),
                   versions=services.history(self.unit), edit_refusal=edit_refusal(user, self.unit),
                   drafts=visible_versions(user).filter(unit=self.unit, status=VersionStatus.DRAFT)
                   .select_related("document"))
        ctx["can_change"] = not ctx["edit_refusal"]
        ctx["in_force"] = [v for v in ctx["versions"] if v.effective_date <= as_of][-1:]
        return ctx


class UnitHistoryView(UnitMixin, TemplateView):
    """沿革: the documents that made the unit's 三定, in date order, each with its changes."""

    template_name = "sanding/unit_history.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        versions = services.history(self.unit)
        rows = []
        previous = None
        for v in versions:
            rows.append({"version": v, "summary": [s for s in v.summary.splitlines() if s.strip()],
                         "previous": previous})
            previous = v
        refusal = edit_refusal(self.request.user, self.unit)
        ctx.update(unit=self.unit, rows=rows, can_change=not refusal, edit_refusal=refusal,
                   drafts=visible_versions(self.request.user).filter(unit=self.unit, status=VersionStatus.DRAFT)
                   .select_related("document"))
        return ctx


class UnitDiffView(UnitMixin, TemplateView):
    """What changed between two dates (or two versions), field by field, each with its 文号."""

    template_name = "sanding/unit_diff.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        versions = services.history(self.unit)
        get = self.request.GET
        by_pk = {str(v.pk): v for v in versions}
        old_date = parse_date(get.get("from"))
        new_date = parse_date(get.get("to"))
        if get.get("a") in by_pk:
            old_date = by_pk[get["a"]].effective_date
        if get.get("b") in by_pk:
            new_date = by_pk[get["b"]].effective_date
        error = None
        if old_date is None or new_date is None:
            if versions:
                old_date = old_date or (versions[-2].effective_date if len(versions) > 1 else versions[0].effective_date
                                        - datetime.timedelta(days=1))
                new_date = new_date or datetime.date.today()
            if get.get("from") and parse_date(get.get("from")) is None or get.get("to") and parse_date(get["to"]) is None:
                error = "日期格式应为 YYYY-MM-DD"
        if old_date and new_date and old_date > new_date:
            old_date, new_date = new_date, old_date
        ctx.update(unit=self.unit, versions=versions, old_date=old_date, new_date=new_date, error=error)
        if old_date and new_date:
            ctx["diff"] = services.diff(self.unit, old_date, new_date)
        return ctx


# ------------------------------------------------------------------------------------------------ drafts
class VersionCreateView(UnitMixin, View):
    unit_action = "change"
    template_name = "sanding/version_form.html"

    def get(self, request, unit_pk):
        initial = {}
        if request.GET.get("document", "").isdigit():
            initial["document"] = request.GET["document"]
        form = f.VersionDraftForm(user=request.user, unit=self.unit, initial=initial)
        return render(request, self.template_name, {"unit": self.unit, "form": form})

    def post(self, request, unit_pk):
        form = f.VersionDraftForm(request.POST, user=request.user, unit=self.unit)
        if form.is_valid():
            data = form.cleaned_data
            try:
                version = services.create_draft_version(self.unit, data["document"],
                                                        effective_date=data.get("effective_date"),
                                                        kind=data.get("kind") or None,
                                                        stated_totals=form.stated_totals(), acting_user=request.user)
            except REFUSED as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已建立草稿版本。请按文件逐项录入变化。")
                return redirect("sanding:version-detail", pk=version.pk)
        return render(request, self.template_name, {"unit": self.unit, "form": form})


def _version_for(request, pk, action="view"):
    if action == "change":
        # The same versions as visible_versions(user) when the unit must also pass `can(user, "change", unit)`
        # below: a unit the user may change is in the change scope, which visible_versions ORs in, so its three
        # scope subqueries would only repeat that check (and cost a third of the duty editor's CPU).
        qs = SandingVersion.objects.restrict(request.user, "view")
    else:
        qs = visible_versions(request.user)
    qs = qs.select_related("unit", "document", "primary__unit")
    version = get_object_or_404(qs, pk=pk)
    if action == "change":
        if not can(request.user, "change", version.unit):
            raise Http404
        if not version.is_draft:
            raise PermissionDenied("该版本已批准，不能修改")
        if refusal := edit_refusal(request.user, version.unit, in_scope=True):  # can() above asked the scope
            raise PermissionDenied(refusal)
    return version


OPERATIONS = {
    # name: (form class, handler(version, data, user, expected_version) -> success message)
    "statement": (f.StatementForm, lambda v, d, u, e: (
        services.set_statement(v, d["nature_text"], d["rank"], expected_version=e), "已修改机构性质和规格")[1]),
    "staffing": (f.StaffingForm, lambda v, d, u, e: (
        services.set_staffing(v, d["staffing_type"], d["count"], includes=d["includes"], label=d["label"],
                              expected_version=e), "已修改编制")[1]),
    "staffing_transfer": (f.StaffingTransferForm, lambda v, d, u, e: (
        services.transfer_staffing(v, **_direction(v, d), staffing_type=d["staffing_type"], count=d["count"],
                                   acting_user=u, expected_version=e), "已记录编制划转（双方单位同时变化）")[1]),
    "quota": (f.QuotaForm, lambda v, d, u, e: (
        services.set_leadership_quota(v, d["level"], d["count"], expected_version=e), "已修改内设机构领导职数")[1]),
    "quota_transfer": (f.QuotaTransferForm, lambda v, d, u, e: (
        services.transfer_leadership(v, **_direction(v, d), level=d["level"], count=d["count"], acting_user=u,
                                     expected_version=e), "已记录领导职数划转（双方单位同时变化）")[1]),
    "head_post": (f.HeadPostForm, lambda v, d, u, e: (
        services.set_head_post(v, d["title"], d["count"], rank=d["rank"], note=d["note"], expected_version=e),
        "已修改领导职数")[1]),
    "plaque_add": (f.PlaqueAddForm, lambda v, d, u, e: (
        services.add_plaque(v, d["name"], internal_body=d["internal_body"], kind=d["kind"], expected_version=e),
        "已加挂牌子")[1]),
    "plaque_remove": (f.PlaqueRemoveForm, lambda v, d, u, e: (
        services.remove_plaque(v, _plaque(v, d["key"]), expected_version=e), "已撤销牌子")[1]),
    "body_create": (f.BodyCreateForm, lambda v, d, u, e: (
        services.create_internal_body(v, d["name"], d["duty_text"], d["head_count"], d["deputy_count"],
                                      posts_note=d["posts_note"], expected_version=e), "已设立内设机构")[1]),
    "body_update": (f.BodyUpdateForm, lambda v, d, u, e: (
        services.update_internal_body(v, d["body"], name=d["name"], duty_text=d["duty_text"],
                                      head_count=d["head_count"], deputy_count=d["deputy_count"],
                                      posts_note=d["posts_note"], expected_version=e), "已修改内设机构")[1]),
    "body_abolish": (f.BodyAbolishForm, lambda v, d, u, e: (
        services.abolish_internal_body(v, d["body"], expected_version=e), "已撤销内设机构")[1]),
    "duty_move": (f.DutyMoveForm, lambda v, d, u, e: (
        services.move_duty(v, _duty(v, d["duty"]), d["target_unit"], acting_user=u, expected_version=e),
        "已记录职责划转")[1]),
}


def _direction(version, data):
    if data["direction"] == "in":
        return {"from_unit": data["other_unit"], "to_unit": version.unit}
    return {"from_unit": version.unit, "to_unit": data["other_unit"]}


def _plaque(version, key):
    plaque = SandingPlaque.objects.filter(unit=version.unit, key=key).first()
    if plaque is None:
        raise services.SandingError("该牌子不存在")
    return plaque


def _duty(version, duty_id):
    duty = Duty.objects.filter(unit=version.unit, pk=duty_id).first()
    if duty is None:
        raise services.SandingError("该职责不存在")
    return duty


def version_context(request, version, bound=None):
    """Everything the version page shows; `bound` = {op name: bound form with errors} keeps the user's input."""
    user = request.user
    refusal = edit_refusal(user, version.unit) if version.is_draft else ""
    editable = version.is_draft and not refusal
    if version.is_draft:
        snap = services.snapshot(version.unit, draft=version)
        changes = services.draft_changes(version)
        warnings = services.check_version(version)
    else:
        snap = services.snapshot(version.unit, version.effective_date)
        changes = services.diff(version.unit, version.effective_date - datetime.timedelta(days=1),
                                version.effective_date)
        warnings = []
    ctx = {"version": version, "unit": version.unit, "snap": snap, "diff": changes, "warnings": warnings,
           "editable": editable, "edit_refusal": refusal, "can_approve": version.is_draft and can_approve(user) and not version.primary_id,
           "companions": version.companions.select_related("unit") if not version.primary_id else [],
           "duty_kinds": DutyKind.choices}
    if editable:
        forms_ = {}
        for name, (form_class, _handler) in OPERATIONS.items():
            forms_[name] = (bound or {}).get(name) or form_class(version=version, user=user, prefix=name)
        if snap.statement and not (bound or {}).get("statement"):
            forms_["statement"] = f.StatementForm(version=version, user=user, prefix="statement",
                                                  initial={"nature_text": snap.statement.nature_text,
                                                           "rank": snap.statement.rank})
        ctx["forms"] = forms_
    return ctx


class VersionDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        version = _version_for(request, pk)
        return render(request, "sanding/version_detail.html", version_context(request, version))


class VersionOperationView(LoginRequiredMixin, View):
    """POST one operation on a draft. Errors and conflicts re-render the page with the user's input kept."""

    def post(self, request, pk, name):
        version = _version_for(request, pk, "change")
        if name not in OPERATIONS:
            raise Http404
        form_class, handler = OPERATIONS[name]
        form = form_class(request.POST, version=version, user=request.user, prefix=name)
        htmx = request.headers.get("HX-Request") == "true"
        if form.is_valid():
            try:
                message = handler(version, form.cleaned_data, request.user, form.cleaned_data["row_version"])
            except ConcurrentEditError:
                form.add_error(None, "该草稿已被其他用户修改，您的这项修改未保存。页面已显示最新内容，您填写的内容已保留，请核对后重新提交。")
            except REFUSED as exc:
                form.add_error(None, str(exc))
            else:
                if htmx:
                    version.refresh_from_db()
                    return render(request, "sanding/_bodies.html", version_context(request, version))
                messages.success(request, message)
                return redirect(reverse("sanding:version-detail", args=[version.pk]) + f"#op-{name}")
        version.refresh_from_db()
        ctx = version_context(request, version, bound={name: form})
        if htmx:
            return render(request, "sanding/_bodies.html", ctx)
        ctx["error_op"] = name
        return render(request, "sanding/version_detail.html", ctx, status=200)


class VersionApproveView(LoginRequiredMixin, View):
    """Direct approval by the 市编办 administrator (the review flow calls services.approve_version itself)."""

    def post(self, request, pk):
        version = _version_for(request, pk)
        if not can_approve(request.user) or not version.is_draft:
            raise PermissionDenied("只有市编办管理员可以直接批准草稿版本")
        try:
            services.approve_version(version, acting_user=request.user)
        except REFUSED as exc:
            messages.error(request, str(exc))
            return redirect("sanding:version-detail", pk=version.pk)
        except ValidationError as exc:  # an APPROVAL_GUARDS refusal (e.g. 总量控制)
            for reason in exc.messages:
                messages.error(request, reason)
            return redirect("sanding:version-detail", pk=version.pk)
        messages.success(request, "版本已批准，已计入三定沿革。")
        return redirect("sanding:unit-history", unit_pk=version.unit_id)


class VersionDiscardView(LoginRequiredMixin, View):
    def post(self, request, pk):
        version = _version_for(request, pk, "change")
        unit_pk = version.unit_id
        try:
            services.discard_draft(version)
        except REFUSED as exc:
            messages.error(request, str(exc))
            return redirect("sanding:version-detail", pk=version.pk)
        messages.success(request, "草稿已删除。")
        return redirect("sanding:unit-sanding", unit_pk=unit_pk)


# ------------------------------------------------------------------------------------------------ duty entry
class DutyEditorView(LoginRequiredMixin, View):
    """Paste a block of duty text, split it into items, reorder (drag or Alt+↑/↓), edit, save as one list."""

    template_name = "sanding/duty_editor.html"

    def _kind(self, kind):
        if kind not in DutyKind.values:
            raise Http404
        return kind

    def get(self, request, pk, kind):
        version = _version_for(request, pk, "change")
        kind = self._kind(kind)
        items = [{"duty_id": d.duty_id, "text": d.text} for d in services.duties_of(version.unit, kind, draft=version)]
        return render(request, self.template_name, self._ctx(version, kind, items, version.row_version))

    def _ctx(self, version, kind, items, row_version, error=None):
        return {"version": version, "unit": version.unit, "kind": kind, "kind_label": DutyKind(kind).label,
                "items": items, "row_version": row_version, "error": error, "duty_kinds": DutyKind.choices}

    def post(self, request, pk, kind):
        version = _version_for(request, pk, "change")
        kind = self._kind(kind)
        ids = request.POST.getlist("duty_id")
        texts = request.POST.getlist("text")
        items = [{"duty_id": int(i) if i.isdigit() else None, "text": t} for i, t in zip(ids, texts, strict=False)]
        row_version = request.POST.get("row_version", "")
        try:
            stats = services.sync_duties(version, kind, [(i["duty_id"], i["text"]) for i in items],
                                         expected_version=int(row_version) if row_version.isdigit() else None)
        except ConcurrentEditError:
            error = ("该草稿已被其他用户修改，您的修改未保存。下面保留了您的内容；"
                     "请打开新窗口查看他人的修改，核对后再次保存（再次保存将以您的列表为准）。")
            version.refresh_from_db()
            return render(request, self.template_name,
                          self._ctx(version, kind, items, version.row_version, error), status=409)
        except REFUSED as exc:
            return render(request, self.template_name, self._ctx(version, kind, items, row_version, str(exc)))
        messages.success(request, f"已保存{DutyKind(kind).label}：新增{stats['added']}条，修改{stats['reworded']}条，"
                                  f"取消{stats['removed']}条，调整顺序{stats['moved']}条。")
        return redirect("sanding:version-detail", pk=version.pk)


class DutySplitView(LoginRequiredMixin, View):
    """htmx: split pasted text into items and return them as editor rows."""

    def post(self, request, pk):
        version = _version_for(request, pk, "change")
        items = [{"duty_id": None, "text": t} for t in services.split_duty_text(request.POST.get("paste", ""))]
        return render(request, "sanding/_duty_items.html", {"items": items, "version": version})
