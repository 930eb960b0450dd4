"""qkeys desktop: issue, manage and verify API keys from your workstation."""

__version__ = "0.1.0"
APP_NAME = "qkeys"
