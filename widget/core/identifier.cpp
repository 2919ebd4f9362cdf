// Index of this file (sections between "// ----" rules):
// - the message table (kMessages: every identifier.* id with its English text)
// - Reading the typed text: strict UTF-8 folded to ASCII
// - The digits of a numeric identifier (Luhn and friends)
// - Building results
// - The kinds: ICCID, EID, IMEI, phone numbers
// - Rental order numbers
// - identify() and the public helpers

#include "core/identifier.h"
#include "core/module_messages.h"
#include "core/utf8.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace tabi {

namespace {

constexpr std::string_view kField = "identifier";
constexpr std::string_view kBullet = "\xE2\x80\xA2";    // U+2022 BULLET
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
// Folded stand-in for a character with no ASCII form ("注", "€"). Control characters never reach the folded
// text (they stop the scan), so this byte cannot collide with input.
constexpr char kOtherChar = '\x01';
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

constexpr std::size_t kImeiDigits = 15;
constexpr std::size_t kImeisvDigits = 16;
constexpr std::size_t kEidDigits = 32;
constexpr std::size_t kPhoneDigits = 11;
constexpr std::size_t kIccidMinDigits = 19;
constexpr std::size_t kIccidMaxDigits = 20;
constexpr std::size_t kIccidShortDigits = 18;  // accepted with a warning: printed without the check digit
constexpr std::size_t kMaxOrderExamples = 3;

constexpr std::string_view kKindNames[] = {"unknown", "iccid", "imei", "imeisv", "eid", "jp_phone", "rental_order"};
constexpr std::string_view kStateNames[] = {"empty", "incomplete", "valid", "valid_with_warning", "invalid"};

// Japanese ICCID issuer identifiers: 89 (telecom) + 81 (Japan) + 2 issuer digits (../shared/REFERENCE.md).
struct IccidIssuer {
    std::string_view prefix;
    std::string_view name;
};
constexpr IccidIssuer kJapaneseIssuers[] = {
    {"898100", "SoftBank"},
    {"898103", "IIJ"},
    {"898109", "Rakuten Mobile"},
    {"898110", "NTT docomo"},
    {"898112", "NTT Com"},
    {"898118", "Japan Communications"},
    {"898120", "SoftBank"},
    {"898130", "KDDI (au)"},
    {"898131", "UQ"},
    {"898165", "SoftBank"},
    {"898170", "SoftBank"},
    {"898171", "Wireless City Planning"},
};

constexpr ModuleMessages kMessages({
    {"identifier.too_long",
     "The identifier is longer than {max} characters, longer than any card or order number. Clear the field and "
     "type or paste only the number."},
    {"identifier.invalid_text",
     "Character {position} of the identifier is not valid text (a broken paste?). Clear the field and type the "
     "number again."},
    {"identifier.control_character",
     "The identifier has an invisible control character at position {position}. Clear the field and type the "
     "number again."},
    {"identifier.unexpected_character",
     "\"{character}\" (character {position}) cannot be part of an identifier. Type only the digits and letters "
     "printed on the card, the box or the order confirmation."},
    {"identifier.letters",
     "\"{character}\" (character {position}) is a letter, but ICCIDs, IMEIs, EIDs and Japanese phone numbers have "
     "only digits. Check for the letter O typed for 0, or I or l for 1."},
    {"identifier.too_many_digits",
     "{count} digits is not an ICCID (19–20 digits), IMEI (15), EID (32) or Japanese mobile number (11). Check the "
     "number on the card, the box or the phone and type it again."},
    {"identifier.incomplete",
     "Keep typing: an ICCID has 19–20 digits, an IMEI 15, an EID 32 and a Japanese mobile number 11 ({count} so "
     "far)."},
    {"identifier.iccid.incomplete", "Keep typing: an ICCID has 19 or 20 digits ({count} so far)."},
    {"identifier.iccid.bad_prefix",
     "An ICCID starts with 89; yours starts with {prefix}. Check the number printed on the card."},
    {"identifier.iccid.no_check_digit",
     "This ICCID has {count} digits; most have 19 or 20. Check the number printed on the card: a digit may be "
     "missing. If the card shows exactly these digits, you can continue."},
    {"identifier.iccid.check_digit",
     "The last digit of this ICCID does not match its check digit, so a digit may be mistyped. Compare it with the "
     "number printed on the card; if they are the same, you can continue."},
    {"identifier.iccid.wrong_length",
     "An ICCID has 19 or 20 digits; you typed {count}. Check the number printed on the card."},
    {"identifier.imei.incomplete", "Keep typing: an IMEI has 15 digits ({count} so far)."},
    {"identifier.imei.check_digit",
     "The last digit of this IMEI does not match its check digit, so a digit is mistyped. Dial *#06# on the phone "
     "and type the 15-digit IMEI again."},
    {"identifier.imei.wrong_length",
     "An IMEI has 15 digits; you typed {count}. Dial *#06# on the phone to see it."},
    {"identifier.imei.is_imeisv",
     "This is an IMEISV (the IMEI with a 2-digit software version at the end). The IMEI is {imei}: check that it "
     "matches the one shown when you dial *#06#."},
    {"identifier.eid.incomplete", "Keep typing: an EID has 32 digits ({count} so far)."},
    {"identifier.eid.incomplete_long",
     "{count} digits is too many for an ICCID (19 or 20) and too few for an EID (32). Keep typing if this is an "
     "EID; otherwise check the number printed on the card."},
    {"identifier.eid.check_digits",
     "The check digits of this EID do not match, so a digit is mistyped. Copy the 32-digit EID again from the "
     "phone's settings (About > EID) or dial *#06#."},
    {"identifier.eid.wrong_length",
     "An EID has 32 digits; you typed {count}. Copy it again from the phone's settings (About > EID) or dial *#06#."},
    {"identifier.phone.incomplete",
     "Keep typing: a Japanese mobile number has 11 digits, like 090-1234-5678 ({count} so far)."},
    {"identifier.phone.not_japan",
     "A Japanese number in international form starts with +81; this one starts with +{prefix}. Type the number of "
     "the Japanese SIM card, as +81 90 1234 5678 or 090-1234-5678."},
    {"identifier.phone.not_mobile",
     "A number starting {prefix} is not a Japanese mobile number. Type the SIM card's number: 11 digits starting "
     "070, 080, 090, 060 or 020."},
    {"identifier.phone.zero_after_prefix",
     "A Japanese mobile number has no 0 right after {prefix}. Check the number on the SIM card's package or in the "
     "phone's settings."},
    {"identifier.phone.too_long",
     "A Japanese mobile number has 11 digits; this one has {count}. Check the number on the SIM card's package or "
     "in the phone's settings."},
    {"identifier.order.incomplete", "Keep typing: a {operator} order number looks like {example}."},
    {"identifier.order.no_match",
     "This is not a rental order number we know (like {examples}), nor an ICCID, IMEI, EID or Japanese phone "
     "number. Copy the order number from the rental confirmation e-mail."},
    {"identifier.order.no_patterns",
     "Rental order numbers cannot be checked here: no pocket-WiFi operator in this catalogue gives their format. "
     "Contact the rental company's support."},
    {"identifier.order.expected_digit",
     "Character {position} of a {operator} order number should be a digit (like {example}). Check the rental "
     "confirmation e-mail."},
    {"identifier.order.expected_letter",
     "Character {position} of a {operator} order number should be a letter (like {example}). Check the rental "
     "confirmation e-mail."},
    {"identifier.order.expected_letter_or_digit",
     "Character {position} of a {operator} order number should be a letter or a digit (like {example}). Check the "
     "rental confirmation e-mail."},
    {"identifier.order.expected_character",
     "Character {position} of a {operator} order number should be \"{character}\" (like {example}). Check the "
     "rental confirmation e-mail."},
    {"identifier.order.too_long",
     "This is longer than a {operator} order number (like {example}). Check the rental confirmation e-mail."},
});

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_alnum(char c) { return is_digit(c) || is_letter(c); }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
int digit_value(char c) { return c - '0'; }
// What the field takes as grouping: it carries no part of the identifier.
bool is_separator(char c) { return c == ' ' || c == '-' || c == '(' || c == ')'; }
bool is_all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the typed text: strict UTF-8, folded to one ASCII byte per character, at most kMaxIdentifierChars.

constexpr int kFoldIgnore = -1;   // zero-width and direction marks that come along with pasted text
constexpr int kFoldControl = -2;  // control characters: refused

// The ASCII form the field gives a character: itself, ' ' for any space, '-' for any dash, the ASCII form of a
// full-width character (what Japanese, Chinese and Korean IMEs type), kOtherChar for anything else.
int fold(char32_t c) {
    if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return ' ';
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return kFoldControl;
    if (c < 0x7F) return static_cast<int>(c);
    if (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
        c == 0x3000)
        return ' ';
    if (c == 0xAD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) ||
        c == 0xFEFF)
        return kFoldIgnore;
    // Dashes, the minus sign, and the long-vowel marks (ー, ｰ) Japanese IMEs often give for a hyphen.
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2043 || c == 0x2212 || c == 0x30FC || c == 0xFE63 || c == 0xFF70)
        return '-';
    if (c >= 0xFF01 && c <= 0xFF5E) return static_cast<int>(c - 0xFEE0);  // full-width ASCII
    return kOtherChar;
}

