"""aiwatch: an offline, citable knowledge base of the AI ecosystem."""

__version__ = "0.1.0"
