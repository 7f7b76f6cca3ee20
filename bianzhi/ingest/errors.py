"""The refusal of the ingestion steps."""


class IngestError(Exception):
    """Refused; `reasons` are Chinese messages naming the item and the problem."""

    def __init__(self, reasons):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__("；".join(self.reasons))
