// Functions the wasm imports from JavaScript (an Emscripten --js-library). They reach the bridge
// through the module object the bridge created (Module.tabiBridge), so each widget instance talks
// only to its own bridge. This file goes through the Closure Compiler and the bridge does not: every
// name they share is written in quotes, which Closure never renames (wasm/closure.cmake).
mergeInto(LibraryManager.library, {
  // An event for the host page: name and a JSON payload (never an unmasked identifier).
  tabi_js_emit: function (name, json) {
    var bridge = Module['tabiBridge'];
    if (bridge) bridge['onEmit'](UTF8ToString(name), UTF8ToString(json));
  },
  // A service the widget needs from the page (lookupCard, onPayment, storage, downloads, clipboard).
  tabi_js_request: function (kind, json) {
    var bridge = Module['tabiBridge'];
    if (bridge) bridge['onRequest'](UTF8ToString(kind), UTF8ToString(json));
  },
  // Makes the widget's own canvas addressable by html5.h as "!canvas" (no global selector, works
  // inside shadow roots and with several widgets per page).
  tabi_js_bind_canvas__deps: ['$specialHTMLTargets'],
  tabi_js_bind_canvas: function () {
    specialHTMLTargets['!canvas'] = Module['canvas'];
    specialHTMLTargets['!textinput'] = Module['textInput'];
  },
});
