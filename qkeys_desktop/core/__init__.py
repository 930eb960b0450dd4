"""The key registry: tokens, hashing, storage and verification. Never imports Qt."""
