// Progressive enhancement for the filing wizard; every form works without it.
(function () {
  'use strict';
  // Conditional fields: shown only when the field they depend on has the given value.
  var fields = document.querySelectorAll('[data-when-field]');
  function refresh() {
    fields.forEach(function (box) {
      var other = document.getElementById(box.getAttribute('data-when-field'));
      if (!other) { return; }
      var value = other.type === 'checkbox' ? (other.checked ? 'true' : 'false') : other.value;
      box.hidden = value !== box.getAttribute('data-when-value');
    });
  }
  fields.forEach(function (box) {
    var other = document.getElementById(box.getAttribute('data-when-field'));
    if (other) { other.addEventListener('change', refresh); }
  });
  refresh();
  // A second click on "submit" while the first is on its way does nothing (the server is idempotent anyway).
  document.querySelectorAll('form.submit-form').forEach(function (form) {
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type=submit]');
      if (button) { setTimeout(function () { button.disabled = true; }, 0); }
    });
  });
}());
