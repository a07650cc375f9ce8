"""The Finding type lives in :mod:`summarygen.findings`, which both checks and identity import
(so neither imports the other for it); this module re-exports it for older imports."""

from ..findings import Finding, Severity, worst_first

__all__ = ["Finding", "Severity", "worst_first"]
