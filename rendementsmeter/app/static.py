"""The app's one style sheet and one script, served by the app itself (no CDN: it works offline)."""

from __future__ import annotations

CSS = """
:root { --ink:#1d2733; --muted:#5b6776; --line:#d5dbe3; --accent:#1f5f8b; --ok:#1e6b3a; --bad:#a12a1f;
        --warn:#8a5a00; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink);
       background:#fff; }
a { color:var(--accent); }
:focus-visible { outline:3px solid #f2b01e; outline-offset:2px; }
.skip { position:absolute; left:-999px; } .skip:focus { left:1rem; top:1rem; background:#fff; padding:.5rem; z-index:2; }
header.app { background:var(--ink); color:#fff; padding:.6rem 1.5rem; display:flex; gap:2rem; align-items:center;
             flex-wrap:wrap; }
header.app .naam { font-weight:700; }
header.app nav a { color:#fff; margin-right:1.2rem; text-decoration:none; padding:.2rem 0; }
header.app nav a[aria-current=page] { border-bottom:3px solid #f2b01e; }
header.app .map { color:#c9d3de; font-size:.9rem; margin-left:auto; }
main { max-width:84rem; margin:0 auto; padding:1rem 1rem 3rem; }
h1 { font-size:1.6rem; margin:.6rem 0; } h2 { font-size:1.25rem; margin:1.6rem 0 .5rem; }
.kaarten { display:grid; grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr)); gap:.6rem; margin:.8rem 0; }
.kaart { border:1px solid var(--line); border-radius:6px; padding:.6rem .8rem; background:var(--bg); }
.kaart .label { color:var(--muted); font-size:.85rem; } .kaart .waarde { font-size:1.25rem; font-weight:700; white-space:nowrap; }
table { border-collapse:collapse; width:100%; font-size:.92rem; }
th, td { text-align:left; padding:.35rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:var(--bg); } td.getal, th.getal { text-align:right; white-space:nowrap; }
.status { font-weight:600; white-space:nowrap; } td.naam { white-space:nowrap; }
.s-opgenomen { color:var(--ok); } .s-afgewezen { color:var(--bad); } .s-overgeslagen, .s-buiten { color:var(--muted); }
.fout { color:var(--bad); } .waarschuwing { color:var(--warn); }
ul.bev { margin:.2rem 0; padding-left:1.1rem; }
form.rij { display:flex; flex-wrap:wrap; gap:.8rem; align-items:flex-end; margin:.5rem 0; }
label { display:block; font-size:.9rem; color:var(--muted); }
input, select, button, textarea { font:inherit; }
input[type=text], input[type=number], input[type=date], select { padding:.3rem .4rem; border:1px solid #8a96a3;
       border-radius:4px; }
button, .knop { background:var(--accent); color:#fff; border:0; border-radius:4px; padding:.45rem .9rem;
       cursor:pointer; text-decoration:none; display:inline-block; }
button.tweede, .knop.tweede { background:#fff; color:var(--accent); border:1px solid var(--accent); }
.drop { border:2px dashed #8a96a3; border-radius:8px; padding:2rem; text-align:center; background:var(--bg); }
.verborgen { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
.drop input:focus-visible + label { outline:3px solid #f2b01e; outline-offset:2px; }
.drop.over { border-color:var(--accent); background:#e7f0f7; }
.melding { border-left:4px solid var(--accent); background:var(--bg); padding:.6rem .8rem; margin:.8rem 0; }
.melding.fout { border-color:var(--bad); } .melding.ok { border-color:var(--ok); }
.klein { color:var(--muted); font-size:.88rem; }
progress { width:100%; height:1.2rem; }
iframe.rapport { width:100%; border:1px solid var(--line); min-height:40rem; }
table.regels { font-size:.86rem; } table.regels td.tekst { min-width:8rem; }
table.regels td.signalen { min-width:11rem; } td.invoer select { width:6.8rem; } td.invoer input { width:3.8rem; }
td.invoer input.opm { width:9rem; }
tr.afgewezen td { background:#fbeeee; } tr.aangepast td { background:#fff8e6; }
@media print {
  header.app, nav, form.rij, .drop, button, .knop, .geen-print, iframe, #veranderd { display:none !important; }
  td.invoer select, td.invoer input { border:0; appearance:none; background:none; }
  main { max-width:none; padding:0; } body { font-size:11pt; }
  a { color:inherit; text-decoration:none; } tr { break-inside:avoid; }
}
"""

JS = """
(function () {
  'use strict';
  var body = document.body;
  var csrf = body.getAttribute('data-csrf');
  var versie = body.getAttribute('data-versie');
  var volg = body.getAttribute('data-volg');  // 'herlaad': reload on a new reading; 'meld': only say so

  function poll() {
    fetch('/status', {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (s) {
      var bar = document.getElementById('voortgang');
      if (bar && s.bezig) {
        bar.max = Math.max(s.totaal, 1); bar.value = s.klaar;
        document.getElementById('voortgang-tekst').textContent = s.tekst;
      }
      if (!s.bezig && versie !== null && String(s.versie) !== versie) {
        if (volg === 'herlaad') { window.location.reload(); return; }
        var m = document.getElementById('veranderd'); if (m) { m.hidden = false; }
      }
      setTimeout(poll, s.bezig ? 400 : 2500);
    }).catch(function () { setTimeout(poll, 5000); });
  }
  if (volg) { poll(); }

  var drop = document.getElementById('drop');
  var input = document.getElementById('bestand');
  var uit = document.getElementById('uitslag');
  function send(file) {
    uit.innerHTML = '<p role="status">Bezig met controleren van ' + file.name.replace(/[<>&"]/g, '') + '...</p>';
    fetch('/werker/controleer', {method: 'POST', credentials: 'same-origin', body: file,
      headers: {'X-CSRF': csrf, 'X-Bestandsnaam': encodeURIComponent(file.name),
                'Content-Type': 'application/octet-stream'}})
      .then(function (r) { return r.text(); })
      .then(function (html) { uit.innerHTML = html; var h = uit.querySelector('h2'); if (h) { h.focus(); } })
      .catch(function () { uit.innerHTML = '<p class="melding fout">Controleren mislukt; probeer het opnieuw.</p>'; });
  }
  if (drop && input) {
    input.addEventListener('change', function () { if (input.files.length) { send(input.files[0]); } });
    ['dragenter', 'dragover'].forEach(function (e) {
      drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (e) {
      drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.remove('over'); });
    });
    drop.addEventListener('drop', function (ev) {
      if (ev.dataTransfer.files.length) { send(ev.dataTransfer.files[0]); }
    });
  }

  var frame = document.querySelector('iframe.rapport');
  if (frame) {
    frame.addEventListener('load', function () {
      try { frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 20) + 'px'; } catch (e) {}
    });
  }
})();
"""
