from assets.models.asset import Asset, AssetVersion
from assets.models.reuse import Citation, Reuse

__all__ = ["Asset", "AssetVersion", "Citation", "Reuse"]
