"""Child: the baseline, a minimal PySide6 main window; says "visible" once it is up."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("minimal")
window.setCentralWidget(QLabel("Hello"))
window.resize(1200, 760)
window.show()


def visible() -> None:
    print("visible", flush=True)
    app.quit()


QTimer.singleShot(0, visible)
sys.exit(app.exec())
