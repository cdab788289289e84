// Linked by `guide serve` only: reloads the page after a rebuild and shows build errors.
// A file, not an inline script, so pages keep their Content Security Policy; the events
// address comes from the script tag's `data-events`.
(function () {
  var eventsUrl = document.currentScript.getAttribute("data-events");
  var overlay = null;
  function clear() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(errors) {
    clear();
    overlay = document.createElement("div");
    overlay.id = "__guide-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
    var title = document.createElement("h2");
    title.textContent = "The guide could not be built: the last good version is shown underneath";
    title.style.cssText = "margin:0 0 1rem;font:bold 18px sans-serif;color:#ff8a80";
    overlay.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement("pre");
      item.className = "__guide-error";
      item.style.cssText = "margin:0 0 1rem;padding:1rem;background:#000;border-left:4px solid #ff5252";
      // textContent, never innerHTML: messages quote the user's text.
      item.textContent = e.location + ": " + e.message + (e.hint ? "\n  hint: " + e.hint : "");
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var socket = new WebSocket(scheme + location.host + eventsUrl);
  socket.addEventListener("message", function (event) {
    var message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    if (message.type === "reload") { location.reload(); }
    if (message.type === "errors") { show(message.errors || []); }
  });
  // The server holds back the rest of a rebuild until the reloaded page has loaded.
  var told = false;
  function loaded() {
    if (!told && socket.readyState === WebSocket.OPEN && document.readyState === "complete") {
      told = true;
      socket.send('{"type":"loaded"}');
    }
  }
  socket.addEventListener("open", loaded);
  addEventListener("load", loaded);
})();