enum class ScanFailure { none, too_long, invalid_utf8, control };

// The typed text, one entry per character that counts (ignored characters leave no entry).
struct Scan {
    std::array<char, kMaxIdentifierChars> text{};             // folded character
    std::array<std::uint16_t, kMaxIdentifierChars> offset{};  // byte offset in the typed text
    std::array<std::uint8_t, kMaxIdentifierChars> length{};   // bytes in the typed text
    std::array<std::uint8_t, kMaxIdentifierChars> position{}; // 1-based character position in the typed text
    std::size_t size = 0;
    ScanFailure failure = ScanFailure::none;
    std::size_t failure_position = 0;  // 1-based character position of an invalid byte or control character

    std::string_view original(std::string_view typed, std::size_t index) const {
        return typed.substr(offset[index], length[index]);
    }
};

// Reads at most kMaxIdentifierChars characters. Strict: stops at the first invalid byte or control character.
// Lenient (for masking): skips them.
Scan scan(std::string_view typed, bool lenient) {
    Scan s;
    std::size_t characters = 0;
    for (std::size_t at = 0; at < typed.size();) {
        if (++characters > kMaxIdentifierChars) {
            s.failure = ScanFailure::too_long;
            break;
        }
        const Utf8Char d = decode_utf8(typed, at);
        if (d.length == 0) {
            if (lenient) {
                ++at;
                continue;
            }
            s.failure = ScanFailure::invalid_utf8;
            s.failure_position = characters;
            break;
        }
        const int folded = fold(d.code_point);
        if (folded == kFoldControl && !lenient) {
            s.failure = ScanFailure::control;
            s.failure_position = characters;
            break;
        }
        if (folded >= 0) {
            s.text[s.size] = static_cast<char>(folded);
            s.offset[s.size] = static_cast<std::uint16_t>(at);  // < 4 × kMaxIdentifierChars
            s.length[s.size] = static_cast<std::uint8_t>(d.length);
            s.position[s.size] = static_cast<std::uint8_t>(characters);
            ++s.size;
        }
        at += d.length;
    }
    return s;
}

