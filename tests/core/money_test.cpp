// Money: integer minor units, ISO 4217 exponents, exact conversion rounded half away from zero, overflow refused.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "core/money.h"

using namespace tabi;

namespace {

Money yen(std::int64_t v) { return Money{v, "JPY"}; }

ExchangeRate rate(std::string_view decimal, std::string_view from, std::string_view to) {
    auto r = parse_exchange_rate(decimal, from, to, "2026-11-20");
    REQUIRE(r.ok());
    return r.value();
}

}  // namespace

TEST_CASE("money: ISO 4217 exponents") {
    CHECK(currency_exponent("JPY") == 0);
    CHECK(currency_exponent("KRW") == 0);
    for (auto code : {"USD", "EUR", "CNY", "HKD", "TWD"}) CHECK(currency_exponent(code) == 2);
    CHECK(currency_exponent("KWD") == 3);
    CHECK(currency_exponent("BHD") == 3);
    CHECK_FALSE(currency_exponent("XXX").has_value());
    CHECK_FALSE(currency_exponent("jpy").has_value());
    CHECK_FALSE(currency_exponent("").has_value());
}

TEST_CASE("money: decimal strings for Payment Request, both ways, exactly") {
    CHECK(to_decimal_string(yen(1980)) == "1980");
    CHECK(to_decimal_string(Money{1250, "USD"}) == "12.50");
    CHECK(to_decimal_string(Money{5, "USD"}) == "0.05");
    CHECK(to_decimal_string(Money{-125, "KWD"}) == "-0.125");
    CHECK(to_decimal_string(Money{0, "EUR"}) == "0.00");
    CHECK(to_decimal_string(Money{std::numeric_limits<std::int64_t>::min(), "JPY"}) == "-9223372036854775808");
    CHECK(to_decimal_string(Money{std::numeric_limits<std::int64_t>::max(), "USD"}) == "92233720368547758.07");

    CHECK(parse_decimal_amount("12.5", "USD").value() == Money{1250, "USD"});
    CHECK(parse_decimal_amount("12.50", "USD").value() == Money{1250, "USD"});
    CHECK(parse_decimal_amount("1980", "JPY").value() == yen(1980));
    CHECK(parse_decimal_amount("-0.125", "KWD").value() == Money{-125, "KWD"});
    CHECK(parse_decimal_amount("0", "KRW").value() == Money{0, "KRW"});

    auto too_precise = parse_decimal_amount("1980.5", "JPY");
    REQUIRE_FALSE(too_precise.ok());
    CHECK(too_precise.problem().message_id == "money.too_many_decimals");
    CHECK(too_precise.problem().arg("decimals") == "0");
    CHECK(parse_decimal_amount("12.345", "USD").problem().message_id == "money.too_many_decimals");
    for (auto bad : {"", "-", ".", "1e3", "12,50", " 12", "0x10", "1.2.3"})
        CHECK_MESSAGE(parse_decimal_amount(bad, "USD").problem().message_id == "money.not_a_number", bad);
    CHECK(parse_decimal_amount("99999999999999999999", "JPY").problem().message_id == "money.overflow");
    // Fits as a number of yuan but not as a number of fen.
    CHECK(parse_decimal_amount("92233720368547758.08", "CNY").problem().message_id == "money.overflow");
    CHECK(parse_decimal_amount("1", "XXX").problem().message_id == "money.unknown_currency");
}

TEST_CASE("money: addition and multiplication refuse mixed currencies and overflow") {
    CHECK(add(yen(1980), yen(20)).value() == yen(2000));
    CHECK(add(yen(0), yen(0)).value() == yen(0));
    CHECK(add(yen(1), Money{1, "USD"}).problem().message_id == "money.currency_mismatch");
    CHECK(add(yen(std::numeric_limits<std::int64_t>::max()), yen(1)).problem().message_id == "money.overflow");
    CHECK(multiply(yen(1980), 3).value() == yen(5940));
    CHECK(multiply(yen(1980), 0).value() == yen(0));
    CHECK(multiply(yen(std::numeric_limits<std::int64_t>::max() / 2 + 1), 2).problem().message_id == "money.overflow");
}

TEST_CASE("money: exchange rates are exact decimals") {
    ExchangeRate r = rate("0.0467", "JPY", "CNY");
    CHECK(r.numerator == 467);
    CHECK(r.scale == 4);
    CHECK(rate_to_string(r) == "0.0467");
    CHECK(rate_to_string(rate("9.1", "USD", "CNY")) == "9.1");
    CHECK(rate_to_string(rate("150", "USD", "JPY")) == "150");
    CHECK(rate_to_string(rate("0.000000000001", "KRW", "USD")) == "0.000000000001");
    for (auto bad : {"", "0", "0.000", "-1", "1.2.3", "abc", "0.0000000000001", "1234567890123456789"})
        CHECK_MESSAGE(parse_exchange_rate(bad, "JPY", "USD", "2026-11-20").problem().message_id == "money.bad_rate", bad);
}

