"""Checks: the engine only. Every check reads Documents (or written files) and returns
Findings; nothing here prints. Formatting is :mod:`summarygen.report`'s job."""

from .engine import DocumentCheck, TargetResult, check_document
from .finding import Finding, Severity, worst_first
from .profiles import AUDIENCES, Profile, load_profiles

__all__ = [
    "AUDIENCES",
    "DocumentCheck",
    "Finding",
    "Profile",
    "Severity",
    "TargetResult",
    "check_document",
    "load_profiles",
    "worst_first",
]
