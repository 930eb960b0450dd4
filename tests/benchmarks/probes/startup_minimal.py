"""Child: the baseline, a minimal PySide6 main window with a table of 30 rows, the size of
qkeys' window; says "keys" once the table has painted its rows (as startup_app.py does)."""

import sys

from _paint_watch import PaintWatch
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

ROWS, COLUMNS = 30, 6

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("minimal")
table = QTableWidget(ROWS, COLUMNS, window)
for row in range(ROWS):
    for column in range(COLUMNS):
        table.setItem(row, column, QTableWidgetItem(f"row {row} column {column}"))
window.setCentralWidget(table)
window.resize(1200, 760)
watch = PaintWatch("keys", lambda: True, app.quit)
table.viewport().installEventFilter(watch)
window.show()
sys.exit(app.exec())
