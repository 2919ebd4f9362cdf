#include "ui/font_slices.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "ui/style.h"

namespace tabi::ui {
namespace {

// The index's characters: each the difference from the previous one, in base 32, the last digit of a number
// from kDigitsLast, the others from kDigitsMore (make_font_slices.py, encode_chars).
constexpr std::string_view kDigitsLast = "0123456789abcdefghijklmnopqrstuv";
constexpr std::string_view kDigitsMore = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_$";

// Each byte's digit: 0-31 a last digit, 32-63 (32 + value) a leading one, 64 none. A table: the index of a CJK
// locale has ~20,000 digits, read before the first frame.
constexpr std::array<std::uint8_t, 256> kDigitOf = [] {
    std::array<std::uint8_t, 256> table{};
    table.fill(64);
    for (std::size_t i = 0; i < 32; ++i) {
        table[static_cast<unsigned char>(kDigitsLast[i])] = static_cast<std::uint8_t>(i);
        table[static_cast<unsigned char>(kDigitsMore[i])] = static_cast<std::uint8_t>(32 + i);
    }
    return table;
}();

bool decode_chars(std::string_view text, CodePoints& out) {
    std::uint32_t previous = 0, value = 0;
    for (char c : text) {
        const std::uint8_t d = kDigitOf[static_cast<unsigned char>(c)];
        if (d >= 64) return false;
        if (d >= 32) {
            value = value * 32 + (d - 32u);
            if (value > 0x10FFFF) return false;
        } else {
            previous += value * 32 + d;
            value = 0;
            if (previous > 0x10FFFF) return false;
            out.push_back(previous);
        }
    }
    return value == 0;
}

// "sha256-<base64>" -> the first ten hex digits of the digest ("" when it is not that form).
std::string hash_prefix(std::string_view integrity) {
    constexpr std::string_view kPrefix = "sha256-";
    constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (integrity.substr(0, kPrefix.size()) != kPrefix || integrity.size() < kPrefix.size() + 8) return {};
    std::string hex;
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : integrity.substr(kPrefix.size(), 8)) {  // 8 base64 digits: 6 bytes, 12 hex digits
        const auto v = kBase64.find(c);
        if (v == std::string_view::npos) return {};
        bits = (bits << 6) | static_cast<std::uint32_t>(v);
        count += 6;
        while (count >= 4) {
            count -= 4;
            hex += "0123456789abcdef"[(bits >> count) & 15];
        }
    }
    return hex.substr(0, 10);
}

}  // namespace

void add_code_points(std::string_view text, CodePoints& set) {
    // Read with core's decoder rather than ImGui's, which turns anything above U+FFFF into U+FFFD (its ImWchar is
    // 16 bits): such a character is one the widget cannot draw, and must be named as it is. Invalid bytes are
    // skipped.
    const std::size_t before = set.size();
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char d = decode_utf8(text, i);
        i += d.length ? d.length : 1;
        if (d.length && d.code_point >= 0x20) set.push_back(d.code_point);
    }
    if (set.size() == before) return;
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
}

CodePoints beyond_latin(const CodePoints& set) {
    CodePoints out;
    for (char32_t c : set)
        if (!in_latin_font(c)) out.push_back(c);
    return out;
}

bool FontSlices::read_index(std::string_view index_json) {
    using json = nlohmann::ordered_json;  // the one JSON type of the build (a second one doubles the parser)
    const json index = json::parse(index_json, nullptr, false);
    if (!index.is_object() || !index.contains("locale") || !index["locale"].is_string() || !index.contains("slices") ||
        !index["slices"].is_array())
        return false;
    std::vector<Slice> slices;
    std::vector<CodePoints> chars;  // per slice, ascending
    char32_t low = 0x10FFFF, high = 0;
    for (const auto& entry : index["slices"]) {
        if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_string()) return false;
        Slice s;
        s.integrity = entry[0].get<std::string>();
        s.hash = hash_prefix(s.integrity);
        CodePoints& list = chars.emplace_back();
        if (s.hash.empty() || !decode_chars(entry[1].get_ref<const std::string&>(), list) || slices.size() >= kNoSlice)
            return false;
        if (!list.empty()) {
            low = std::min(low, list.front());
            high = std::max(high, list.back());
        }
        slices.push_back(std::move(s));
    }
    // Character -> slice as a table over the characters' range (each CJK locale's spans ~65,000 code points:
    // 130 KB), filled in one pass without sorting (a sorted list of pairs took most of the index's reading, before
    // the first frame). A character in two slices belongs to the first (slice 000 holds the messages' characters).
    if (low > high) low = high = 0;
    std::vector<std::uint16_t> owner(high - low + 1, kNoSlice);
    for (std::size_t i = 0; i < chars.size(); ++i)
        for (char32_t c : chars[i])
            if (owner[c - low] == kNoSlice) owner[c - low] = static_cast<std::uint16_t>(i);
    locale_ = index["locale"].get<std::string>();
    slices_ = std::move(slices);
    owner_ = std::move(owner);
    owner_low_ = low;
    return true;
}

std::optional<std::size_t> FontSlices::slice_of(char32_t c) const {
    if (c < owner_low_ || c - owner_low_ >= owner_.size() || owner_[c - owner_low_] == kNoSlice) return std::nullopt;
    return owner_[c - owner_low_];
}

CodePoints FontSlices::uncovered(const CodePoints& set) const {
    CodePoints out;
    for (char32_t c : set)
        if (!slice_of(c)) out.push_back(c);
    return out;
}

std::vector<std::size_t> FontSlices::to_fetch(const CodePoints& set) {
    std::vector<std::size_t> out;
    for (char32_t c : set) {
        const auto s = slice_of(c);
        if (!s || slices_[*s].state != State::absent) continue;
        slices_[*s].state = State::asked;
        out.push_back(*s);
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool FontSlices::add(std::string_view name, const unsigned char* bytes, std::size_t size) {
    for (std::size_t i = 0; i < slices_.size(); ++i) {
        if (file(i) != name) continue;
        slices_[i].font.assign(bytes, bytes + size);
        slices_[i].state = State::here;
        return true;
    }
    return false;
}

void FontSlices::fetch_failed(std::string_view name) {
    for (std::size_t i = 0; i < slices_.size(); ++i)
        if (file(i) == name && slices_[i].state == State::asked) slices_[i].state = State::failed;
}

std::string FontSlices::file(std::size_t slice) const {
    return fmt::format("tabi-font-{}-{:03}.{}.otf", locale_, slice, slices_[slice].hash);
}

CodePoints FontSlices::here(const CodePoints& set) const {
    CodePoints out;
    for (char32_t c : set)
        if (const auto s = slice_of(c); s && slices_[*s].state == State::here) out.push_back(c);
    return out;
}

std::vector<FontSlices::Part> FontSlices::parts_for(const CodePoints& set) const {
    std::vector<Part> parts;
    std::vector<int> part_of(slices_.size(), -1);
    for (char32_t c : set) {
        const auto s = slice_of(c);
        if (!s || slices_[*s].state != State::here) continue;
        if (part_of[*s] < 0) {
            part_of[*s] = static_cast<int>(parts.size());
            parts.push_back(Part{&slices_[*s].font, {}});
        }
        parts[static_cast<std::size_t>(part_of[*s])].chars.push_back(c);
    }
    return parts;
}

}  // namespace tabi::ui
