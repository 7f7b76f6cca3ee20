"""In-app notifications."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..models import Notification


@login_required
def notification_list(request):
    notes = Notification.objects.restrict(request.user, "view").filter(recipient=request.user).select_related("unit")
    return render(request, "workflow/notification_list.html", {"notifications": notes[:200]})


@require_POST
@login_required
def notification_read(request, pk=None):
    notes = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
    if pk is not None:
        notes = notes.filter(pk=pk)
    target = None
    if pk is not None:
        note = get_object_or_404(Notification.objects.filter(recipient=request.user), pk=pk)
        target = note.url
    notes.update(read_at=timezone.now())
    return redirect(target or "workflow:notifications")
