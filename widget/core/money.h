// Money: integer minor units of an ISO 4217 currency. No floating point anywhere on a money path.
//
// Conversion rule (stated once, tested in tests/core/money_test.cpp): an amount is converted with an
// exact decimal rate and rounded to the target currency's minor unit half away from zero
// ("commercial rounding", the rule of EU Regulation 1103/97 for currency conversion).
// Converted amounts are for display only; the charge is always in the plan's own currency.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "core/problem.h"

namespace tabi {

// ISO 4217 minor-unit exponent (JPY 0, USD 2, KWD 3), or nullopt for a code we do not know.
std::optional<int> currency_exponent(std::string_view code);

struct Money {
    std::int64_t minor = 0;  // amount in minor units (cents, yen, fils)
    std::string currency;    // ISO 4217 code, upper case

    friend bool operator==(const Money&, const Money&) = default;
};

// a + b; refuses different currencies and overflow.
Result<Money> add(const Money& a, const Money& b);
// a × factor; refuses overflow.
Result<Money> multiply(const Money& a, std::int64_t factor);

// Exact decimal string as W3C Payment Request and PayPal expect: "1980" (JPY), "12.50" (USD), "-0.125" (KWD).
std::string to_decimal_string(const Money& m);
// Parses "12.5" or "12.50" into minor units exactly; refuses more decimals than the currency has.
Result<Money> parse_decimal_amount(std::string_view text, std::string_view currency);

// An exact decimal exchange rate: 1 unit of `from` = numerator / 10^scale units of `to`.
struct ExchangeRate {
    std::string from;
    std::string to;
    std::int64_t numerator = 0;
    int scale = 0;
    std::string as_of;  // ISO date "2026-11-20"
};
// Parses a positive decimal string such as "0.006512" (at most 12 decimals, at most 18 digits).
Result<ExchangeRate> parse_exchange_rate(std::string_view decimal, std::string_view from, std::string_view to,
                                         std::string_view as_of);
// The rate as written, e.g. "0.006512".
std::string rate_to_string(const ExchangeRate& rate);
// Converts with the rule above; refuses a rate for other currencies and overflow.
Result<Money> convert(const Money& amount, const ExchangeRate& rate);

// a / divisor rounded half away from zero, in the same currency (price per day, per GB).
Money divide_rounded(const Money& a, std::int64_t divisor);

// Formats for the traveller: symbol per locale and currency, grouping, the currency's own decimals.
// "¥1,980" (en, JPY), "US$12.50" (zh-Hans, USD), "NT$320.00" (any locale, TWD), "CHF 12.50" (no symbol).
std::string format_money(const Money& m, std::string_view locale);

// Exact money arithmetic, shared by money.cpp and compare.cpp (which converts and divides with one rounding).
namespace exact {
__extension__ typedef __int128 i128;  // exact intermediates (GCC and clang, incl. wasm32)
inline constexpr std::int64_t kPow10[] = {1,           10,           100,           1000,           10000,
                                          100000,      1000000,      10000000,      100000000,      1000000000,
                                          10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
                                          1000000000000000, 10000000000000000, 100000000000000000,
                                          1000000000000000000};
inline bool fits_int64(i128 v) {
    return v >= std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max();
}
// n / d rounded half away from zero (d > 0): the rounding of every money division above.
i128 divide_half_away(i128 n, i128 d);
}  // namespace exact

}  // namespace tabi
