#include "core/messages.h"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

namespace tabi {

namespace {

// One JSON type in the whole build (ordered: hosts read members in the order we write them); a second
// instantiation of nlohmann would double its share of the wasm.
using json = nlohmann::ordered_json;

constexpr std::size_t kMaxIdLength = 128;
constexpr std::size_t kMaxReasonBytes = 160;  // of a JSON parser message, which quotes the input

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_placeholder_char(char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c == '_' || c == '.'; }
bool is_id_char(char c) { return is_placeholder_char(c) || c == '-'; }
bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string_view trim(std::string_view s) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Whether `word` is one of the words of `list` (separated by single spaces), ignoring ASCII case.
bool has_word(std::string_view list, std::string_view word) {
    for (std::size_t start = 0; start < list.size();) {
        const std::size_t end = std::min(list.find(' ', start), list.size());
        if (end > start && iequals(list.substr(start, end - start), word)) return true;
        start = end + 1;
    }
    return false;
}

// "zh" of "zh-Hant": what the rows of a family share.
std::string_view language_subtag(std::string_view tag) { return tag.substr(0, tag.find('-')); }

std::size_t locale_index(Locale locale) {
    const auto i = static_cast<std::size_t>(locale);
    return i < kLocales.size() ? i : 0;  // an out-of-range value (a cast from bad input) reads as English
}

// 1-based count of UTF-8 characters up to and including the byte at `offset`, for messages people read.
std::size_t character_number(std::string_view text, std::size_t offset) {
    std::size_t n = 0;
    for (std::size_t i = 0; i <= offset && i < text.size(); ++i)
        if (!is_utf8_continuation(text[i])) ++n;
    return n;
}

std::string json_pointer_to_member(std::string_view name) {
    std::string out = "/";
    for (const char c : name) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

// Builds the table straight from nlohmann's SAX events: one pass, no DOM, and the byte offset of a syntax
// error (which the DOM parser in no-throw mode does not give).
class CatalogueReader final : public nlohmann::json_sax<json> {
public:
    std::vector<MessageTable::Entry> entries;
    std::optional<Problem> problem;
    std::optional<std::size_t> error_position;  // bytes read when the syntax error was found
    std::string error_reason;

    bool null() override { return not_text(); }
    bool boolean(bool) override { return not_text(); }
    bool number_integer(number_integer_t) override { return not_text(); }
    bool number_unsigned(number_unsigned_t) override { return not_text(); }
    bool number_float(number_float_t, const string_t&) override { return not_text(); }
    bool binary(binary_t&) override { return not_text(); }
    bool start_array(std::size_t) override { return not_text(); }
    bool end_array() override { return not_text(); }

    bool string(string_t& value) override {
        if (depth_ != 1) return not_text();
        entries.push_back(MessageTable::Entry{std::move(key_), std::move(value), {}, false});
        return true;
    }
    bool start_object(std::size_t) override {
        if (depth_ != 0) return not_text();
        depth_ = 1;
        return true;
    }
    bool key(string_t& name) override {
        key_ = std::move(name);
        return true;
    }
    bool end_object() override {
        depth_ = 0;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        error_position = position;
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 5: "; keep the tail.
        const std::string_view what = ex.what();
        const std::size_t column = what.find("column ");
        const std::size_t colon = what.find(": ", column == std::string_view::npos ? 0 : column);
        std::string_view reason = colon == std::string_view::npos ? what : what.substr(colon + 2);
        if (reason.size() > kMaxReasonBytes) {
            std::size_t cut = kMaxReasonBytes;
            while (cut > 0 && is_utf8_continuation(reason[cut])) --cut;
            reason = reason.substr(0, cut);
        }
        error_reason = reason;
        return false;
    }

private:
    int depth_ = 0;  // 0 outside the top-level object, 1 inside it
    std::string key_;

    // A value that is not a string member of the top-level object.
    bool not_text() {
        if (depth_ == 0) problem = make_problem("", "messages.not_object");
        else problem = make_problem(json_pointer_to_member(key_), "messages.not_text", {{"id", key_}});
        return false;
    }
};

Problem not_json_problem(std::string_view text, std::size_t position, std::string reason) {
    // nlohmann counts the bytes read including the offending one: the 0-based offset is one less.
    const std::size_t offset = std::min(position > 0 ? position - 1 : 0, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if (!is_utf8_continuation(text[i])) {
            ++column;
        }
    }
    return make_problem(
        "", "messages.not_json",
        {{"line", std::to_string(line)}, {"column", std::to_string(column)}, {"reason", std::move(reason)}});
}

// FNV-1a, 64 bits: ids are short, so a simple byte loop is as fast as anything.
std::uint64_t id_hash(std::string_view id) {
    std::uint64_t hash = 0xcbf29ce484222325u;
    for (const char c : id) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3u;
    }
    return hash;
}

// Offset of the next '{' or '}' from `from`, or npos; a plain loop beats find_first_of's per-character set search.
std::size_t next_brace(std::string_view t, std::size_t from) {
    for (std::size_t i = from; i < t.size(); ++i)
        if (t[i] == '{' || t[i] == '}') return i;
    return std::string_view::npos;
}

bool is_usable_id(std::string_view id) {
    return !id.empty() && id.size() <= kMaxIdLength && std::all_of(id.begin(), id.end(), is_id_char);
}

// Each locale parses on first use, so a page in Korean never parses the Japanese catalogue. A table is constant
// once it has entries: an empty slot (a catalogue not embedded) may be filled once by install_messages.
MessageTable load_builtin(Locale locale) {
    Result<MessageTable> parsed = parse_message_table(messages_json(locale));
    if (!parsed) return MessageTable{};
    return std::move(parsed).value();
}

std::array<std::optional<MessageTable>, kLocales.size()>& table_slots() {
    static std::array<std::optional<MessageTable>, kLocales.size()> slots;  // the only function-local static in core
    return slots;
}

const MessageTable::Entry* find_with_fallback(Locale locale, std::string_view id) {
    if (const MessageTable::Entry* entry = builtin_messages(locale).find(id)) return entry;
    if (locale_index(locale) != locale_index(Locale::en)) return builtin_messages(Locale::en).find(id);
    return nullptr;
}

void render_entry(std::string& out, const MessageTable::Entry* entry, std::string_view id,
                  std::span<const MessageArg> args) {
    out.clear();
    if (!entry) out.append(id);
    else if (!entry->has_braces) out.append(entry->text);
    else append_rendered(out, entry->text, args);
}

}  // namespace

// --- Locales

std::string_view locale_tag(Locale locale) {
    return kLocaleTags[locale_index(locale)];
}

std::optional<Locale> locale_from_tag(std::string_view tag) {
    for (Locale l : kLocales)
        if (locale_tag(l) == tag) return l;
    return std::nullopt;
}

std::optional<Locale> match_locale(std::string_view tag) {
    tag = trim(tag.substr(0, tag.find(';')));
    if (tag.empty()) return std::nullopt;

    // Split into subtags without allocating; a tag with more subtags than we look at keeps its first ones.
    std::array<std::string_view, 8> subtags{};
    std::size_t count = 0;
    for (std::size_t start = 0; start <= tag.size() && count < subtags.size();) {
        const std::size_t end = std::min(tag.find_first_of("-_", start), tag.size());
        subtags[count++] = tag.substr(start, end - start);
        start = end + 1;
    }

    // The row the primary language asks for, and its family (core/locale_table.h).
    const auto named = std::find_if(kLocaleTable.begin(), kLocaleTable.end(),
                                    [&](const LocaleRow& row) { return has_word(row.languages, subtags[0]); });
    if (named == kLocaleTable.end()) return std::nullopt;
    const std::string_view family = language_subtag(named->tag);
    const auto in_family = [&](const LocaleRow& row) { return language_subtag(row.tag) == family; };
    const LocaleRow& fallback = *std::find_if(kLocaleTable.begin(), kLocaleTable.end(), in_family);

    const LocaleRow* by_language = named->locale != fallback.locale ? &*named : nullptr;
    const LocaleRow* by_region = nullptr;
    for (std::size_t i = 1; i < count; ++i) {
        const std::string_view sub = subtags[i];
        for (const LocaleRow& row : kLocaleTable)
            if (in_family(row) && has_word(row.scripts, sub)) return row.locale;  // the script says it outright
        for (const LocaleRow& row : kLocaleTable)
            if (!by_language && in_family(row) && row.locale != fallback.locale && has_word(row.languages, sub))
                by_language = &row;  // zh-yue
        if (!by_region && sub.size() == 2 && is_ascii_alpha(sub[0]) && is_ascii_alpha(sub[1])) {
            by_region = &fallback;
            for (const LocaleRow& row : kLocaleTable)
                if (in_family(row) && has_word(row.regions, sub)) {
                    by_region = &row;
                    break;
                }
        }
    }
    if (by_region) return by_region->locale;
    if (by_language) return by_language->locale;
    return fallback.locale;
}

Locale negotiate_locale(std::string_view requested, const std::vector<std::string>& browser_languages) {
    requested = trim(requested);
    if (!requested.empty() && !iequals(requested, "auto"))
        if (const std::optional<Locale> chosen = match_locale(requested)) return *chosen;
    for (const std::string& language : browser_languages)
        if (const std::optional<Locale> chosen = match_locale(language)) return *chosen;
    return Locale::en;
}

// --- Tables

const MessageTable::Entry* MessageTable::find(std::string_view id) const {
    const std::uint64_t hash = id_hash(id);
    auto it = std::lower_bound(by_hash_.begin(), by_hash_.end(), hash,
                               [](const HashedIndex& h, std::uint64_t key) { return h.hash < key; });
    for (; it != by_hash_.end() && it->hash == hash; ++it)  // more than one only on a hash collision
        if (entries_[it->index].id == id) return &entries_[it->index];
    return nullptr;
}

Result<MessageTable> parse_message_table(std::string_view json_text) {
    CatalogueReader reader;
    const bool parsed = json::sax_parse(json_text.begin(), json_text.end(), &reader,
                                        nlohmann::detail::input_format_t::json, /*strict=*/true);
    if (reader.problem) return *std::move(reader.problem);
    if (reader.error_position) return not_json_problem(json_text, *reader.error_position, reader.error_reason);
    if (!parsed) return make_problem("", "messages.not_json", {{"line", "1"}, {"column", "1"}, {"reason", ""}});

    MessageTable table;
    table.entries_ = std::move(reader.entries);
    for (MessageTable::Entry& entry : table.entries_) {
        if (!is_usable_id(entry.id))
            return make_problem(json_pointer_to_member(entry.id), "messages.bad_id", {{"id", entry.id}});
        if (const std::optional<std::size_t> at = find_template_error(entry.text))
            return make_problem(json_pointer_to_member(entry.id), "messages.bad_template",
                                {{"id", entry.id}, {"position", std::to_string(character_number(entry.text, *at))}});
        entry.has_braces = entry.text.find_first_of("{}") != std::string::npos;
        if (entry.has_braces) append_rendered(entry.plain, entry.text, {});
    }
    // Stable, so of two equal ids the first in the file is reported.
    std::stable_sort(table.entries_.begin(), table.entries_.end(),
                     [](const MessageTable::Entry& a, const MessageTable::Entry& b) { return a.id < b.id; });
    const auto twin = std::adjacent_find(table.entries_.begin(), table.entries_.end(),
                                         [](const MessageTable::Entry& a, const MessageTable::Entry& b) {
                                             return a.id == b.id;
                                         });
    if (twin != table.entries_.end())
        return make_problem(json_pointer_to_member(twin->id), "messages.duplicate_id", {{"id", twin->id}});
    table.by_hash_.reserve(table.entries_.size());
    for (std::size_t i = 0; i < table.entries_.size(); ++i)
        table.by_hash_.push_back({id_hash(table.entries_[i].id), static_cast<std::uint32_t>(i)});
    std::sort(table.by_hash_.begin(), table.by_hash_.end(),
              [](const auto& a, const auto& b) { return a.hash < b.hash || (a.hash == b.hash && a.index < b.index); });
    return table;
}

const MessageTable& builtin_messages(Locale locale) {
    std::optional<MessageTable>& slot = table_slots()[locale_index(locale)];
    if (!slot) slot = load_builtin(locale);
    return *slot;
}

bool has_messages(Locale locale) { return builtin_messages(locale).size() > 0; }

std::optional<Problem> install_messages(Locale locale, std::string_view json_text) {
    if (has_messages(locale)) return std::nullopt;  // constant once filled: views into it stay valid
    Result<MessageTable> parsed = parse_message_table(json_text);
    if (!parsed) return parsed.problem();
    table_slots()[locale_index(locale)] = std::move(parsed).value();
    return std::nullopt;
}

// --- Templates

std::optional<std::size_t> find_template_error(std::string_view t) {
    for (std::size_t i = 0; i < t.size();) {
        const char c = t[i];
        if (c != '{' && c != '}') {
            ++i;
        } else if (i + 1 < t.size() && t[i + 1] == c) {
            i += 2;  // "{{" or "}}"
        } else if (c == '}') {
            return i;
        } else {
            std::size_t end = i + 1;
            while (end < t.size() && is_placeholder_char(t[end])) ++end;
            if (end == i + 1 || end == t.size() || t[end] != '}') return i;
            i = end + 1;
        }
    }
    return std::nullopt;
}

std::vector<std::string> template_placeholders(std::string_view t) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t brace = next_brace(t, i);
        if (brace == std::string_view::npos) break;
        if (brace + 1 < t.size() && t[brace + 1] == t[brace]) {
            i = brace + 2;
            continue;
        }
        if (t[brace] == '}') {
            i = brace + 1;
            continue;
        }
        const std::size_t close = t.find('}', brace + 1);
        if (close == std::string_view::npos) break;
        names.emplace_back(t.substr(brace + 1, close - brace - 1));
        i = close + 1;
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

void append_rendered(std::string& out, std::string_view t, std::span<const MessageArg> args) {
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t brace = next_brace(t, i);
        if (brace == std::string_view::npos) {
            out.append(t.substr(i));
            return;
        }
        out.append(t.substr(i, brace - i));
        const char c = t[brace];
        if (brace + 1 < t.size() && t[brace + 1] == c) {  // "{{" or "}}"
            out += c;
            i = brace + 2;
            continue;
        }
        if (c == '}') {
            out += c;
            i = brace + 1;
            continue;
        }
        const std::size_t close = t.find('}', brace + 1);
        if (close == std::string_view::npos) {
            out.append(t.substr(brace));
            return;
        }
        const std::string_view name = t.substr(brace + 1, close - brace - 1);
        for (const MessageArg& arg : args) {
            if (arg.name == name) {
                out.append(arg.value);
                break;
            }
        }
        i = close + 1;
    }
}

