// The messages between the widget (the wasm) and its bridge (js/src/widget.mjs), defined once. Each crosses the
// C ABI as JSON text (wasm/main.cpp's exports and imports); this table is what each side may say:
//   - requests, wasm -> bridge (tabi_js_request): a service from the page (RenewalSession's and the platform's);
//   - messages, bridge -> wasm (tabi_widget_message): {"type": <name>, ...}.
// The C++ side switches over these enums (a missing case does not compile: -Werror=switch); the bridge's are
// checked against this file by tests/js/protocol.test.mjs, which reads the X(...) lines below (keep one per line).
//
// No version field: the wasm and the bridge are one release. The bridge script names the wasm by its content hash
// and loads it with its SRI value (wasm/fingerprint.cmake), so a bridge never talks to another build's wasm; a
// version in each message would only be compared with a constant of the same build.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace tabi {

// X(enumerator, "name"): wasm -> bridge.
#define TABI_BRIDGE_REQUESTS(X)                                                                        \
    X(lookup, "lookup")                   /* look the card up with the host's lookupCard */           \
    X(pay, "pay")                         /* hand the confirmed order to the host's onPayment */      \
    X(payment_status, "payment-status")   /* ask the host about a pending payment */                  \
    X(persist, "persist")                 /* keep the pending order in the page's storage */          \
    X(forget, "forget")                   /* drop it */                                               \
    X(restore, "restore")                 /* read it back (answered by the "restore" message) */      \
    X(download, "download")               /* save a file (receipt, reminder) */                       \
    X(copy, "copy")                       /* put a text on the clipboard */                           \
    X(locale_pack, "locale-pack")         /* fetch a locale's pack (messages, font index, slice 000) */ \
    X(font_slices, "font-slices")         /* fetch the font slices the shown texts need */            \
    X(system_glyphs, "system-glyphs")     /* draw characters with the system's fonts, at the atlas's sizes */ \
    X(missing_glyphs, "missing-glyphs")   /* the characters it cannot draw yet (a canvas data attribute) */ \
    X(first_frame, "first-frame")         /* the first frame is drawn: fetch the deferred code */     \
    X(a11y, "a11y")                       /* the frame's accessibility record, for the mirror */      \
    X(text_input, "text-input")           /* where the text agent goes and what it holds */           \
    X(cursor, "cursor")                   /* the mouse cursor over the canvas (a CSS cursor name) */

// X(enumerator, "name"): bridge -> wasm.
#define TABI_BRIDGE_MESSAGES(X)                                                                         \
    X(set_theme, "set-theme")                     /* theme and accent */                               \
    X(set_locale, "set-locale")                   /* a locale (or "auto") and the page's languages */  \
    X(set_currency, "set-currency")               /* the display currency */                           \
    X(set_catalog, "set-catalog")                 /* a new catalogue (or its fetch error) */           \
    X(locale_pack_failed, "locale-pack-failed")   /* a requested pack could not be fetched */          \
    X(font_slices_loaded, "font-slices-loaded")   /* the slices asked for are given (or failed) */     \
    X(text, "text")                               /* text typed or composed in the text agent */       \
    X(key, "key")                                 /* a key pressed in the text agent */                \
    X(text_blur, "text-blur")                     /* the text agent lost focus */                      \
    X(continue_url, "continue-url")               /* the host's continueUrl for an order */            \
    X(a11y_activate, "a11y-activate")             /* the mirror pressed a button */                    \
    X(a11y_input, "a11y-input")                   /* the mirror changed a field */                     \
    X(lookup_result, "lookup-result")             /* the answer to "lookup" */                         \
    X(payment_result, "payment-result")           /* the host's answer to "pay" or "payment-status" */ \
    X(payment_unanswered, "payment-unanswered")   /* the host did not answer in time, or threw */      \
    X(restore, "restore")                         /* the answer to "restore" */                        \
    X(storage_result, "storage-result")           /* whether "persist" could write the order's record */

#define TABI_BRIDGE_ENUMERATOR(e, name) e,
enum class BridgeRequestKind { TABI_BRIDGE_REQUESTS(TABI_BRIDGE_ENUMERATOR) };
enum class BridgeMessageType { TABI_BRIDGE_MESSAGES(TABI_BRIDGE_ENUMERATOR) };
#undef TABI_BRIDGE_ENUMERATOR

#define TABI_BRIDGE_NAME(e, name) std::string_view(name),
inline constexpr std::array kBridgeRequestNames{TABI_BRIDGE_REQUESTS(TABI_BRIDGE_NAME)};
inline constexpr std::array kBridgeMessageNames{TABI_BRIDGE_MESSAGES(TABI_BRIDGE_NAME)};
#undef TABI_BRIDGE_NAME

constexpr std::string_view name_of(BridgeRequestKind kind) { return kBridgeRequestNames[static_cast<std::size_t>(kind)]; }
constexpr std::string_view name_of(BridgeMessageType type) { return kBridgeMessageNames[static_cast<std::size_t>(type)]; }

// The type of a message from the bridge by its name; none for a name not in the table.
constexpr std::optional<BridgeMessageType> bridge_message_type(std::string_view name) {
    for (std::size_t i = 0; i < kBridgeMessageNames.size(); ++i)
        if (kBridgeMessageNames[i] == name) return static_cast<BridgeMessageType>(i);
    return std::nullopt;
}

}  // namespace tabi
