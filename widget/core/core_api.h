// The headless core API (TabiRenew.core() in the browser): core's functions with plain JSON in and
// out, for hosts that have their own forms. The wasm exports it as tabi_core_call(method, json);
// being plain core, it is tested natively.
//
//   checkCatalog(catalogue JSON text)          -> { ok, errors, warnings: [{ path, id, message }] }
//   identify({ text, catalog? })               -> { kind, state, card, normalized, masked, issuer, problems }
//   compare({ catalog?, query })               -> { rows, rate }
//   recommend({ catalog?, query })             -> { status, best, alternatives }
// A missing catalog means the built-in sample. Every answer is a JSON object; a bad call answers
// { "error": { "id", "message" } } and never throws.
#pragma once

#include <string>
#include <string_view>

namespace tabi {

std::string call_core_api(std::string_view method, std::string_view input_json);

}  // namespace tabi
