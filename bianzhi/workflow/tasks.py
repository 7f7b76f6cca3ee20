"""Periodic jobs (huey; settings.HUEY). Run the consumer with `bianzhi run_huey`."""
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from bianzhi.accounts.models import User
from bianzhi.core.context import acting_as

from .services import run_daily_holds


@db_periodic_task(crontab(hour="1", minute="5"))
def daily_holds():
    """Every day: place 出入编/工资审核 holds on units that missed the materials deadline; lift them once the
    unit's data package is approved."""

    with acting_as(None, request_id="huey:daily_holds"):
        return run_daily_holds()


@db_task()
def run_holds_now(user_id=None):


    user = User.objects.filter(pk=user_id).first()
    with acting_as(user, request_id="huey:holds"):
        return run_daily_holds(acting_user=user)
