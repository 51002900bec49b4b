/* Upload progress for the library's forms. Without JavaScript the form posts as usual.
   With it, the same POST goes through XMLHttpRequest so a bar shows the bytes sent; the
   server answers a success with the address to go to, and a refusal with the page whose
   <main> (the form and its errors) replaces this one's. */
(function () {
  "use strict";
  function enhance(form) {
    var bar = form.querySelector(".upload-progress");
    var input = form.querySelector("input[type=file]");
    if (!bar || !input || !window.FormData || !window.DOMParser) return;
    form.addEventListener("submit", function (event) {
      if (!input.files || !input.files.length) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      xhr.setRequestHeader("X-Upload-Progress", "1");
      bar.hidden = false;
      bar.value = 0;
      if (button) button.disabled = true;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
      });
      xhr.addEventListener("load", function () {
        var type = xhr.getResponseHeader("Content-Type") || "";
        if (type.indexOf("application/json") === 0) {
          window.location.assign(JSON.parse(xhr.responseText).location);
          return;
        }
        var main = new DOMParser().parseFromString(xhr.responseText, "text/html").querySelector("main");
        if (!main) { form.submit(); return; }
        document.querySelector("main").replaceWith(main);
        main.querySelectorAll("form[data-upload-progress]").forEach(enhance);
        main.focus();
      });
      xhr.addEventListener("error", function () { form.submit(); });
      xhr.send(new FormData(form));
    });
  }
  document.querySelectorAll("form[data-upload-progress]").forEach(enhance);
})();
