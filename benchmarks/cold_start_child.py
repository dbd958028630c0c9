"""Child process for the cold-start benchmark: start the app as `resnet-viewer`
does (offscreen), and print a marker once the main window is shown with the
graph drawn. The parent times spawn → marker."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from resnet_viewer.gui.main_window import MainWindow

app = QApplication(sys.argv[:1])
window = MainWindow()
window.show()
app.processEvents()
window.view.viewport().repaint()  # the graph is painted now
assert window.scene.edge_label("layer2.0/relu", "layer2.1/main") == "512×28×28"
print("shown", "torch" in sys.modules, flush=True)
os._exit(0)  # don't wait for the engine thread's torch import
