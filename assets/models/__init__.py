from .asset import Asset, AssetVersion
from .reuse import Citation, Reuse

__all__ = ["Asset", "AssetVersion", "Citation", "Reuse"]
