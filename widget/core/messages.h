// Message catalogues: every user-facing string of the widget, in English, Simplified Chinese, Traditional
// Chinese, Japanese and Korean.
//
// The catalogues are flat JSON objects, one file per locale (widget/core/messages/<tag>.json), mapping a dotted
// message id to a template: {"ui.step_of": "Step {n} of {total}"}. A template names its arguments in braces;
// "{{" and "}}" stand for literal braces. CMake embeds the files as strings (messages/messages_data.cpp.in);
// they are parsed once, on first use, into a sorted table per locale, so rendering is a binary search plus
// one pass over the template.
//
// Rendering never fails: an id the locale lacks renders the English text, an id English lacks too renders as
// the id itself, a missing argument renders as nothing.
//
// Counts: the catalogues avoid plural forms ("Days left: {days}"). Where English needs a singular, the
// catalogues carry a second id with the suffix ".one" ("ui.choose.days_value.one": "1 day"), and
// render_count() picks it when the count is 1.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/locale_table.h"
#include "core/problem.h"

namespace tabi {

// The locales, their tags and the tags that ask for each: core/locale_table.h, the table the bridge reads too.
enum class Locale {
#define TABI_LOCALE_ENUMERATOR(name, tag, languages, scripts, regions) name,
    TABI_LOCALE_TABLE(TABI_LOCALE_ENUMERATOR)
#undef TABI_LOCALE_ENUMERATOR
};

// One row of the negotiation table; the lists are words separated by single spaces.
struct LocaleRow {
    Locale locale;
    std::string_view tag;        // BCP 47
    std::string_view languages;  // primary language subtags that ask for the locale
    std::string_view scripts;    // script subtags that ask for it within its family
    std::string_view regions;    // region subtags that ask for it within its family
};
inline constexpr std::array kLocaleTable = {
#define TABI_LOCALE_ROW(name, tag, languages, scripts, regions) \
    LocaleRow{Locale::name, tag, languages, scripts, regions},
    TABI_LOCALE_TABLE(TABI_LOCALE_ROW)
#undef TABI_LOCALE_ROW
};

inline constexpr std::array<Locale, kLocaleTable.size()> kLocales = [] {
    std::array<Locale, kLocaleTable.size()> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = kLocaleTable[i].locale;
    return out;
}();

// BCP 47 tags, in kLocales' order.
inline constexpr std::array<std::string_view, kLocales.size()> kLocaleTags = [] {
    std::array<std::string_view, kLocales.size()> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = kLocaleTable[i].tag;
    return out;
}();

// BCP 47 tag: "en", "zh-Hans", "zh-Hant", "ja", "ko".
std::string_view locale_tag(Locale locale);
// The locale whose locale_tag() is exactly `tag` (case-sensitive, no negotiation), or nullopt: for keys that
// name a locale ("names" in a catalogue, a locale pack), where "zh-TW" is a typo rather than a preference.
std::optional<Locale> locale_from_tag(std::string_view tag);

// The supported locale one language tag asks for, or nullopt, by kLocaleTable (core/locale_table.h says how).
// Case-insensitive, '_' accepted for '-', surrounding spaces and an Accept-Language weight (";q=0.8") ignored;
// subtags after the eighth are not looked at. Chinese: a script subtag decides (zh-Hant-*, zh-Hans-*);
// otherwise TW, HK and MO mean Traditional, any other region or none Simplified; Cantonese (yue, zh-yue)
// defaults to Traditional. The bridge's matchLocale (js/src/locale.mjs) is the same, from the same table.
std::optional<Locale> match_locale(std::string_view tag);

// The locale to show. `requested` is the host's choice (data-locale): an explicit supported tag wins; "auto",
// an empty string or a tag we do not support falls through to the browser's (or page's) languages, first
// match wins; nothing matching means English.
Locale negotiate_locale(std::string_view requested, const std::vector<std::string>& browser_languages);

// --- Catalogue tables

// The JSON text of a locale's catalogue as embedded at build time (generated from messages_data.cpp.in); empty
// for a locale the build does not embed.
std::string_view messages_json(Locale locale);

// One locale's messages: entries sorted by id, found by a binary search over their ids' 64-bit hashes
// (comparing whole ids that share long prefixes such as "ui.choose.col." costs several times more).
class MessageTable {
public:
    struct Entry {
        std::string id;
        std::string text;   // the template, escapes and placeholders as written
        std::string plain;  // rendered with no arguments; empty and unused when the template has no braces
        bool has_braces = false;
    };

