"""Loading: bytes on disk -> YAML values with positions -> the typed model."""
