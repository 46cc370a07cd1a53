"""Repair: per-segment hints before translating, validator-guided re-translation after."""
