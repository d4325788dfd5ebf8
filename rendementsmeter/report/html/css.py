"""The report's inline style sheet (system fonts, A4 print layout)."""

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.45; color: #1a1a1a; max-width: 185mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; color: #1F4E79; margin: 0 0 2mm; line-height: 1.2; }
h2 { font-size: 14pt; color: #1F4E79; border-bottom: 2px solid #1F4E79; padding-bottom: 1mm;
  margin: 9mm 0 3mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2.5mm; }
.sub { color: #444; margin-bottom: 5mm; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 4mm 0; }
.card { border: 1px solid #c9d3df; border-top: 4px solid #1F4E79; padding: 2.5mm 3mm; break-inside: avoid; }
.card.kosten { border-top-color: #C55A11; }
.card .v { font-size: 14pt; font-weight: 700; white-space: nowrap; }
.card .l { font-size: 9pt; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; }
th { background: #1F4E79; color: #fff; text-align: left; padding: 1.2mm 2mm; font-weight: 600; }
td { border-bottom: 1px solid #dde3ea; padding: 1mm 2mm; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr.tot td { font-weight: 700; border-top: 2px solid #1F4E79; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.klein { color: #767676; }
.note { font-size: 9pt; color: #444; }
.bron td { font-size: 8pt; }
.bron td:first-child { white-space: nowrap; }
figure { margin: 2mm 0 5mm; break-inside: avoid; }
figcaption { font-size: 9pt; color: #444; }
svg { width: 100%; height: auto; display: block; }
section { break-inside: auto; }
.domein { break-inside: avoid; margin-bottom: 3mm; }
h4 { font-size: 10.5pt; color: #1F4E79; margin: 3mm 0 1.5mm; break-after: avoid; }
.verhalen { margin: 2mm 0 0 0; }
blockquote.verhaal { margin: 0 0 2.5mm; padding: 2mm 3mm; border-left: 4px solid #1F4E79; background: #F3F6FA;
  break-inside: avoid; }
blockquote.verhaal p { margin: 0 0 1mm; }
svg.balk { width: 40mm; height: 3mm; display: inline-block; vertical-align: middle; }
ul { margin: 0 0 3mm; padding-left: 6mm; }
li { margin-bottom: 1mm; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #555; border-top: 1px solid #ccc; padding-top: 2mm; }
@media print { body { padding: 0; max-width: none; } * { -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } h2 { break-before: auto; } }
"""
