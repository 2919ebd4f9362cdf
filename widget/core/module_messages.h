// One module's messages in one list: each id with its English template. The module's id list and its template
// lookup both come from that list (as sokol's _SAPP_LOG_ITEMS gives one list its enum, names and texts), so
// adding a message is one line. messages/en.json holds the same texts for the renderer; the tests check that
// every listed id is in every locale's catalogue with the same placeholders.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace tabi {

struct MessageText {
    std::string_view id;
    std::string_view text;  // the English template, {name} placeholders for the problem's args
};

// The template of `id` in `messages`; "" for an id the list does not have.
constexpr std::string_view find_message_text(std::span<const MessageText> messages, std::string_view id) {
    for (const MessageText& m : messages)
        if (m.id == id) return m.text;
    return {};
}

template <std::size_t N>
class ModuleMessages {
public:
    constexpr ModuleMessages(const MessageText (&messages)[N]) {
        for (std::size_t i = 0; i < N; ++i) {
            messages_[i] = messages[i];
            ids_[i] = messages[i].id;
        }
    }
    // Every id, in the order listed.
    constexpr std::span<const std::string_view> ids() const { return ids_; }
    constexpr std::string_view text(std::string_view id) const { return find_message_text(messages_, id); }

private:
    std::array<MessageText, N> messages_{};
    std::array<std::string_view, N> ids_{};
};

}  // namespace tabi
