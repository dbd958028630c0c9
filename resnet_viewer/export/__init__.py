"""Diagram export: a pure SVG writer over the core's layout; PDF and PNG
render that SVG with Qt, imported only when asked for."""
