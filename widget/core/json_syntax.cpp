#include "core/json_syntax.h"
#include "core/utf8.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace tabi {
namespace {

// One JSON type in the whole build (ordered: hosts read members in the order we write them); a second
// instantiation of nlohmann would double its share of the wasm.
using json = nlohmann::ordered_json;

constexpr std::size_t kMaxReasonBytes = 160;  // a parser message quotes the input, which may be long

struct ParseErrorFinder : nlohmann::json_sax<json> {
    std::size_t position = 0;
    std::string reason;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
        position = pos;
        std::string_view what = ex.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 5: ": keep the tail.
        if (auto colon = what.find(": "); colon != std::string_view::npos) what.remove_prefix(colon + 2);
        reason = sanitized_utf8(what, kMaxReasonBytes);
        if (reason.empty()) reason = "unexpected input";
        return false;
    }
};

}  // namespace

std::string_view json_type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "integer";
        case json::value_t::number_float: return "number";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        default: return "value";
    }
}

std::string sanitized_utf8(std::string_view text, std::size_t max_bytes) {
    std::string out;
    out.reserve(std::min(text.size(), max_bytes) + 4);
    for (std::size_t i = 0; i < text.size();) {
        if (out.size() >= max_bytes) {
            out += "\u2026";
            break;
        }
        const std::size_t n = decode_utf8(text, i).length;
        if (n == 0) {
            out += "\uFFFD";
            ++i;
        } else if (n == 1 && static_cast<unsigned char>(text[i]) < 0x20) {
            out += ' ';
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

JsonSyntaxError find_json_syntax_error(std::string_view text) {
    ParseErrorFinder finder;
    json::sax_parse(text.begin(), text.end(), &finder, nlohmann::detail::input_format_t::json, /*strict=*/true);
    JsonSyntaxError e;
    if (finder.reason.empty()) return e;
    e.reason = std::move(finder.reason);
    // nlohmann counts the bytes read including the offending one: the 0-based offset is one less.
    e.offset = std::min(finder.position > 0 ? finder.position - 1 : 0, text.size());
    for (std::size_t i = 0; i < e.offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++e.line;
            e.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++e.column;  // count characters, not UTF-8 continuation bytes
        }
    }
    return e;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

namespace {

// The value of the four hex digits of a "\uXXXX" escape starting at `at` (the backslash), or -1.
int escape_code(std::string_view text, std::size_t at) {
    if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return -1;
    int code = 0;
    for (std::size_t i = at + 2; i < at + 6; ++i) {
        const int digit = hex_value(text[i]);
        if (digit < 0) return -1;
        code = code * 16 + digit;
    }
    return code;
}

bool is_high_surrogate(int code) { return code >= 0xD800 && code <= 0xDBFF; }
bool is_low_surrogate(int code) { return code >= 0xDC00 && code <= 0xDFFF; }

}  // namespace

std::optional<std::string> with_unpaired_surrogates_marked(std::string_view text) {
    std::optional<std::string> out;
    std::size_t copied = 0;  // text[0, copied) is in *out already
    const auto mark = [&](std::size_t at, std::size_t length) {
        if (!out) out.emplace().reserve(text.size());
        out->append(text.substr(copied, at - copied));
        out->append(kUnpairedSurrogateMark);
        copied = at + length;
    };
    bool in_string = false;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (!in_string) {
            in_string = c == '"';
            ++i;
        } else if (c == '"') {
            in_string = false;
            ++i;
        } else if (c == '\\') {
            const int code = escape_code(text, i);
            if (code < 0) {
                i += 2;  // another escape ("\\", "\n", ...): its second character is not a quote or a backslash
            } else if (is_high_surrogate(code) && is_low_surrogate(escape_code(text, i + 6))) {
                i += 12;
            } else if (is_high_surrogate(code) || is_low_surrogate(code)) {
                mark(i, 6);
                i += 6;
            } else {
                i += 6;
            }
        } else if (static_cast<unsigned char>(c) == 0xED && i + 2 < text.size() &&
                   (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0xA0 &&
                   (static_cast<unsigned char>(text[i + 2]) & 0xC0) == 0x80) {
            mark(i, 3);  // ED A0..BF xx: a surrogate written as if it were a character
            i += 3;
        } else {
            ++i;
        }
    }
    if (out) out->append(text.substr(copied));
    return out;
}

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

}  // namespace tabi
