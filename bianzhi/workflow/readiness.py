"""What should be fixed before a package is submitted, as hints (the refusals are in flow)."""
from bianzhi.lists.services import basis_problems
from bianzhi.sanding.models import SandingVersion, VersionStatus
from bianzhi.sanding.services import check_snapshot, check_version, snapshot


def readiness_warnings(unit) -> list:
    """What the 三定 and lists apps say should be fixed before submission (shown as hints, not refusals).
    Unlinked duties are not repeated here: they refuse the submission (flow.lists_linked_to_duties)."""
    warnings = [f"权责清单：{p}" for p in basis_problems(unit)]
    drafts = SandingVersion.objects.filter(unit=unit, status=VersionStatus.DRAFT, primary__isnull=True)
    for version in drafts:
        warnings += [f"三定草稿（{version.effective_date}）：{w}" for w in check_version(version)]
    if not drafts.exists():
        warnings += [f"现行三定：{w}" for w in check_snapshot(snapshot(unit))]
    return warnings
