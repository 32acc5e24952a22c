"""The one error the layout stage raises for input it cannot read."""


class LayoutError(ValueError):
    """Bad page input; `str(error)` is a one-line message fit for the command line."""