bool has_significant(const Scan& s) {
    for (std::size_t i = 0; i < s.size; ++i)
        if (s.text[i] != ' ' && s.text[i] != '-' && s.text[i] != '(' && s.text[i] != ')') return true;
    return false;
}

// ---------------------------------------------------------------------------------------------------------------
// The digits of a numeric identifier.

template <std::size_t N>
struct FixedText {
    std::array<char, N> chars{};
    std::size_t size = 0;

    void push(char c) {
        if (size < N) chars[size++] = c;
    }
    void append(std::string_view s) {
        for (char c : s) push(c);
    }
    std::string_view view() const { return {chars.data(), size}; }
};

using DigitText = FixedText<kMaxIdentifierChars>;

struct Digits {
    DigitText digits;
    bool numeric = true;         // digits and separators only, with a leading '+' or F pads
    bool plus = false;           // a leading '+'
    std::size_t pad_index = kNone;  // scan index of an F pad (the first when there are two)
    std::size_t bad_index = kNone;  // scan index of the first character that makes the text not numeric
    std::size_t letters = 0;
    // Byte range of the typed text to mask: from the first character that counts to the last, pads excluded.
    std::size_t mask_begin = 0;
    std::size_t mask_end = 0;
};

bool is_pad(char c) { return c == 'F' || c == 'f'; }

Digits read_digits(const Scan& s) {
    Digits d;
    std::size_t first = 0;
    std::size_t last = s.size;  // one past
    while (first < last && is_separator(s.text[first])) ++first;
    while (last > first && is_separator(s.text[last - 1])) --last;
    if (first == last) return d;
    // The masked range keeps grouping such as "(090)", but not an F pad: it is no part of the number.
    std::size_t mask_first = 0;
    std::size_t mask_last = s.size;  // one past
    while (s.text[mask_first] == ' ') ++mask_first;
    while (s.text[mask_last - 1] == ' ') --mask_last;
    if (s.text[first] == '+') {
        d.plus = true;
        ++first;
    } else if (is_pad(s.text[first])) {
        d.pad_index = first++;
        mask_first = first;
    }
    if (!d.plus && last > first && is_pad(s.text[last - 1])) {
        if (d.pad_index == kNone) d.pad_index = last - 1;
        mask_last = --last;
    }
    if (mask_first < mask_last) {
        d.mask_begin = s.offset[mask_first];
        d.mask_end = s.offset[mask_last - 1] + s.length[mask_last - 1];
    }
    for (std::size_t i = first; i < last; ++i) {
        const char c = s.text[i];
        if (is_digit(c)) {
            d.digits.push(c);
        } else if (!is_separator(c)) {
            if (d.bad_index == kNone) d.bad_index = i;
            d.numeric = false;
        }
    }
    for (std::size_t i = 0; i < s.size; ++i)
        if (is_letter(s.text[i])) ++d.letters;
    return d;
}

// ---------------------------------------------------------------------------------------------------------------
// Building results.

Problem problem(std::string_view id, std::vector<MessageArg> args = {}, Severity severity = Severity::error) {
    return make_problem(std::string(kField), std::string(id), std::move(args), severity);
}

std::string count_text(std::size_t n) { return std::to_string(n); }

std::optional<CardKind> card_of(IdentifierKind kind) {
    switch (kind) {
        case IdentifierKind::iccid:
        case IdentifierKind::jp_phone: return CardKind::sim;
        case IdentifierKind::imei:
        case IdentifierKind::imeisv:
        case IdentifierKind::eid: return CardKind::esim;
        case IdentifierKind::rental_order: return CardKind::wifi;
        case IdentifierKind::unknown: break;
    }
    return std::nullopt;
}

IdentifierCheck start(IdentifierKind kind, std::string_view normalized) {
    IdentifierCheck r;
    r.kind = kind;
    r.card = card_of(kind);
    r.normalized.assign(normalized);
    return r;
}

IdentifierCheck invalid(IdentifierCheck r, Problem p) {
    r.state = IdentifierState::invalid;
    r.problems.push_back(std::move(p));
    return r;
}

IdentifierCheck incomplete(IdentifierCheck r, Problem hint) {
    r.state = IdentifierState::incomplete;
    r.hint = std::move(hint);
    return r;
}

IdentifierCheck warned(IdentifierCheck r, Problem p) {
    p.severity = Severity::warning;
    r.state = IdentifierState::valid_with_warning;
    r.problems.push_back(std::move(p));
    return r;
}

