from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "bianzhi.personnel"
    label = "personnel"
    verbose_name = "实名制"
    nav = [("实名制", "personnel:index"), ("用编审批", "personnel:application-list"), ("台账", "personnel:ledger")]
    unit_links = [("实名制与编制使用", "personnel:unit")]

    def ready(self):
        from bianzhi.portal.snapshot import register_section
        from bianzhi.sanding.services import APPROVAL_GUARDS

        from . import ledger, publicity

        if ledger.limit_problems not in APPROVAL_GUARDS:
            APPROVAL_GUARDS.append(ledger.limit_problems)
        register_section(publicity.SECTION_KEY, publicity.public_section, publicity.TEMPLATE,
                         schema=publicity.PublicSection)