TEST_CASE("money: conversion rounds once, half away from zero, to the target's minor unit") {
    // 1980 JPY at 0.0467 CNY = 92.466 CNY -> 92.47
    CHECK(convert(yen(1980), rate("0.0467", "JPY", "CNY")).value() == Money{9247, "CNY"});
    // 1000 JPY at 0.006505 USD = 6.505 USD: exactly half a cent, rounds away from zero -> 6.51
    CHECK(convert(yen(1000), rate("0.006505", "JPY", "USD")).value() == Money{651, "USD"});
    CHECK(convert(yen(-1000), rate("0.006505", "JPY", "USD")).value() == Money{-651, "USD"});
    // 1000 JPY at 0.006504 USD = 6.504 -> 6.50 (below half)
    CHECK(convert(yen(1000), rate("0.006504", "JPY", "USD")).value() == Money{650, "USD"});
    // Into a zero-decimal currency: 12.34 USD at 150.5 JPY = 1857.17 -> 1857
    CHECK(convert(Money{1234, "USD"}, rate("150.5", "USD", "JPY")).value() == yen(1857));
    // Into a three-decimal currency: 3000 JPY at 0.00205 KWD = 6.15 KWD = 6150 fils
    CHECK(convert(yen(3000), rate("0.00205", "JPY", "KWD")).value() == Money{6150, "KWD"});
    // KRW has no minor unit: 1980 JPY at 9.35 KRW = 18513 KRW
    CHECK(convert(yen(1980), rate("9.35", "JPY", "KRW")).value() == Money{18513, "KRW"});
    CHECK(convert(yen(0), rate("0.0467", "JPY", "CNY")).value() == Money{0, "CNY"});
}

TEST_CASE("money: conversion refuses the wrong currency and any overflow, even past 128 bits") {
    CHECK(convert(Money{100, "USD"}, rate("0.0467", "JPY", "CNY")).problem().message_id == "money.currency_mismatch");
    const auto huge = yen(std::numeric_limits<std::int64_t>::max());
    CHECK(convert(huge, rate("2", "JPY", "USD")).problem().message_id == "money.overflow");
    // max int64 × an 18-digit rate × 10^3 exceeds 2^127: refused, not wrapped.
    CHECK(convert(huge, rate("999999999999999999", "JPY", "KWD")).problem().message_id == "money.overflow");
    CHECK(convert(yen(std::numeric_limits<std::int64_t>::min()), rate("999999999999999999", "JPY", "KWD"))
              .problem().message_id == "money.overflow");
    // The largest amount that still fits converts exactly.
    CHECK(convert(huge, rate("1", "JPY", "KRW")).value() == Money{std::numeric_limits<std::int64_t>::max(), "KRW"});
}

TEST_CASE("money: division for price per day and per GB rounds half away from zero") {
    CHECK(divide_rounded(yen(1000), 3) == yen(333));
    CHECK(divide_rounded(yen(1000), 6) == yen(167));   // 166.67
    CHECK(divide_rounded(yen(5), 2) == yen(3));        // 2.5 -> 3
    CHECK(divide_rounded(yen(-5), 2) == yen(-3));
    CHECK(divide_rounded(yen(5), 0) == yen(0));        // no division by zero
}

TEST_CASE("money: formatting per locale: symbol, grouping, the currency's own decimals") {
    CHECK(format_money(yen(1980), "en") == "¥1,980");
    CHECK(format_money(yen(1980), "ja") == "￥1,980");
    CHECK(format_money(yen(1980), "zh-Hans") == "JP¥1,980");
    CHECK(format_money(Money{1250, "USD"}, "en") == "$12.50");
    CHECK(format_money(Money{1250, "USD"}, "zh-Hans") == "US$12.50");
    CHECK(format_money(Money{32000, "TWD"}, "zh-Hant") == "NT$320.00");
    CHECK(format_money(Money{9247, "CNY"}, "zh-Hans") == "¥92.47");
    CHECK(format_money(Money{9247, "CNY"}, "en") == "CN¥92.47");
    CHECK(format_money(Money{1234567, "KRW"}, "ko") == "₩1,234,567");
    CHECK(format_money(Money{-6150, "KWD"}, "en") == "-KWD\u00a06.150");
    CHECK(format_money(Money{0, "EUR"}, "en") == "€0.00");
    CHECK(format_money(Money{std::numeric_limits<std::int64_t>::min(), "JPY"}, "en") == "-¥9,223,372,036,854,775,808");
}
