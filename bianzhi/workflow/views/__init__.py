"""Pages of the workflow. Thin: every queryset goes through restrict(); every write is one service call.

One module per area; urls.py and other apps use the names re-exported here."""
from .campaigns import (  # noqa: F401
    CampaignAccountsView,
    CampaignCreateView,
    CampaignListView,
    CampaignUpdateView,
)
from .common import _disposition, _refused, active_campaign  # noqa: F401
from .coversheet import (  # noqa: F401
    coversheet_view,
)
from .dashboard import (  # noqa: F401
    DashboardView,
    dashboard_export,
    waiting_for,
)
from .holds import (  # noqa: F401
    HoldListView,
    holds_run,
)
from .materials import (  # noqa: F401
    MaterialListView,
    _material_context,
    _material_package,
    _material_upload,
    material_decide,
    material_file_download,
    material_item_add,
    material_receive,
    material_upload,
    unit_materials,
)
from .notifications import (  # noqa: F401
    notification_list,
    notification_read,
)
from .packages import (  # noqa: F401
    PackageListView,
    _public_url,
    _resolve_target,
    change_request,
    comment_create,
    comment_resolve,
    comment_targets,
    package_assign,
    package_detail,
    package_fire,
    package_sheet,
    unit_package,
)