IdentifierCheck valid(IdentifierCheck r) {
    r.state = IdentifierState::valid;
    return r;
}

IdentifierCheck unknown_invalid(Problem p) { return invalid(start(IdentifierKind::unknown, {}), std::move(p)); }

// The result for text that scan() refused, or nullopt.
std::optional<IdentifierCheck> scan_failure(const Scan& s) {
    switch (s.failure) {
        case ScanFailure::none: return std::nullopt;
        case ScanFailure::too_long:
            return unknown_invalid(problem("identifier.too_long", {{"max", count_text(kMaxIdentifierChars)}}));
        case ScanFailure::invalid_utf8:
            return unknown_invalid(problem("identifier.invalid_text", {{"position", count_text(s.failure_position)}}));
        case ScanFailure::control:
            return unknown_invalid(
                problem("identifier.control_character", {{"position", count_text(s.failure_position)}}));
    }
    return std::nullopt;
}

// The error for a character that no numeric identifier has: a letter, or anything else.
Problem bad_character(const Scan& s, std::string_view typed, std::size_t index) {
    std::vector<MessageArg> args{{"character", std::string(s.original(typed, index))},
                                 {"position", count_text(s.position[index])}};
    return problem(is_letter(s.text[index]) ? "identifier.letters" : "identifier.unexpected_character",
                   std::move(args));
}

// ---------------------------------------------------------------------------------------------------------------
// The kinds.

IdentifierCheck evaluate_iccid(std::string_view digits) {
    IdentifierCheck r = start(IdentifierKind::iccid, digits);
    const std::size_t n = digits.size();
    if ((n >= 1 && digits[0] != '8') || (n >= 2 && digits[1] != '9'))
        return invalid(std::move(r), problem("identifier.iccid.bad_prefix", {{"prefix", std::string(digits.substr(0, 2))}}));
    r.issuer.assign(japanese_iccid_issuer(digits));
    if (n < kIccidShortDigits) return incomplete(std::move(r), problem("identifier.iccid.incomplete", {{"count", count_text(n)}}));
    if (n == kIccidShortDigits)
        return warned(std::move(r), problem("identifier.iccid.no_check_digit", {{"count", count_text(n)}}));
    if (n > kIccidMaxDigits)
        return invalid(std::move(r), problem("identifier.iccid.wrong_length", {{"count", count_text(n)}}));
    if (!luhn_valid(digits)) return warned(std::move(r), problem("identifier.iccid.check_digit"));
    return valid(std::move(r));
}

IdentifierCheck evaluate_imei(std::string_view digits) {
    const std::size_t n = digits.size();
    if (n == kImeisvDigits) {
        // IMEISV = TAC + serial (the IMEI's first 14 digits) + software version; the IMEI adds the Luhn digit.
        FixedText<kImeiDigits> imei;
        imei.append(digits.substr(0, kImeiDigits - 1));
        imei.push(luhn_check_digit(imei.view()).value_or('0'));
        Problem explained = problem("identifier.imei.is_imeisv", {{"imei", std::string(imei.view())}});
        return warned(start(IdentifierKind::imeisv, imei.view()), std::move(explained));
    }
    IdentifierCheck r = start(IdentifierKind::imei, digits);
    if (n < kImeiDigits) return incomplete(std::move(r), problem("identifier.imei.incomplete", {{"count", count_text(n)}}));
    if (n > kImeisvDigits)
        return invalid(std::move(r), problem("identifier.imei.wrong_length", {{"count", count_text(n)}}));
    if (!luhn_valid(digits)) return invalid(std::move(r), problem("identifier.imei.check_digit"));
    return valid(std::move(r));
}

IdentifierCheck evaluate_eid(std::string_view digits) {
    IdentifierCheck r = start(IdentifierKind::eid, digits);
    const std::size_t n = digits.size();
    if (n < kEidDigits) {
        const std::string_view id = n > kIccidMaxDigits ? "identifier.eid.incomplete_long" : "identifier.eid.incomplete";
        return incomplete(std::move(r), problem(id, {{"count", count_text(n)}}));
    }
    if (n > kEidDigits) return invalid(std::move(r), problem("identifier.eid.wrong_length", {{"count", count_text(n)}}));
    if (!eid_valid(digits)) return invalid(std::move(r), problem("identifier.eid.check_digits"));
    return valid(std::move(r));
}

// A domestic number (starting with 0): 0X0 + 8 digits, X in 2 (data/M2M), 6, 7, 8, 9; no 0 after 0X0.
IdentifierCheck evaluate_domestic_phone(std::string_view digits) {
    IdentifierCheck r = start(IdentifierKind::jp_phone, digits);
    const std::size_t n = digits.size();
    const auto prefix = [&](std::size_t count) { return std::string(digits.substr(0, std::min(count, n))); };
    if (n >= 1 && digits[0] != '0') return invalid(std::move(r), problem("identifier.phone.not_mobile", {{"prefix", prefix(3)}}));
    if (n >= 2) {
        const char x = digits[1];
        if (x != '2' && x != '6' && x != '7' && x != '8' && x != '9')
            return invalid(std::move(r), problem("identifier.phone.not_mobile", {{"prefix", prefix(2)}}));
    }
    if (n >= 3 && digits[2] != '0')
        return invalid(std::move(r), problem("identifier.phone.not_mobile", {{"prefix", prefix(3)}}));
    if (n >= 4 && digits[3] == '0')
        return invalid(std::move(r), problem("identifier.phone.zero_after_prefix", {{"prefix", prefix(3)}}));
    if (n < kPhoneDigits) return incomplete(std::move(r), problem("identifier.phone.incomplete", {{"count", count_text(n)}}));
    if (n > kPhoneDigits) return invalid(std::move(r), problem("identifier.phone.too_long", {{"count", count_text(n)}}));
    return valid(std::move(r));
}

