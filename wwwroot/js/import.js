// Import page: a file over the portal's limit is refused before it is sent, with the page's own message (the server
// answers such a body with the same message, but a browser may show a reset connection instead of a response that
// arrives while it is still uploading). The page works without this file: the server checks the size too.
(function () {
  'use strict';

  function sizeCheck() {
    var input = document.querySelector('input[type="file"][data-max-bytes]');
    if (!input || !input.form) { return; }
    var max = parseInt(input.getAttribute('data-max-bytes'), 10);
    var box = document.querySelector('[data-size-message]');

    function tooLarge() {
      var file = input.files && input.files[0];
      return !!file && file.size > max;
    }

    function show() {
      var over = tooLarge();
      input.classList.toggle('is-invalid', over);
      if (box) {
        box.textContent = over ? input.getAttribute('data-too-large') : '';
        box.classList.toggle('d-none', !over);
      }
      return over;
    }

    input.addEventListener('change', show);
    input.form.addEventListener('submit', function (event) {
      if (show()) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', sizeCheck);
})();
