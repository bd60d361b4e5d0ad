"""The demo data set: generated people across the providers, loaded through the library."""

from graph_identity.demo.dataset import DemoDataset, build_dataset
from graph_identity.demo.loader import DemoRefused, DemoSummary, load_demo

__all__ = ["DemoDataset", "DemoRefused", "DemoSummary", "build_dataset", "load_demo"]