// `national` are the digits after the country code 81: the leading 0 is dropped there ("+81 90 …"), but many
// people write it anyway ("+81 (0)90 …", "+81 090 …"), so one is tolerated.
IdentifierCheck evaluate_international_phone(std::string_view national) {
    if (!national.empty() && national[0] == '0') national.remove_prefix(1);
    DigitText domestic;
    domestic.push('0');
    domestic.append(national);
    return evaluate_domestic_phone(domestic.view());
}

// The digits after "+": +81 is Japan; "+" and "+8" are on the way there.
IdentifierCheck evaluate_plus_phone(std::string_view digits) {
    if (digits.starts_with("81")) return evaluate_international_phone(digits.substr(2));
    if (digits.empty() || digits == "8") {
        IdentifierCheck r = start(IdentifierKind::jp_phone, {});
        return incomplete(std::move(r), problem("identifier.phone.incomplete", {{"count", "0"}}));
    }
    return invalid(start(IdentifierKind::jp_phone, {}),
                   problem("identifier.phone.not_japan", {{"prefix", std::string(digits.substr(0, 2))}}));
}

IdentifierCheck evaluate_phone(std::string_view digits, bool plus) {
    if (plus) return evaluate_plus_phone(digits);
    if (digits.starts_with("0081")) return evaluate_international_phone(digits.substr(4));
    if (digits.size() < 4 && std::string_view("0081").starts_with(digits) && digits.size() >= 2) {
        IdentifierCheck r = start(IdentifierKind::jp_phone, {});
        return incomplete(std::move(r), problem("identifier.phone.incomplete", {{"count", "0"}}));
    }
    return evaluate_domestic_phone(digits);
}

// A digit string of no particular prefix, by its length.
IdentifierCheck evaluate_by_length(std::string_view digits) {
    const std::size_t n = digits.size();
    if (n == 1 && digits[0] == '8') {  // 89 (ICCID) or 86 (IMEI from a Chinese phone)
        IdentifierCheck r = start(IdentifierKind::unknown, digits);
        return incomplete(std::move(r), problem("identifier.incomplete", {{"count", count_text(n)}}));
    }
    if (n <= kImeisvDigits) return evaluate_imei(digits);
    if (n == kIccidMinDigits || n == kIccidMaxDigits) return evaluate_iccid(digits);
    if (n <= kEidDigits) return evaluate_eid(digits);
    return unknown_invalid(problem("identifier.too_many_digits", {{"count", count_text(n)}}));
}

// Which numeric kind the digits are (see the header for the rules).
IdentifierCheck evaluate_digits(std::string_view digits, bool plus) {
    const std::size_t n = digits.size();
    if (plus) return evaluate_plus_phone(digits);
    if (n > kEidDigits) return unknown_invalid(problem("identifier.too_many_digits", {{"count", count_text(n)}}));
    if (n == kEidDigits) return evaluate_eid(digits);  // whatever its prefix: nothing else has 32 digits
    if (digits.starts_with("89")) return n <= kIccidMaxDigits ? evaluate_iccid(digits) : evaluate_eid(digits);
    if (n >= 1 && digits[0] == '0') {
        if (n == 1) return evaluate_domestic_phone(digits);
        const char x = digits[1];
        // 00 is the international call prefix (0081) or a test IMEI; 01 is a PTCRB IMEI (US phones).
        if (x == '0' && (n < 4 ? std::string_view("0081").starts_with(digits) : digits.starts_with("0081")))
            return evaluate_phone(digits, false);
        if (x != '0' && x != '1') return evaluate_domestic_phone(digits);
    }
    return evaluate_by_length(digits);
}

// ---------------------------------------------------------------------------------------------------------------
// Rental order numbers.

// Pattern literals a traveller may leave out or type differently: "tw20261128" is "TW-20261128".
bool is_optional_literal(char c) { return c == '-' || c == ' ' || c == '_' || c == '/' || c == '.'; }

bool fits_placeholder(char placeholder, char c) {
    if (placeholder == '#') return is_digit(c);
    if (placeholder == '@') return is_letter(c);
    return is_alnum(c);
}

enum class MatchOutcome { complete, prefix, mismatch, too_long };

struct OrderMatch {
    MatchOutcome outcome = MatchOutcome::mismatch;
    std::size_t matched = 0;      // letters and digits of the input matched before the outcome
    std::size_t fail_index = 0;   // scan index of the first character that does not fit
    char expected = 0;            // '#', '@', '*' or 0 for a literal (expected_literal)
    char expected_literal = 0;
    FixedText<kMaxOrderPatternLength> normalized;
};