// --- Rendering

std::string_view message_template(Locale locale, std::string_view id) {
    const MessageTable::Entry* entry = find_with_fallback(locale, id);
    return entry ? std::string_view(entry->text) : std::string_view();
}

void render_into(std::string& out, Locale locale, std::string_view id, std::span<const MessageArg> args) {
    render_entry(out, find_with_fallback(locale, id), id, args);
}

void render_into(std::string& out, const MessageTable& table, const MessageTable& fallback, std::string_view id,
                 std::span<const MessageArg> args) {
    const MessageTable::Entry* entry = table.find(id);
    render_entry(out, entry ? entry : fallback.find(id), id, args);
}

std::string render(Locale locale, std::string_view id, const std::vector<MessageArg>& args) {
    std::string out;
    render_into(out, locale, id, args);
    return out;
}

std::string render(Locale locale, const Problem& problem) { return render(locale, problem.message_id, problem.args); }

std::string_view message_text(Locale locale, std::string_view id) {
    const MessageTable::Entry* entry = find_with_fallback(locale, id);
    if (!entry) return id;
    return entry->has_braces ? std::string_view(entry->plain) : std::string_view(entry->text);
}

std::string render_count(Locale locale, std::string_view id, std::int64_t count, const std::vector<MessageArg>& args) {
    constexpr std::string_view kSingular = ".one";
    std::array<char, kMaxIdLength + kSingular.size()> buffer{};
    if (count == 1 && id.size() <= kMaxIdLength) {
        std::copy(id.begin(), id.end(), buffer.begin());
        std::copy(kSingular.begin(), kSingular.end(), buffer.begin() + static_cast<std::ptrdiff_t>(id.size()));
        const std::string_view singular(buffer.data(), id.size() + kSingular.size());
        if (builtin_messages(Locale::en).find(singular)) return render(locale, singular, args);
    }
    return render(locale, id, args);
}

}  // namespace tabi
