// Progressive enhancement only: follow, send in place, retry, count, drafts, countdown.
(function () {
  "use strict";
  var main = document.getElementById("main"), d = main.dataset;
  var shown = d.step + "." + d.rev, es = null;
  Array.prototype.forEach.call(document.querySelectorAll(".nojs"), function (el) { el.remove(); });

  var banner = document.getElementById("offline"), gone = false, wait = 1000, timer = null;
  var skew = 0, dl = document.getElementById("deadline");
  var list = document.getElementById("asked");
  function apply(s) {
    if (s && s.step + "." + s.rev !== shown) { location.replace("/"); }
    if (list && s && s.q !== undefined && s.q != list.dataset.q) { relist(); }
    if (s && s.now) { skew = s.now * 1000 - Date.now(); }
  }
  function relist() {
    fetch("/", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (h) {
      var n = new DOMParser().parseFromString(h, "text/html").getElementById("asked");
      if (n) { list.replaceWith(n); list = n; }
    }, lost);
  }
  function tick() {
    var n = Math.max(0, Math.round((d.ends * 1000 - Date.now() - skew) / 1000));
    dl.textContent = d.left.replace("{time}", (n / 60 | 0) + ":" + ("0" + n % 60).slice(-2));
  }
  if (dl) { tick(); setInterval(tick, 1000); }
  function back(s) {
    if (gone) { gone = false; wait = 1000; banner.hidden = true; follow(); }
    apply(s);
  }
  function lost() {
    if (!gone) { gone = true; banner.hidden = false; if (es) { es.close(); es = null; } }
    if (!timer) {
      timer = setTimeout(function () { timer = null; check(); }, wait);
      wait = Math.min(wait * 2, 16000);
    }
  }
  function check() {
    var stop = window.AbortController && new AbortController();
    if (stop) { setTimeout(function () { stop.abort(); }, 4000); }
    fetch("/state", { cache: "no-store", signal: stop && stop.signal })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(back, lost);
  }
  var heard = 0;
  function follow() {
    if (!window.EventSource) { return; }
    es = new EventSource("/events");
    heard = Date.now();
    es.onmessage = function (e) { heard = Date.now(); back(JSON.parse(e.data)); };
    es.onerror = check;
  }
  follow();
  setInterval(function () { if (es && es.readyState !== 2 && !gone && Date.now() - heard > 5000) { lost(); } }, 1000);
  window.addEventListener("pagehide", function () { if (es) { es.close(); } });
  var ticks = 0;
  setInterval(function () {
    if (!gone && (!es || es.readyState === 2 || ++ticks % 7 === 0)) { check(); }
  }, 3000);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { check(); } });
  window.addEventListener("offline", lost);

  function newId() {
    var a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }
  function store(key, value) {
    try { if (value) { sessionStorage.setItem(key, value); } else { sessionStorage.removeItem(key); } } catch (e) {}
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[method=post]"), function (form) {
    var status = form.querySelector(".status"), button = form.querySelector("button");
    var text = form.querySelector("textarea"), sub = form.elements.submission;
    var draft = text && "draft:" + d.key + ":" + text.id;
    function count() {
      var c = document.getElementById(text.getAttribute("aria-describedby"));
      c.textContent = d.count.replace("{n}", text.value.length).replace("{max}", text.maxLength);
    }
    if (text) {
      try { text.value = sessionStorage.getItem(draft) || ""; } catch (e) {}
      count();
      text.addEventListener("input", function () { count(); store(draft, text.value); });
    }
    if (!status || !sub) { return; }

    function done(ok, reply) {
      button.disabled = false;
      status.textContent = reply.message;
      status.className = ok ? "status" : "status closed";
      if (!ok) { return; }
      sub.value = newId();
      if (text) {
        var box = form.parentNode, li = document.createElement("li");
        li.textContent = reply.text;
        box.querySelector(".mine").appendChild(li);
        box.querySelector(".mine-heading").hidden = false;
        text.value = "";
        store(draft, "");
        count();
      }
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var body = new URLSearchParams(new FormData(form)), tries = 0;
      button.disabled = true;
      status.className = "status";
      status.textContent = d.sending;
      (function send() {
        fetch(form.action, { method: "POST", body: body, cache: "no-store", headers: { Accept: "application/json" } })
          .then(function (r) {
            if (r.status === 503 || r.status === 429) { throw r; }
            return r.json().then(function (j) { done(r.ok, j); });
          })
          .catch(function () {
            if (++tries < 6) {
              status.textContent = d.retrying;
              setTimeout(send, 1000 * tries);
            } else {
              done(false, { message: d.failed });
            }
          });
      })();
    });
  });
})();