// Matches the scanned text against a valid pattern. Letters match in either case; separators of the input
// that the pattern has no place for are skipped, and separator literals of the pattern may be left out.
OrderMatch match_order(std::string_view pattern, const Scan& s) {
    OrderMatch m;
    std::size_t i = 0;
    std::size_t t = 0;
    while (true) {
        if (i == pattern.size()) {
            while (t < s.size && is_separator(s.text[t])) ++t;
            m.outcome = t == s.size ? MatchOutcome::complete : MatchOutcome::too_long;
            m.fail_index = t;
            return m;
        }
        const bool quoted = pattern[i] == '\\';
        const char p = quoted ? pattern[i + 1] : pattern[i];  // a valid pattern has no lone trailing '\'
        const std::size_t width = quoted ? 2 : 1;
        const bool placeholder = !quoted && (p == '#' || p == '@' || p == '*');
        if (t == s.size) {
            // The input ends here: complete if only optional literals are left, else a beginning.
            m.outcome = MatchOutcome::complete;
            for (std::size_t k = i; k < pattern.size(); ++k) {
                const bool q = pattern[k] == '\\';
                const char rest = q ? pattern[k + 1] : pattern[k];
                if ((!q && (rest == '#' || rest == '@' || rest == '*')) || !is_optional_literal(rest)) {
                    m.outcome = MatchOutcome::prefix;
                    break;
                }
                m.normalized.push(rest);
                if (q) ++k;
            }
            return m;
        }
        const char c = s.text[t];
        if (placeholder) {
            if (fits_placeholder(p, c)) {
                m.normalized.push(to_upper(c));
                ++m.matched;
                ++t;
                i += width;
            } else if (is_separator(c)) {
                ++t;
            } else {
                m.fail_index = t;
                m.expected = p;
                return m;
            }
            continue;
        }
        if (to_upper(c) == to_upper(p)) {
            m.normalized.push(to_upper(p));
            if (is_alnum(c)) ++m.matched;
            ++t;
            i += width;
        } else if (is_optional_literal(p)) {
            m.normalized.push(p);
            i += width;
        } else if (is_separator(c)) {
            ++t;
        } else {
            m.fail_index = t;
            m.expected_literal = to_upper(p);
            return m;
        }
    }
}

bool usable_pattern(const Operator& op) {
    return !op.order_pattern.empty() && !check_order_pattern(op.order_pattern, std::string()).has_value();
}

struct OrderVerdict {
    std::optional<IdentifierCheck> result;  // a complete match, a beginning of one, or a specific mismatch
    bool any_pattern = false;
};

// Matches every operator's pattern. A complete match wins, then a beginning; otherwise the mismatch that got
// furthest, when it got anywhere (`specific_mismatch`).
OrderVerdict evaluate_order(const Scan& s, std::span<const Operator> operators, bool specific_mismatch) {
    OrderVerdict v;
    const Operator* prefix_operator = nullptr;
    const Operator* best_operator = nullptr;
    OrderMatch best;
    for (const Operator& op : operators) {
        if (!usable_pattern(op)) continue;
        v.any_pattern = true;
        OrderMatch m = match_order(op.order_pattern, s);
        if (m.outcome == MatchOutcome::complete) {
            if (!v.result) {
                IdentifierCheck r = start(IdentifierKind::rental_order, m.normalized.view());
                r.issuer = op.name;
                v.result = valid(std::move(r));
            }
            v.result->operator_ids.push_back(op.id);
        } else if (m.outcome == MatchOutcome::prefix) {
            if (!prefix_operator) prefix_operator = &op;
        } else if (!best_operator || m.matched > best.matched) {
            best_operator = &op;
            best = m;
        }
    }
    if (v.result) return v;
    if (prefix_operator) {
        IdentifierCheck r = start(IdentifierKind::rental_order, match_order(prefix_operator->order_pattern, s).normalized.view());
        r.issuer = prefix_operator->name;
        r.operator_ids.push_back(prefix_operator->id);
        v.result = incomplete(std::move(r), problem("identifier.order.incomplete",
                                                    {{"operator", prefix_operator->name},
                                                     {"example", order_pattern_example(prefix_operator->order_pattern)}}));
        return v;
    }
    if (!specific_mismatch || !best_operator || best.matched == 0) return v;
    IdentifierCheck r = start(IdentifierKind::rental_order, best.normalized.view());
    r.issuer = best_operator->name;
    r.operator_ids.push_back(best_operator->id);
    std::vector<MessageArg> args{{"operator", best_operator->name},
                                 {"example", order_pattern_example(best_operator->order_pattern)}};
    if (best.outcome == MatchOutcome::too_long) {
        v.result = invalid(std::move(r), problem("identifier.order.too_long", std::move(args)));
        return v;
    }
    args.push_back({"position", count_text(s.position[best.fail_index])});
    std::string_view id = "identifier.order.expected_character";
    if (best.expected == '#') id = "identifier.order.expected_digit";
    else if (best.expected == '@') id = "identifier.order.expected_letter";
    else if (best.expected == '*') id = "identifier.order.expected_letter_or_digit";
    else args.push_back({"character", std::string(1, best.expected_literal)});
    v.result = invalid(std::move(r), problem(id, std::move(args)));
    return v;
}

