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
  // html5.h's own, but for one case: a frame that needed deferred code before the deferred module was linked
  // (js/src/wasm-loader.mjs) unwinds, and the widget starts over in a new instance; that is not an error on the
  // host's page, and the dropped instance draws no more frames.
  emscripten_request_animation_frame: function (cb, userData) {
    return requestAnimationFrame(function (timeStamp) {
      if (Module['tabiDropped']) return;
      try {
        {{{ makeDynCall('idi', 'cb') }}}(timeStamp, userData);
      } catch (e) {
        if (!e || e.name !== 'DeferredCodeMissing') throw e;
      }
    });
  },
  tabi_js_bind_canvas__deps: ['$specialHTMLTargets'],
  tabi_js_bind_canvas: function () {
    specialHTMLTargets['!canvas'] = Module['canvas'];
    specialHTMLTargets['!textinput'] = Module['textInput'];
  },
});
