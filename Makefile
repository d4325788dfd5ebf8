.PHONY: all lint test template voorbeelden prijslijst

all: lint test

lint:
	ruff check .
	ruff format --check .
	mypy rendementsmeter

test:
	python -m pytest

template:
	rendementsmeter template -o templates/casus-sjabloon.xlsx --overschrijven

voorbeelden: template
	python cases/maak_voorbeelden.py

prijslijst:
	python prijslijst/bouw_prijslijst.py
