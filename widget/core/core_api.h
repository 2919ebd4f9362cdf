// The headless core API (TabiRenew.core() in the browser): core's functions with plain JSON in and
// out, for hosts that have their own forms. The wasm exports it as tabi_core_call(method, json);
// being plain core, it is tested natively.
//
//   checkCatalog(catalogue JSON text)  -> { ok, plans?, errors, warnings: [{ path, id, severity, message }] }
//   identify({ text, catalog?, locale? })
//       -> { kind, state, acceptable, card, normalized, masked, issuer, operators, problems, hint }
//   compare({ catalog?, query: { product?, card?, currency?, refundableOnly?, minDataMb?, kind?, sortBy?,
//                                direction?, locale? } })
//       -> { rows: [{ planId, name, ..., price, shownPrice, pricePerDay, pricePerGb, refundable }], rate, notes }
//   recommend({ catalog?, query: { product?, card?, tripDays, mbPerDay, validDaysLeft?, remainingMb?, currency?,
//                                  locale? } })
//       -> { status, tripDays, tripMb, daysNeeded, mbNeeded, best, alternatives, message, rate, notes }
//       each pick's shownTotal is its total in query.currency with the catalogue's rate, as compare() shows prices
//   order({ catalog?, selection: [{ planId, quantity }], card: identifier as typed, locale?, now, entropy })
//       -> { order: the host order of order_to_host_json (orderId, idempotencyKey, items, total, card,
//            paymentRequest, locale) }, built as the widget's confirm step builds it (order_for_choice)
//   installMessages({ locale, messages })  -> { ok, locale }   (the bridge, with a locale pack's catalogue)
// Texts and plan names are in the request's locale: English, or a locale whose messages were installed
// (texts fall back to English, names to the catalogue's "name").
// Money is { currency, minor (integer), value (exact decimal string), text (formatted) }. A missing catalog
// means the built-in sample. Every answer is a JSON object; a bad call answers
// { "error": { "id", "message", "problems" } } and never throws. `normalized` is the identifier as typed,
// cleaned: it goes back to the host that gave it, never into an event or storage.
#pragma once

#include <string>
#include <string_view>

namespace tabi {

std::string call_core_api(std::string_view method, std::string_view input_json);

}  // namespace tabi