Problem no_order_match(std::span<const Operator> operators) {
    std::string examples;
    std::size_t listed = 0;
    for (const Operator& op : operators) {
        if (!usable_pattern(op) || listed == kMaxOrderExamples) continue;
        if (listed++ > 0) examples += ", ";
        examples += order_pattern_example(op.order_pattern);
    }
    return problem("identifier.order.no_match", {{"examples", std::move(examples)}});
}

// ---------------------------------------------------------------------------------------------------------------

IdentifierCheck with_mask(IdentifierCheck r, std::string_view typed) {
    r.masked = mask_identifier(typed);
    return r;
}

// The common start of every check: refused text and empty text end here.
std::optional<IdentifierCheck> refuse_or_empty(const Scan& s, std::string_view typed) {
    if (auto failure = scan_failure(s)) return with_mask(std::move(*failure), typed);
    if (!has_significant(s)) return IdentifierCheck{};
    return std::nullopt;
}

enum class ForcedKind { iccid, imei, eid, jp_phone };

IdentifierCheck check_as(std::string_view typed, ForcedKind kind) {
    const Scan s = scan(typed, false);
    if (auto done = refuse_or_empty(s, typed)) return std::move(*done);
    const Digits d = read_digits(s);
    const bool pads_allowed = kind == ForcedKind::iccid;
    const bool plus_allowed = kind == ForcedKind::jp_phone;
    const std::string_view digits = d.digits.view();
    IdentifierCheck r;
    if (!d.numeric) {
        r = unknown_invalid(bad_character(s, typed, d.bad_index));
    } else if (d.pad_index != kNone && !pads_allowed) {
        r = unknown_invalid(bad_character(s, typed, d.pad_index));
    } else if (d.plus && !plus_allowed) {
        std::size_t plus_index = 0;
        while (s.text[plus_index] != '+') ++plus_index;
        r = unknown_invalid(bad_character(s, typed, plus_index));
    } else {
        switch (kind) {
            case ForcedKind::iccid: r = evaluate_iccid(digits); break;
            case ForcedKind::imei: r = evaluate_imei(digits); break;
            case ForcedKind::eid: r = evaluate_eid(digits); break;
            case ForcedKind::jp_phone: r = evaluate_phone(digits, d.plus); break;
        }
        return with_mask(std::move(r), typed.substr(d.mask_begin, d.mask_end - d.mask_begin));
    }
    return with_mask(std::move(r), typed);
}

}  // namespace

std::string_view to_string(IdentifierKind k) { return kKindNames[static_cast<int>(k)]; }
std::string_view to_string(IdentifierState s) { return kStateNames[static_cast<int>(s)]; }

bool luhn_valid(std::string_view digits) {
    if (digits.empty() || !is_all_digits(digits)) return false;
    int sum = 0;
    bool doubled = false;
    for (std::size_t i = digits.size(); i-- > 0;) {
        int v = digit_value(digits[i]);
        if (doubled) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
        sum += v;
        doubled = !doubled;
    }
    return sum % 10 == 0;
}

std::optional<char> luhn_check_digit(std::string_view digits) {
    if (digits.empty() || !is_all_digits(digits)) return std::nullopt;
    int sum = 0;
    bool doubled = true;  // the check digit will be the rightmost, so the current last digit is doubled
    for (std::size_t i = digits.size(); i-- > 0;) {
        int v = digit_value(digits[i]);
        if (doubled) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
        sum += v;
        doubled = !doubled;
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

namespace {
// The number the digits spell, mod 97, one digit at a time (a 32-digit number needs no big integer).
int mod97(std::string_view digits) {
    int r = 0;
    for (char c : digits) r = (r * 10 + digit_value(c)) % 97;
    return r;
}
}  // namespace

bool eid_valid(std::string_view digits) {
    return digits.size() == kEidDigits && is_all_digits(digits) && mod97(digits) == 1;
}

std::optional<int> eid_check_digits(std::string_view first_30_digits) {
    if (first_30_digits.size() != kEidDigits - 2 || !is_all_digits(first_30_digits)) return std::nullopt;
    return 98 - (mod97(first_30_digits) * 100) % 97;  // ISO 7064 MOD 97-10 with the check digits set to 00
}

std::string_view japanese_iccid_issuer(std::string_view iccid_digits) {
    if (iccid_digits.size() < 6) return {};
    const std::string_view prefix = iccid_digits.substr(0, 6);
    for (const auto& issuer : kJapaneseIssuers)
        if (issuer.prefix == prefix) return issuer.name;
    return {};
}

std::string mask_identifier(std::string_view typed) {
    const Scan s = scan(typed, true);
    std::size_t significant = 0;
    for (std::size_t i = 0; i < s.size; ++i)
        if (is_alnum(s.text[i]) || s.text[i] == kOtherChar) ++significant;
    if (significant == 0) return {};
    const bool too_long = s.failure == ScanFailure::too_long;
    const std::size_t visible = too_long ? 0 : std::min(kMaskVisibleChars, significant / 2);
    std::string out;
    out.reserve(s.size * kBullet.size() + kEllipsis.size());
    std::size_t seen = 0;
    bool pending_space = false;
    std::string tail;         // the visible characters, together
    char tail_separator = 0;  // the first grouping character between two of them
    char after_tail = 0;      // a grouping character since the last visible one
    for (std::size_t i = 0; i < s.size; ++i) {
        const char c = s.text[i];
        if (c == ' ') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out += ' ';
            if (!tail.empty() && after_tail == 0) after_tail = ' ';
        }
        pending_space = false;
        if (is_alnum(c) || c == kOtherChar) {
            ++seen;
            const bool shown = seen > significant - visible;
            if (shown && c != kOtherChar) out += c;
            else out += kBullet;
            if (shown) {
                if (!tail.empty() && after_tail != 0 && tail_separator == 0) tail_separator = after_tail;
                after_tail = 0;
                if (c != kOtherChar) tail += c;
                else tail += kBullet;
            }
        } else {
            out += c;  // grouping and punctuation: '-', '(', ')', '+', '/', ...
            if (!tail.empty() && after_tail == 0) after_tail = c;
        }
    }
    if (tail_separator != 0) {
        // The input's grouping splits the visible characters ("8981 1000 1234 5678 905" would show "•••8 905"):
        // they are read as one group, so the hidden ones are regrouped in fours before them, as card numbers are
        // written: "••• •••• •••• •••• 8905".
        const char separator = tail_separator == '-' || tail_separator == '/' || tail_separator == '.' ? tail_separator : ' ';
        const std::size_t hidden = significant - visible;
        out.clear();
        for (std::size_t i = 0; i < hidden; ++i) {
            if (i > 0 && (hidden - i) % 4 == 0) out += separator;
            out += kBullet;
        }
        if (hidden > 0) out += separator;
        out += tail;
    }
    if (too_long) out += kEllipsis;
    return out;
}

std::string order_pattern_example(std::string_view pattern) {
    constexpr std::string_view kDigits = "1234567890";
    constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    std::string out;
    out.reserve(pattern.size());
    std::size_t digits = 0;
    std::size_t letters = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\') {
            if (i + 1 < pattern.size()) out += pattern[++i];
        } else if (c == '#') {
            out += kDigits[digits++ % kDigits.size()];
        } else if (c == '@') {
            out += kLetters[letters++ % kLetters.size()];
        } else if (c == '*') {
            out += 'X';
        } else {
            out += to_upper(c);
        }
    }
    return out;
}

