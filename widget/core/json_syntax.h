// Where and why a text is not JSON. The catalogue, the card status from the host, payment results and stored
// orders all report "not JSON at byte N" the same way; nlohmann's SAX interface gives the position and reason
// without exceptions (the DOM parser in no-throw mode gives neither).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace tabi {

struct JsonSyntaxError {
    std::size_t offset = 0;  // 0-based byte offset of the offending byte (text.size() at an unexpected end)
    std::size_t line = 1;    // 1-based
    std::size_t column = 1;  // 1-based, in characters (UTF-8 continuation bytes are not counted)
    std::string reason;      // the parser's reason, valid UTF-8, at most about 200 bytes
};

// The first syntax error of `text`; for a text that is valid JSON, offset 0 and an empty reason.
JsonSyntaxError find_json_syntax_error(std::string_view text);

// `text` as valid UTF-8 (invalid bytes become U+FFFD, control characters spaces), cut to about `max_bytes`.
std::string sanitized_utf8(std::string_view text, std::size_t max_bytes);

// JSON allows "\uD83D" alone, and nlohmann refuses it ("surrogate U+D800..U+DBFF must be followed by
// U+DC00..U+DFFF"): one half of a character cut in two by a host's truncation would make a whole catalogue "not
// JSON". Returns the text with every unpaired surrogate inside a string (as a \u escape, or as the three bytes
// CESU-8 writes for it) replaced by kUnpairedSurrogateMark (U+FDD0 in UTF-8), or nothing when the text has none
// (the usual case: no copy). The mark is a noncharacter, which no real text holds, so the parsed strings show where each was.
inline constexpr std::string_view kUnpairedSurrogateMark = "\xEF\xB7\x90";
std::optional<std::string> with_unpaired_surrogates_marked(std::string_view json_text);

// The value of a hex digit (either case), or -1: JSON's \u escapes, and the entropy of order ids and keys.
int hex_value(char c);

// A key as one token of a JSON pointer (RFC 6901: "~" is written "~0", "/" is written "~1").
std::string escape_pointer_token(std::string_view token);

// The JSON type of a value as problems name it ("integer", "string", "object", ...): catalogue and order checks.
std::string_view json_type_name(const nlohmann::ordered_json& value);

}  // namespace tabi