    // The entry for an id, or nullptr.
    const Entry* find(std::string_view id) const;
    std::size_t size() const { return entries_.size(); }
    const std::vector<Entry>& entries() const { return entries_; }

private:
    friend Result<MessageTable> parse_message_table(std::string_view json_text);
    struct HashedIndex {
        std::uint64_t hash;
        std::uint32_t index;  // into entries_
    };
    std::vector<Entry> entries_;
    std::vector<HashedIndex> by_hash_;  // sorted by hash
};

// Parses and checks a catalogue: one JSON object of string members, ids of letters, digits, '.', '_' and '-',
// no id twice, every brace either doubled or closing a placeholder name. Problems (where is a JSON pointer to
// the member): messages.not_json {line, column, reason}, messages.not_object, messages.not_text {id},
// messages.bad_id {id}, messages.duplicate_id {id}, messages.bad_template {id, position}.
Result<MessageTable> parse_message_table(std::string_view json_text);

// The built-in catalogue of a locale, parsed on first use and constant afterwards. A catalogue that does not
// parse (which the tests rule out) is empty, so its messages fall back to English.
const MessageTable& builtin_messages(Locale locale);

// Whether a locale's catalogue is there: the native build embeds all five; the wasm build embeds English only
// and receives the others with their fonts when a locale is first used (install_messages).
bool has_messages(Locale locale);
// Fills a locale's catalogue that was not embedded. A catalogue already there is kept (views into it stay
// valid for the program's lifetime): nullopt then too. Problems are those of parse_message_table.
std::optional<Problem> install_messages(Locale locale, std::string_view json_text);

// --- Templates

// Position (0-based byte offset) of the first brace that is neither doubled nor part of a {name}, or nullopt
// for a well-formed template. A name is one or more letters, digits, '_' or '.'.
std::optional<std::size_t> find_template_error(std::string_view template_text);

// Placeholder names of a template, sorted, each once.
std::vector<std::string> template_placeholders(std::string_view template_text);

// Appends the template to `out`, replacing each {name} with the argument's value ("" when absent) and "{{",
// "}}" with single braces. Lenient with malformed templates: a lone '}' is copied, an unclosed '{' copies the rest.
void append_rendered(std::string& out, std::string_view template_text, std::span<const MessageArg> args);

// --- Rendering

// The template of an id: the locale's, else English's; "" when neither has it.
std::string_view message_template(Locale locale, std::string_view id);

// The message with its arguments filled in; the id itself when no catalogue has it.
std::string render(Locale locale, std::string_view id, const std::vector<MessageArg>& args = {});
// The same into a caller's buffer (cleared first), for drawing every frame without a new allocation.
void render_into(std::string& out, Locale locale, std::string_view id, std::span<const MessageArg> args = {});
// A problem's message with its arguments.
std::string render(Locale locale, const Problem& problem);
// The same from given tables (for instance a host's own texts over the built-in ones): `table` first, then
// `fallback`, then the id itself.
void render_into(std::string& out, const MessageTable& table, const MessageTable& fallback, std::string_view id,
                 std::span<const MessageArg> args = {});

// A message without arguments, with no allocation: the view stays valid for the program's lifetime and is
// null-terminated, so `.data()` can be handed to C APIs. For an id no catalogue has, the view is `id` itself.
std::string_view message_text(Locale locale, std::string_view id);

// Renders `id`, or `id` + ".one" when count is 1 and English has that id. `count` picks the form only:
// pass it in `args` as well when the template shows it.
std::string render_count(Locale locale, std::string_view id, std::int64_t count,
                         const std::vector<MessageArg>& args = {});

}  // namespace tabi
