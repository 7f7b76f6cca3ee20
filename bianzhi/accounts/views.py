from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from bianzhi.core.audit import record_event

from . import otp
from .forms import OTPCodeForm
from .scope import allowed_units


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["view_count"] = allowed_units(user, "view").count()
        ctx["change_count"] = allowed_units(user, "change").count()
        ctx["groups"] = user.entry_groups.all()
        ctx["has_second_factor"] = otp.has_second_factor(user)
        ctx["second_factor_required"] = otp.requires_second_factor(user)
        return ctx


class SecondFactorVerifyView(LoginRequiredMixin, FormView):
    """Step two of the login: the code from the authenticator app, or one recovery code."""

    template_name = "accounts/otp_verify.html"
    form_class = OTPCodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if request.user.is_verified():
                return redirect(self.next_url())
            if not otp.has_second_factor(request.user):
                return redirect(reverse("accounts:otp-enrol") + "?" + urlencode({"next": self.next_url()})
                                if otp.needs_enrolment(request.user) else self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def next_url(self) -> str:
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(url, allowed_hosts={self.request.get_host()},
                                           require_https=self.request.is_secure()):
            return url
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def form_valid(self, form):
        device = otp.verify(self.request.user, form.cleaned_data["code"])
        if device is None:
            record_event("login_failed", user=self.request.user, detail={"reason": "second_factor"})
            form.add_error("code", "验证码不正确、已使用或已过期。")
            return self.form_invalid(form)
        otp_login(self.request, device)
        return redirect(self.next_url())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": self.next_url()}


class SecondFactorEnrolView(LoginRequiredMixin, FormView):
    """Bind an authenticator app: QR code (inline SVG, made here), then a first code to confirm; the recovery codes
    are shown once afterwards. An account that already has a factor must pass it before replacing it."""

    template_name = "accounts/otp_enrol.html"
    form_class = OTPCodeForm
    session_key = "otp_enrol_device"

    def dispatch(self, request, *args, **kwargs):
        if (request.user.is_authenticated and otp.has_second_factor(request.user)
                and not request.user.is_verified()):
            return redirect(reverse("accounts:otp-verify") + "?" + urlencode({"next": request.get_full_path()}))
        return super().dispatch(request, *args, **kwargs)

    def device(self):
        device = None
        device_id = self.request.session.get(self.session_key)
        if device_id:
            device = TOTPDevice.objects.filter(pk=device_id, user=self.request.user, confirmed=False).first()
        if device is None or self.request.method == "GET":
            device = otp.start_enrolment(self.request.user)
            self.request.session[self.session_key] = device.pk
        return device

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        device = getattr(self, "_device", None) or self.device()
        ctx.update(qr_svg=mark_safe(otp.qr_svg(device)), secret=otp.base32_secret(device),  # noqa: S308 (our SVG)
                   issuer=otp.issuer(), required=otp.needs_enrolment(self.request.user),
                   next=self.request.GET.get("next", ""))
        return ctx

    def form_valid(self, form):
        self._device = self.device()
        try:
            codes = otp.confirm_enrolment(self._device, form.cleaned_data["code"], acting_user=self.request.user)
        except otp.SecondFactorError as exc:
            form.add_error("code", str(exc))
            return self.form_invalid(form)
        self.request.session.pop(self.session_key, None)
        otp_login(self.request, self._device)
        return render(self.request, "accounts/otp_recovery_codes.html", {"codes": codes,
                                                                          "next": self.request.GET.get("next", "")})
