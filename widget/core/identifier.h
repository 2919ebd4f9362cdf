// Card identifiers as printed on real cards, boxes and order e-mails: ICCID, IMEI / IMEISV, EID, Japanese
// mobile numbers and pocket-WiFi rental order numbers. The traveller types one identifier into one field;
// identify() works out which kind it is and checks it on every keystroke, so it is linear in the input, caps
// the input at kMaxIdentifierChars characters and works in fixed-size buffers (the result's strings and
// problems are the only allocations). Rules and sources: ../shared/REFERENCE.md, "Identifiers".
//
// What the field accepts:
//   - separators anywhere: spaces (also U+3000 and other Unicode spaces), hyphens and dashes (also U+FF0D,
//     U+2010..U+2015, U+2212 and the katakana long-vowel mark U+30FC that Japanese IMEs give for "-"),
//     parentheses; zero-width characters of pasted text are ignored;
//   - full-width forms (U+FF01..U+FF5E, e.g. "０９０", "ＴＷ"), folded to ASCII;
//   - a leading "+" (phone numbers in international form) and one 'F'/'f' pad at either end of an ICCID.
//
// How the kind is decided (by length and prefix; the first rule that applies wins):
//   - "+81…" or "0081…"                  Japanese mobile number in international form;
//   - 0 + 2/6/7/8/9 (and landline 03..05) Japanese mobile number (11 digits: 0X0 + 8 digits, X in 2,6,7,8,9);
//   - 89…                                 ICCID up to 20 digits (15 and 16 digits too: no IMEI starts with 89,
//                                         whose reporting bodies are 00, 01, 10, 30..54, 86, 91, 98, 99),
//                                         EID at 21..32 digits;
//   - any other digits                    IMEI at 15, IMEISV at 16, ICCID at 19..20 (refused: wrong prefix),
//                                         EID at 32; shorter or in-between lengths are "incomplete";
//   - anything matching an operator's order_pattern (exactly, or as a prefix while typing) a rental order;
//     a complete ICCID/IMEI/EID/phone number wins over a pattern that happens to be all digits.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/problem.h"

namespace tabi {

// Longest input identify() looks at, in characters (code points); longer input is refused as too long.
inline constexpr std::size_t kMaxIdentifierChars = 64;
// How many of the last characters a masked identifier shows (fewer for identifiers shorter than 8 characters).
inline constexpr std::size_t kMaskVisibleChars = 4;

enum class IdentifierKind { unknown, iccid, imei, imeisv, eid, jp_phone, rental_order };
enum class IdentifierState {
    empty,               // nothing typed (or only spaces and separators)
    incomplete,          // a plausible beginning: keep typing (see IdentifierCheck::hint)
    valid,
    valid_with_warning,  // usable, but the traveller is asked to re-check (see the warnings in problems)
    invalid,             // cannot be used: see the errors in problems
};

std::string_view to_string(IdentifierKind k);   // "unknown", "iccid", "imei", "imeisv", "eid", "jp_phone", "rental_order"
std::string_view to_string(IdentifierState s);  // "empty", "incomplete", "valid", "valid_with_warning", "invalid"

struct IdentifierCheck {
    IdentifierKind kind = IdentifierKind::unknown;
    IdentifierState state = IdentifierState::empty;
    // The identifier in its canonical form: digits only for ICCID, IMEI and EID (F pads removed); the 11-digit
    // domestic form for a phone number ("09012345678"); the order number in upper case with the pattern's
    // separators for a rental ("TW-20261128"). For an IMEISV it is the IMEI derived from it (its 14 digits and a
    // computed check digit), which is what a renewal needs. Filled as far as it goes for incomplete and invalid
    // input too, but only an acceptable() check may leave the widget.
    std::string normalized;
    std::optional<CardKind> card;  // iccid, jp_phone: sim; eid, imei, imeisv: esim; rental_order: wifi
    // Who issued it, where known: the Japanese issuer of an ICCID (from its first 6 digits, shown while typing
    // once they are there) or the name of the operator whose order_pattern matched.
    std::string issuer;
    std::vector<std::string> operator_ids;  // rental_order: every operator whose pattern matched, catalogue order
    // For display and events: the last 4 characters visible, the rest as '•', grouped like the input
    // ("•••• •••• •••• •••• 4864"). See mask_identifier().
    std::string masked;
    std::vector<Problem> problems;  // errors (state invalid) and warnings (state valid_with_warning)
    std::optional<Problem> hint;    // state incomplete: what is still missing ("an ICCID has 19 or 20 digits")

    // Whether the identifier may be used (valid, or valid with a warning the traveller has seen).
    bool acceptable() const {
        return state == IdentifierState::valid || state == IdentifierState::valid_with_warning;
    }
};

// Detects the kind of a typed identifier and checks it. Never throws; any input gives a result.
IdentifierCheck identify(std::string_view typed, std::span<const Operator> operators = {});

// Each kind on its own, for a field that asks for one kind: the input is checked as that kind whatever it
// looks like (check_imei also recognises an IMEISV).
IdentifierCheck check_iccid(std::string_view typed);
IdentifierCheck check_imei(std::string_view typed);
IdentifierCheck check_eid(std::string_view typed);
IdentifierCheck check_jp_phone(std::string_view typed);
IdentifierCheck check_rental_order(std::string_view typed, std::span<const Operator> operators);

// Luhn (ISO/IEC 7812-1) over ASCII digits, the last one being the check digit. False for empty input or any
// character that is not an ASCII digit.
bool luhn_valid(std::string_view digits);
// The check digit ('0'..'9') to append to `digits`; nullopt for empty input or a non-digit.
std::optional<char> luhn_check_digit(std::string_view digits);
// EID check (ISO 7064 MOD 97-10, GSMA SGP.29): exactly 32 ASCII digits whose number mod 97 is 1.
bool eid_valid(std::string_view digits);
// The two check digits (2..98) that complete the first 30 digits of an EID; nullopt unless 30 ASCII digits.
std::optional<int> eid_check_digits(std::string_view first_30_digits);

// The Japanese issuer named by an ICCID's first 6 digits ("898110" → "NTT docomo"); "" when not known.
std::string_view japanese_iccid_issuer(std::string_view iccid_digits);

// Masks an identifier for display and events: letters and digits become '•' except the last 4 (fewer for
// short input: at most half of them are shown), grouping is kept (runs of spaces become one space, dashes
// become '-', '+' and parentheses stay), full-width characters are folded to ASCII, control characters and
// invalid UTF-8 are dropped. The shown characters stay together: where the input's grouping splits them
// ("8981 1000 1234 5678 905"), the hidden ones are regrouped in fours before them ("••• •••• •••• •••• 8905").
// Never shows more than kMaskVisibleChars characters of the identifier; input
// longer than kMaxIdentifierChars shows none. "" for input with no letter or digit.
std::string mask_identifier(std::string_view typed);

// An example of an order number for a pattern: '#' → digits 1234567890…, '@' → letters ABC…, '*' → 'X'
// ("TW-########" → "TW-12345678"). Used in messages.
std::string order_pattern_example(std::string_view pattern);

// Every message id this module reports, and the English template of each ({name} placeholders for its args;
// "" for an unknown id).
std::span<const std::string_view> identifier_message_ids();
std::string_view identifier_message_template(std::string_view message_id);

}  // namespace tabi
