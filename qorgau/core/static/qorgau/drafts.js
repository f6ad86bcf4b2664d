/* Form drafts that survive a dropped connection or a closed tab (qorgau/core/drafts.py).
 *
 * A form opts in with data-draft="<key>". Every change is written at once to
 * localStorage and, when online, sent to the server (debounced), retried when
 * the connection returns. On load the newer of the two copies is put back, with
 * a "discard draft" button. Submitting adds _draft_key and a one-off
 * _draft_token; a view that accepts the form leaves that token on the server,
 * and the browser drops its copy once it sees it. Signing out clears every
 * local draft of this browser (a shared device keeps no notes behind).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.localStorage) { return; }
  var cfg = script.dataset;
  var endpoint = cfg.endpoint || "/drafts/";
  var ROOT = "qorgau-draft:";
  var prefix = ROOT + (cfg.user || "anonymous") + ":";

  function clearAllLocal() {
    var doomed = [];
    for (var i = 0; i < localStorage.length; i += 1) {
      var k = localStorage.key(i);
      if (k && k.indexOf(ROOT) === 0) { doomed.push(k); }
    }
    doomed.forEach(function (k) { localStorage.removeItem(k); });
  }

  document.addEventListener("submit", function (event) {
    if (event.target.matches("form.logout")) { clearAllLocal(); }
  }, true);
  if (!cfg.user) { return; }

  function randomToken() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function skip(el) {
    var t = (el.type || "").toLowerCase();
    return !el.name || el.disabled || t === "file" || t === "password" || t === "submit" ||
      t === "button" || t === "hidden" || el.name.charAt(0) === "_";
  }

  function collect(form) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skip(el)) { return; }
      var t = (el.type || "").toLowerCase();
      if (t === "checkbox") {
        if (!(el.name in fields)) { fields[el.name] = []; }
        if (el.checked) { fields[el.name].push(el.value); }
      } else if (t === "radio") {
        if (el.checked) { fields[el.name] = el.value; } else if (!(el.name in fields)) { fields[el.name] = null; }
      } else if (el.tagName === "SELECT" && el.multiple) {
        fields[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        fields[el.name] = el.value;
      }
    });
    return fields;
  }

  function apply(form, fields) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skip(el) || !(el.name in fields)) { return; }
      var v = fields[el.name];
      var t = (el.type || "").toLowerCase();
      if (t === "checkbox") {
        el.checked = Array.isArray(v) && v.indexOf(el.value) !== -1;
      } else if (t === "radio") {
        el.checked = v === el.value;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = Array.isArray(v) && v.indexOf(o.value) !== -1; });
      } else if (typeof v === "string") {
        el.value = v;
      }
    });
  }

  function hasText(fields) {
    return Object.keys(fields || {}).some(function (k) {
      var v = fields[k];
      return Array.isArray(v) ? v.length > 0 : (typeof v === "string" && v.trim() !== "");
    });
  }

  function Draft(form) {
    this.form = form;
    this.key = form.dataset.draft;
    this.storageKey = prefix + this.key;
    this.pending = false;
    this.timer = null;
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    this.csrf = csrf ? csrf.value : "";
    this.status = document.createElement("p");
    this.status.className = "draft-status help";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    form.insertBefore(this.status, form.firstChild);
  }

  Draft.prototype.readLocal = function () {
    try { return JSON.parse(localStorage.getItem(this.storageKey) || "null"); } catch (e) { return null; }
  };

  Draft.prototype.writeLocal = function (draft) {
    try { localStorage.setItem(this.storageKey, JSON.stringify(draft)); } catch (e) { /* full: the server copy remains */ }
  };

  // The status line: what happened to the draft, and "Discard draft" while there is one.
  Draft.prototype.say = function (text, withDiscard) {
    var self = this;
    this.status.textContent = text || "";
    if (withDiscard) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link draft-discard";
      button.textContent = cfg.discard || "Discard draft";
      button.addEventListener("click", function () { self.discard(); });
      this.status.appendChild(document.createTextNode(" "));
      this.status.appendChild(button);
    }
  };

  // After a restore, saving it again to the server keeps the "restored" notice until the
  // user types: they must see that the text is a draft, and how to discard it.
  Draft.prototype.report = function (text) {
    if (!this.restored) { this.say(text, true); }
  };

  Draft.prototype.changed = function () {
    var self = this;
    this.restored = false;
    var draft = { fields: collect(this.form), saved_at: Date.now() };
    this.writeLocal(draft);
    this.pending = true;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.push(); }, 600);
  };

  Draft.prototype.request = function (body) {
    return window.fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrf },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    });
  };

  Draft.prototype.push = function () {
    var self = this;
    if (!this.pending) { return; }
    var draft = this.readLocal();
    if (!draft || draft.submit_token) { this.pending = false; return; }
    if (navigator.onLine === false) {
      this.report(cfg.offline || "Saved on this device; it will be sent when the connection returns.");
      return;
    }
    this.request({ key: this.key, data: draft }).then(function () {
      var now = self.readLocal();
      if (now && now.saved_at === draft.saved_at) { self.pending = false; }
      self.report(cfg.saved || "Draft saved.");
      self.form.dataset.draftSynced = String(draft.saved_at);
    }).catch(function () {
      self.report(cfg.offline || "Saved on this device; it will be sent when the connection returns.");
    });
  };

  Draft.prototype.discard = function () {
    localStorage.removeItem(this.storageKey);
    this.pending = false;
    this.restored = false;
    this.form.reset();
    this.form.dispatchEvent(new CustomEvent("draft-applied"));
    this.say("");
    this.request({ key: this.key, discard: true }).catch(function () { /* expires on the server */ });
  };

  Draft.prototype.restore = function (draft) {
    apply(this.form, draft.fields || {});
    // Widgets built over a field (the report's rich editor) show the restored text.
    this.form.dispatchEvent(new CustomEvent("draft-applied"));
    this.writeLocal({ fields: draft.fields, saved_at: draft.saved_at || Date.now() });
    var when = new Date(draft.saved_at || Date.now());
    var time = ("0" + when.getHours()).slice(-2) + ":" + ("0" + when.getMinutes()).slice(-2);
    this.restored = false;
    this.say((cfg.restored || "Draft restored") + " (" + time + ").", true);
    this.restored = true;
  };

  Draft.prototype.start = function () {
    var self = this;
    var form = this.form;
    form.addEventListener("input", function () { self.changed(); });
    form.addEventListener("change", function () { self.changed(); });
    form.addEventListener("submit", function () {
      var token = randomToken();
      var draft = self.readLocal() || { fields: collect(form), saved_at: Date.now() };
      draft.submit_token = token;
      self.writeLocal(draft);
      self.pending = false;
      [["_draft_key", self.key], ["_draft_token", token]].forEach(function (pair) {
        var input = form.querySelector("input[name=" + pair[0] + "]") || document.createElement("input");
        input.type = "hidden";
        input.name = pair[0];
        input.value = pair[1];
        form.appendChild(input);
      });
    });
    window.addEventListener("online", function () { self.pending = true; self.push(); });
    window.setInterval(function () { if (self.pending) { self.push(); } }, 15000);

    var local = this.readLocal();
    // The server answered the submission with errors: the page shows what was sent.
    var rejected = form.querySelector(".error, .errors, .errorlist, .has-error") !== null;
    if (rejected) {
      if (local) { delete local.submit_token; this.writeLocal(local); }
      return;
    }
    window.fetch(endpoint + "?key=" + encodeURIComponent(this.key), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (server) {
        if (local && local.submit_token) {
          if (server.cleared_token && server.cleared_token === local.submit_token) {
            localStorage.removeItem(self.storageKey);
            return;
          }
          delete local.submit_token;  // never arrived: keep every word
        }
        var remote = server.data;
        var best = local;
        if (remote && (!best || (remote.saved_at || 0) > (best.saved_at || 0))) { best = remote; }
        if (best && hasText(best.fields)) {
          self.restore(best);
          if (best === local && (!remote || remote.saved_at !== local.saved_at)) { self.pending = true; self.push(); }
        }
      })
      .catch(function () {
        if (local && hasText(local.fields)) {
          delete local.submit_token;
          self.restore(local);
          self.pending = true;
        }
      });
  };

  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (form) {
    new Draft(form).start();
  });
}());
