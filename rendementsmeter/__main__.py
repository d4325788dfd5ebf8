from rendementsmeter.cli import run

run()
