"""The constitution as data: schema, loading, derivation, validation, citations."""

from respublika.profile.loader import load_profile, load_raw, shipped_profiles
from respublika.profile.schema import Profile

__all__ = ["Profile", "load_profile", "load_raw", "shipped_profiles"]
