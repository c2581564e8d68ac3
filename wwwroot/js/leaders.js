// Leadership pages: trend charts (Chart.js from wwwroot/lib), the period form's fields, import progress.
// Every page works without this file: the charts' numbers are also in a table, the form shows all its fields,
// the import page has a reload link.
(function () {
  'use strict';

  function readJson(element, name) {
    try { return JSON.parse(element.getAttribute('data-' + name)); } catch (e) { return []; }
  }

  function charts() {
    if (typeof window.Chart === 'undefined') { return; }
    var received = document.querySelector('canvas[data-chart="received"]');
    if (received) {
      var names = received.getAttribute('data-names').split('|');
      new window.Chart(received, {
        data: {
          labels: readJson(received, 'labels'),
          datasets: [
            { type: 'bar', label: names[0], data: readJson(received, 'online'), backgroundColor: '#0b57a4', stack: 'r', yAxisID: 'y' },
            { type: 'bar', label: names[1], data: readJson(received, 'inperson'), backgroundColor: '#9aa7b5', stack: 'r', yAxisID: 'y' },
            { type: 'bar', label: names[2], data: readJson(received, 'postal'), backgroundColor: '#d9a400', stack: 'r', yAxisID: 'y' },
            { type: 'line', label: names[3], data: readJson(received, 'share'), borderColor: '#a3161a', backgroundColor: '#a3161a', yAxisID: 'pct', spanGaps: true },
            { type: 'line', label: names[4], data: readJson(received, 'rate766'), borderColor: '#1b7f3b', backgroundColor: '#1b7f3b', borderDash: [6, 4], yAxisID: 'pct', spanGaps: true }
          ]
        },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          scales: {
            y: { stacked: true, beginAtZero: true, position: 'left' },
            pct: { beginAtZero: true, max: 100, position: 'right', grid: { drawOnChartArea: false }, ticks: { callback: function (v) { return v + ' %'; } } }
          }
        }
      });
    }

    var ontime = document.querySelector('canvas[data-chart="ontime"]');
    if (ontime) {
      new window.Chart(ontime, {
        type: 'line',
        data: {
          labels: readJson(ontime, 'labels'),
          datasets: [{ label: ontime.getAttribute('data-names'), data: readJson(ontime, 'ontime'), borderColor: '#1b7f3b', backgroundColor: '#1b7f3b', spanGaps: true }]
        },
        options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + ' %'; } } } } }
      });
    }
  }

  // Shows only the fields of the chosen kind of period.
  function periodForm() {
    var select = document.querySelector('select[data-period-kind]');
    if (!select) { return; }
    var fields = document.querySelectorAll('[data-period-field]');
    function update() {
      fields.forEach(function (field) {
        var kinds = field.getAttribute('data-period-field').split(' ');
        field.classList.toggle('is-hidden-by-js', kinds.indexOf(select.value) < 0);
      });
    }
    select.addEventListener('change', update);
    update();
  }

  // Follows an import run until it is done, then reloads to show the outcome.
  function importProgress() {
    var box = document.querySelector('[data-import-status]');
    if (!box) { return; }
    var url = box.getAttribute('data-import-status');
    var bar = box.querySelector('progress');
    var text = box.querySelector('[data-import-text]');
    function poll() {
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (bar) { bar.max = Math.max(1, s.totalRows); bar.value = s.processedRows; }
          if (text) { text.textContent = s.text; }
          if (s.done) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    if (box.getAttribute('data-import-done') !== 'true') { window.setTimeout(poll, 1000); }
  }

  document.addEventListener('DOMContentLoaded', function () {
    charts();
    periodForm();
    importProgress();
  });
})();
