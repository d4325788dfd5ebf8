from rendementsmeter.cli import main

main(prog_name="rendementsmeter")
