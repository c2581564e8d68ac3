// Keyboard shortcuts for the officials' lists (progressive enhancement: every page works without them).
// "/" jumps to the search box; "j" / "k" move between dossiers; Enter opens the focused one.
(function () {
  'use strict';
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (event.key === '/') {
      var search = document.getElementById('q');
      if (search) {
        event.preventDefault();
        search.focus();
        search.select();
      }
      return;
    }
    if (event.key !== 'j' && event.key !== 'k') {
      return;
    }
    var links = Array.prototype.slice.call(document.querySelectorAll('table.worklist tbody td:first-child a'));
    if (links.length === 0) {
      return;
    }
    var index = links.indexOf(document.activeElement);
    var next = event.key === 'j' ? Math.min(links.length - 1, index + 1) : Math.max(0, index < 0 ? 0 : index - 1);
    event.preventDefault();
    links[next].focus();
  });
}());
