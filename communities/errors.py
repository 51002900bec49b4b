class ActionError(Exception):
    """A business rule refused an action. The message is shown to the person as is."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status
