"""The PySide6 desktop app. Imports everything below it; nothing imports it."""
