// A small rich-text editor for report sections: bold, italic, lists, headings.
// It replaces each <textarea data-rich-editor> with an editable area and a toolbar,
// and writes the HTML back into the textarea on submit. Without script the textarea
// works as is. The server cleans whatever arrives (visits/reports/sanitize.py).
(function () {
  "use strict";

  var BUTTONS = [
    { cmd: "bold", label: "B", title: "Bold" },
    { cmd: "italic", label: "I", title: "Italic" },
    { cmd: "formatBlock", arg: "h3", label: "H", title: "Heading" },
    { cmd: "formatBlock", arg: "p", label: "¶", title: "Paragraph" },
    { cmd: "insertUnorderedList", label: "•", title: "List" },
    { cmd: "insertOrderedList", label: "1.", title: "Numbered list" },
  ];

  function parse(html) {
    // Parsed in an inert document: nothing in it runs or loads.
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    var frag = document.createDocumentFragment();
    Array.prototype.forEach.call(doc.body.childNodes, function (n) {
      frag.appendChild(document.importNode(n, true));
    });
    return frag;
  }

  function setup(textarea) {
    var wrap = document.createElement("div");
    wrap.className = "rich-editor";
    var bar = document.createElement("div");
    bar.className = "rich-toolbar";
    bar.setAttribute("role", "toolbar");
    var area = document.createElement("div");
    area.className = "rich-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    if (textarea.id) {
      var label = document.querySelector('label[for="' + textarea.id + '"]');
      if (label) {
        if (!label.id) label.id = textarea.id + "-label";
        area.setAttribute("aria-labelledby", label.id);
      }
    }
    area.appendChild(parse(textarea.value));
    BUTTONS.forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "button";
      btn.textContent = b.label;
      btn.title = b.title;
      btn.setAttribute("aria-label", b.title);
      btn.addEventListener("mousedown", function (e) { e.preventDefault(); });
      btn.addEventListener("click", function () {
        area.focus();
        document.execCommand(b.cmd, false, b.arg ? "<" + b.arg + ">" : null);
      });
      bar.appendChild(btn);
    });
    wrap.appendChild(bar);
    wrap.appendChild(area);
    textarea.parentNode.insertBefore(wrap, textarea);
    textarea.hidden = true;
    var sync = function () { textarea.value = area.innerHTML; };
    area.addEventListener("input", sync);
    if (textarea.form) {
      textarea.form.addEventListener("submit", sync);
      // A draft restored or discarded (core drafts.js) rewrites the textarea: show it.
      textarea.form.addEventListener("draft-applied", function () {
        area.textContent = "";
        area.appendChild(parse(textarea.value));
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-rich-editor]"), setup);
  });
})();