IdentifierCheck check_iccid(std::string_view typed) { return check_as(typed, ForcedKind::iccid); }
IdentifierCheck check_imei(std::string_view typed) { return check_as(typed, ForcedKind::imei); }
IdentifierCheck check_eid(std::string_view typed) { return check_as(typed, ForcedKind::eid); }
IdentifierCheck check_jp_phone(std::string_view typed) { return check_as(typed, ForcedKind::jp_phone); }

IdentifierCheck check_rental_order(std::string_view typed, std::span<const Operator> operators) {
    const Scan s = scan(typed, false);
    if (auto done = refuse_or_empty(s, typed)) return std::move(*done);
    OrderVerdict v = evaluate_order(s, operators, true);
    IdentifierCheck r;
    if (v.result) r = std::move(*v.result);
    else if (!v.any_pattern) r = invalid(start(IdentifierKind::rental_order, {}), problem("identifier.order.no_patterns"));
    else r = invalid(start(IdentifierKind::rental_order, {}), no_order_match(operators));
    return with_mask(std::move(r), typed);
}

IdentifierCheck identify(std::string_view typed, std::span<const Operator> operators) {
    const Scan s = scan(typed, false);
    if (auto done = refuse_or_empty(s, typed)) return std::move(*done);
    const Digits d = read_digits(s);
    const std::string_view digits = d.digits.view();
    std::optional<IdentifierCheck> numeric;
    if (d.numeric) {
        if (d.pad_index == kNone) {
            numeric = evaluate_digits(digits, d.plus);
        } else if (digits.starts_with("89") || digits == "8" || digits.empty()) {
            numeric = evaluate_iccid(digits);  // F pads come only with ICCIDs
        }
        if (numeric && numeric->acceptable())
            return with_mask(std::move(*numeric), typed.substr(d.mask_begin, d.mask_end - d.mask_begin));
    }
    // Order numbers: any complete match, then the beginning of a number or of an order number.
    const bool mostly_digits = d.digits.size > d.letters;
    OrderVerdict order = evaluate_order(s, operators, !numeric.has_value());
    if (order.result && order.result->state == IdentifierState::valid) return with_mask(std::move(*order.result), typed);
    if (numeric && numeric->state == IdentifierState::incomplete)
        return with_mask(std::move(*numeric), typed.substr(d.mask_begin, d.mask_end - d.mask_begin));
    if (order.result && order.result->state == IdentifierState::incomplete)
        return with_mask(std::move(*order.result), typed);
    if (numeric) return with_mask(std::move(*numeric), typed.substr(d.mask_begin, d.mask_end - d.mask_begin));
    if (order.result) return with_mask(std::move(*order.result), typed);
    // Nothing fits: say what is wrong with the first character no identifier has.
    const std::size_t bad = d.numeric ? d.pad_index : d.bad_index;
    IdentifierCheck r;
    if (order.any_pattern && !mostly_digits && is_letter(s.text[bad])) r = unknown_invalid(no_order_match(operators));
    else r = unknown_invalid(bad_character(s, typed, bad));
    return with_mask(std::move(r), typed);
}

std::span<const std::string_view> identifier_message_ids() { return kMessages.ids(); }

std::string_view identifier_message_template(std::string_view message_id) { return kMessages.text(message_id); }

}  // namespace tabi
