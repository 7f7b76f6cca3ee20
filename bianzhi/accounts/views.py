from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from .scope import allowed_units


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["view_count"] = allowed_units(user, "view").count()
        ctx["change_count"] = allowed_units(user, "change").count()
        ctx["groups"] = user.entry_groups.all()
        return ctx
