/* Upload progress for the library's forms. Without JavaScript the form posts as usual;
   with it, the same POST goes through XMLHttpRequest so the bar can show the bytes sent,
   and the answer (the asset page, or the form with its errors) replaces this page. */
(function () {
  "use strict";
  function enhance(form) {
    var bar = form.querySelector(".upload-progress");
    var input = form.querySelector("input[type=file]");
    if (!bar || !input || !window.FormData) return;
    form.addEventListener("submit", function (event) {
      if (!input.files || !input.files.length) return;
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      bar.hidden = false;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
      });
      xhr.addEventListener("load", function () {
        var url = xhr.responseURL || window.location.href;
        document.open();
        document.write(xhr.responseText);
        document.close();
        if (url !== window.location.href) window.history.replaceState(null, "", url);
      });
      xhr.addEventListener("error", function () { form.submit(); });
      form.querySelector("button[type=submit]").disabled = true;
      xhr.send(new FormData(form));
    });
  }
  document.querySelectorAll("form[data-upload-progress]").forEach(enhance);
})();
