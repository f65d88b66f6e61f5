// Small progressive enhancements; every page works without them.
(function () {
  // Upload with a progress bar: forms marked data-upload post through XHR and follow the redirect.
  document.querySelectorAll('form[data-upload]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      event.preventDefault();
      var bar = form.querySelector('progress');
      var status = form.querySelector('[data-upload-status]');
      var xhr = new XMLHttpRequest();
      xhr.open(form.method || 'POST', form.action);
      xhr.upload.addEventListener('progress', function (e) {
        if (bar && e.lengthComputable) { bar.hidden = false; bar.value = e.loaded / e.total; }
        if (status && e.lengthComputable) status.textContent = '已上传 ' + Math.round((e.loaded / e.total) * 100) + '%';
      });
      xhr.addEventListener('load', function () {
        if (xhr.responseURL && xhr.status < 400) { window.location.href = xhr.responseURL; return; }
        document.open(); document.write(xhr.responseText); document.close();
      });
      xhr.addEventListener('error', function () { if (status) status.textContent = '上传失败，请检查网络后重试'; });
      xhr.send(new FormData(form));
    });
  });
  // A select that reloads its form when changed (the finding form's unit picker): here, not in an
  // onchange attribute, which the Content-Security-Policy blocks.
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });
  // Confirm before destructive actions.
  document.querySelectorAll('[data-confirm]').forEach(function (el) {
    el.addEventListener('click', function (event) { if (!window.confirm(el.getAttribute('data-confirm'))) event.preventDefault(); });
  });
})();
