#include "ui/system_glyphs.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <nlohmann/json.hpp>

namespace tabi::ui {
namespace {

using json = nlohmann::ordered_json;  // the one JSON type of the build (a second one doubles the parser)

bool contains(const CodePoints& sorted, char32_t c) { return std::binary_search(sorted.begin(), sorted.end(), c); }

void insert_sorted(CodePoints& sorted, const CodePoints& more) {
    CodePoints merged;
    std::set_union(sorted.begin(), sorted.end(), more.begin(), more.end(), std::back_inserter(merged));
    sorted = std::move(merged);
}

void erase_sorted(CodePoints& sorted, const CodePoints& gone) {
    CodePoints kept;
    std::set_difference(sorted.begin(), sorted.end(), gone.begin(), gone.end(), std::back_inserter(kept));
    sorted = std::move(kept);
}

// A code point the answer may name: one of ImGui's 16-bit characters.
bool read_char(const json& v, char32_t& out) {
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 0xFFFF) return false;
    out = static_cast<char32_t>(v.get<std::uint64_t>());
    return true;
}

bool read_int(const json& v, int low, int high, int& out) {
    if (v.is_number_unsigned()) {
        const std::uint64_t u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(high) || (low > 0 && u < static_cast<std::uint64_t>(low))) return false;
        out = static_cast<int>(u);
        return true;
    }
    if (!v.is_number_integer() || v.get<std::int64_t>() < low || v.get<std::int64_t>() > high) return false;
    out = static_cast<int>(v.get<std::int64_t>());
    return true;
}

// The same size, as the platform echoes it back (a float through JSON).
bool same_size(const json& v, float size) { return v.is_number() && std::fabs(v.get<double>() - size) < 0.01; }

}  // namespace

void SystemGlyphs::set_sizes(float body_px, float heading_px) {
    if (std::fabs(body_px - sizes_.first) < 0.01f && std::fabs(heading_px - sizes_.second) < 0.01f) return;
    sizes_ = {body_px, heading_px};
    glyphs_.clear();
    asked_.clear();
}

int SystemGlyphs::bitmap_limit() const {
    return static_cast<int>(std::ceil(std::max(sizes_.first, sizes_.second))) * 4 + 16;
}

void SystemGlyphs::refuse_asked() {
    insert_sorted(refused_, asked_);
    asked_.clear();
}

CodePoints SystemGlyphs::to_ask(const CodePoints& set) {
    CodePoints out;
    if (!offered_) return out;
    for (char32_t c : set)
        if (c <= 0xFFFF && !glyphs_.count(c) && !contains(asked_, c) && !contains(refused_, c)) out.push_back(c);
    insert_sorted(asked_, out);
    return out;
}

CodePoints SystemGlyphs::refused(const CodePoints& set) const {
    CodePoints out;
    for (char32_t c : set)
        if (c > 0xFFFF || contains(refused_, c) || (!offered_ && !glyphs_.count(c))) out.push_back(c);
    return out;
}

CodePoints SystemGlyphs::here(const CodePoints& set) const {
    CodePoints out;
    for (char32_t c : set)
        if (glyphs_.count(c)) out.push_back(c);
    return out;
}

const SystemGlyph* SystemGlyphs::find(char32_t c, int font) const {
    const auto it = glyphs_.find(c);
    if (it == glyphs_.end()) return nullptr;
    for (const SystemGlyph& g : it->second)
        if (g.font == font) return &g;
    return nullptr;
}

bool SystemGlyphs::add(std::string_view answer_json, const unsigned char* bytes, std::size_t size) {
    const json answer = json::parse(answer_json, nullptr, false);
    if (!answer.is_object()) {
        refuse_asked();  // nothing can be read of it
        return false;
    }
    if (answer.contains("unavailable") && answer["unavailable"] == true) {
        // The platform cannot draw pixels it can trust (a browser that blurs canvas reads against fingerprinting).
        offered_ = false;
        refuse_asked();
        return true;
    }
    const json& sizes = answer.contains("sizes") ? answer["sizes"] : json();
    if (!sizes.is_array() || sizes.size() != 2 || !same_size(sizes[0], sizes_.first) ||
        !same_size(sizes[1], sizes_.second))
        return true;  // drawn for sizes the atlas no longer has: set_sizes() has its characters asked for again
    // Read whole before anything is kept: a part of an answer is none.
    std::map<char32_t, std::vector<SystemGlyph>> drawn;
    CodePoints none;
    std::size_t used = 0;
    const int limit = bitmap_limit();
    const json& glyphs = answer.contains("glyphs") ? answer["glyphs"] : json::array();
    bool usable = glyphs.is_array();
    for (std::size_t i = 0; usable && i < glyphs.size(); ++i) {
        const json& g = glyphs[i];
        // [code point asked for, font 0 or 1, advance, left, top, width, height], within `limit` px.
        char32_t c = 0;
        SystemGlyph glyph;
        usable = g.is_array() && g.size() == 7 && read_char(g[0], c) && contains(asked_, c) &&
                 read_int(g[1], 0, 1, glyph.font) && g[2].is_number() && g[2].get<double>() >= 0.0 &&
                 g[2].get<double>() <= limit && read_int(g[3], -limit, limit, glyph.left) &&
                 read_int(g[4], -limit, limit, glyph.top) && read_int(g[5], 0, limit, glyph.width) &&
                 read_int(g[6], 0, limit, glyph.height);
        const std::size_t area = static_cast<std::size_t>(glyph.width) * static_cast<std::size_t>(glyph.height);
        auto& per_font = drawn[c];
        usable = usable && area <= size - used &&
                 std::none_of(per_font.begin(), per_font.end(), [&](const SystemGlyph& x) { return x.font == glyph.font; });
        if (!usable) break;
        glyph.advance = static_cast<float>(g[2].get<double>());
        glyph.alpha.assign(bytes + used, bytes + used + area);
        used += area;
        per_font.push_back(std::move(glyph));
    }
    usable = usable && used == size;  // every byte given belongs to a glyph
    if (usable && answer.contains("none")) {
        if (!answer["none"].is_array()) usable = false;
        else
            for (const json& v : answer["none"]) {
                char32_t c = 0;
                if (!read_char(v, c) || !contains(asked_, c)) {
                    usable = false;
                    break;
                }
                none.push_back(c);
            }
    }
    for (const auto& [c, per_font] : drawn)
        usable = usable && per_font.size() == 2;  // drawn at both sizes
    if (!usable) {
        refuse_asked();
        return false;
    }
    CodePoints answered;
    for (auto& [c, per_font] : drawn) {
        answered.push_back(c);
        glyphs_[c] = std::move(per_font);
    }
    std::sort(none.begin(), none.end());
    none.erase(std::unique(none.begin(), none.end()), none.end());
    insert_sorted(refused_, none);
    insert_sorted(answered, none);
    erase_sorted(asked_, answered);  // another request's characters may still be on the way
    return true;
}

}  // namespace tabi::ui
