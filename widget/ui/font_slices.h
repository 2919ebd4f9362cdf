// A CJK locale's font as slices (cut at build time by widget/ui/fonts/make_font_slices.py): which slice holds a
// character, which slices are here, and which ones a set of characters still needs. The platform fetches what
// to_fetch() names; load_fonts() (style.h) rasterises the characters wanted from the slices here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tabi::ui {

using CodePoints = std::vector<char32_t>;  // sorted, without repeats (see add_code_points)

// Adds the characters of UTF-8 `text` to `set`, keeping it sorted and without repeats.
void add_code_points(std::string_view text, CodePoints& set);
// The characters of `set` that the built-in Latin font does not hold (those need a CJK slice).
CodePoints beyond_latin(const CodePoints& set);

class FontSlices {
public:
    // Reads a locale's index ({"locale": ..., "slices": [["sha256-...", "<characters>"], ...]}); false (and
    // nothing kept) when the text is not one.
    bool read_index(std::string_view index_json);
    bool has_index() const { return !slices_.empty(); }

    // The slice that holds `c`, if any.
    std::optional<std::size_t> slice_of(char32_t c) const;
    // The characters of `set` that no slice holds.
    CodePoints uncovered(const CodePoints& set) const;

    // The slices that hold characters of `set` and are neither here nor asked for; marks them asked for.
    std::vector<std::size_t> to_fetch(const CodePoints& set);
    // A fetched slice (named by file); false when the index has no such file.
    bool add(std::string_view file, const unsigned char* bytes, std::size_t size);
    // A slice could not be fetched (the bridge has tried twice): not asked for again; its characters stay boxes.
    void fetch_failed(std::string_view file);

    std::string file(std::size_t slice) const;  // tabi-font-LOCALE-NNN.HASH.otf
    const std::string& integrity(std::size_t slice) const { return slices_[slice].integrity; }

    // The characters of `set` that a slice here holds.
    CodePoints here(const CodePoints& set) const;
    // For the atlas: each slice here that holds characters of `set`, with those characters.
    struct Part {
        const std::vector<unsigned char>* font;
        CodePoints chars;
    };
    std::vector<Part> parts_for(const CodePoints& set) const;

private:
    enum class State : std::uint8_t { absent, asked, here, failed };
    struct Slice {
        std::string integrity;
        std::string hash;  // the first ten hex digits of the SHA-256, as in the file name
        std::vector<unsigned char> font;
        State state = State::absent;
    };
    std::string locale_;
    std::vector<Slice> slices_;
    static constexpr std::uint16_t kNoSlice = 0xFFFF;
    std::vector<std::uint16_t> owner_;  // character (from owner_low_) -> slice, kNoSlice for none
    char32_t owner_low_ = 0;
};

}  // namespace tabi::ui
