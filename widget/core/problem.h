// Problems and results: how every public function in core reports failure.
// Nothing in core throws across its public API; a function either returns its value or a Problem
// that says where (a JSON pointer or a field name), what (a message id from the message catalogues)
// and the arguments that message needs, so the UI can render it in the traveller's language.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tabi {

enum class Severity { error, warning };

struct MessageArg {
    std::string name;
    std::string value;
};

// A message id with the arguments its template needs: the one shape in which core hands the UI a text to
// render. Problem, Note and DeviceMessage are a Message with what they add (where and how serious).
struct Message {
    std::string message_id;  // e.g. "catalog.wrong_type"; a key of the message catalogues
    std::vector<MessageArg> args;

    // The value of a named argument, or "" when absent.
    const std::string& arg(std::string_view name) const {
        static const std::string empty;
        for (const auto& a : args)
            if (a.name == name) return a.value;
        return empty;
    }
};

struct Problem : Message {
    Severity severity = Severity::error;
    std::string where;  // JSON pointer ("/plans/3/price/minor") or field name ("identifier")

    bool is_error() const { return severity == Severity::error; }
};

// A host's or traveller's text as a problem quotes it: at most 40 bytes, cut on a UTF-8 character boundary,
// with "…" when cut, so one long value cannot flood a message.
inline std::string quoted_in_problem(std::string_view text) {
    constexpr std::size_t kMaxQuotedBytes = 40;
    if (text.size() <= kMaxQuotedBytes) return std::string(text);
    std::size_t end = kMaxQuotedBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    std::string out(text.substr(0, end));
    out += "\xE2\x80\xA6";  // …
    return out;
}

// The values a problem lists as allowed ("sim, esim, wifi"): names joined with ", ".
template <class Names>
std::string joined(const Names& names) {
    std::string out;
    for (std::string_view name : names) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

inline Problem make_problem(std::string where, std::string message_id, std::vector<MessageArg> args = {},
                            Severity severity = Severity::error) {
    return Problem{{std::move(message_id), std::move(args)}, severity, std::move(where)};
}

// A value or the Problem that prevented it (C++20 has no std::expected).
template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Problem problem) : state_(std::move(problem)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(state_); }
    T& value() & { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    const T* operator->() const { return &std::get<0>(state_); }
    const T& operator*() const { return std::get<0>(state_); }

    const Problem& problem() const { return std::get<1>(state_); }

private:
    std::variant<T, Problem> state_;
};

}  // namespace tabi
