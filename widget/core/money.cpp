#include "core/money.h"

#include <array>
#include <limits>

#include <fmt/format.h>

namespace tabi {

exact::i128 exact::divide_half_away(i128 n, i128 d) {
    i128 q = n / d;
    i128 r = n % d;
    if (r < 0) r = -r;
    if (r * 2 >= d) q += (n < 0) ? -1 : 1;
    return q;
}

namespace {

using exact::divide_half_away;
using exact::fits_int64;
using exact::i128;
using exact::kPow10;

struct CurrencyInfo {
    std::string_view code;
    int exponent;
};

// ISO 4217 active codes (list one, 2024). Exponent 0 and 3 from the standard; 2 otherwise.
constexpr std::array<CurrencyInfo, 97> kCurrencies{{
    {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ARS", 2}, {"AUD", 2}, {"AZN", 2}, {"BAM", 2},
    {"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0}, {"BND", 2}, {"BOB", 2}, {"BRL", 2}, {"BYN", 2},
    {"CAD", 2}, {"CHF", 2}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CRC", 2}, {"CZK", 2}, {"DJF", 0},
    {"DKK", 2}, {"DOP", 2}, {"DZD", 2}, {"EGP", 2}, {"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"GBP", 2},
    {"GEL", 2}, {"GHS", 2}, {"GNF", 0}, {"GTQ", 2}, {"HKD", 2}, {"HNL", 2}, {"HUF", 2}, {"IDR", 2},
    {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KGS", 2},
    {"KHR", 2}, {"KMF", 0}, {"KRW", 0}, {"KWD", 3}, {"KZT", 2}, {"LAK", 2}, {"LBP", 2}, {"LKR", 2},
    {"LYD", 3}, {"MAD", 2}, {"MGA", 0}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MUR", 2}, {"MVR", 2},
    {"MXN", 2}, {"MYR", 2}, {"NGN", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PEN", 2},
    {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RSD", 2}, {"RUB", 2},
    {"RWF", 0}, {"SAR", 2}, {"SEK", 2}, {"SGD", 2}, {"THB", 2}, {"TND", 3}, {"TRY", 2}, {"TWD", 2},
    {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"UYU", 2}, {"UZS", 2}, {"VND", 0}, {"VUV", 0}, {"XAF", 0},
    {"XOF", 0},
}};

Problem overflow(std::string_view what) {
    return make_problem(std::string(what), "money.overflow");
}

std::string_view symbol_for(std::string_view currency, std::string_view locale) {
    const bool ja = locale == "ja";
    const bool zh_hans = locale == "zh-Hans";
    const bool en = locale == "en" || locale.empty();
    // From CLDR's per-locale symbols, except TWD, written "NT$" everywhere: a bare "$" is ambiguous
    // on a page about Japan read by travellers from several places.
    if (currency == "JPY") return ja ? "￥" : (en ? "¥" : (zh_hans || locale == "ko" ? "JP¥" : "¥"));
    if (currency == "CNY") return ja ? "元" : (zh_hans ? "¥" : "CN¥");
    if (currency == "USD") return (en || ja) ? "$" : "US$";
    if (currency == "EUR") return "€";
    if (currency == "GBP") return "£";
    if (currency == "HKD") return "HK$";
    if (currency == "TWD") return "NT$";
    if (currency == "KRW") return "₩";
    if (currency == "AUD") return "A$";
    if (currency == "SGD") return "S$";
    if (currency == "THB") return "฿";
    return {};
}

}  // namespace

std::optional<int> currency_exponent(std::string_view code) {
    for (const auto& c : kCurrencies)
        if (c.code == code) return c.exponent;
    return std::nullopt;
}

Result<Money> add(const Money& a, const Money& b) {
    if (a.currency != b.currency)
        return make_problem("currency", "money.currency_mismatch", {{"a", a.currency}, {"b", b.currency}});
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a.minor, b.minor, &sum)) return overflow("amount");
    return Money{sum, a.currency};
}

Result<Money> multiply(const Money& a, std::int64_t factor) {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(a.minor, factor, &product)) return overflow("amount");
    return Money{product, a.currency};
}

std::string to_decimal_string(const Money& m) {
    const int exp = currency_exponent(m.currency).value_or(2);
    // Work on the unsigned magnitude so INT64_MIN formats correctly.
    const bool negative = m.minor < 0;
    const std::uint64_t magnitude = negative ? (~static_cast<std::uint64_t>(m.minor) + 1) : static_cast<std::uint64_t>(m.minor);
    const auto unit = static_cast<std::uint64_t>(kPow10[exp]);
    std::string out = negative ? "-" : "";
    out += fmt::format("{}", magnitude / unit);
    if (exp > 0) out += fmt::format(".{:0{}}", magnitude % unit, exp);
    return out;
}

Result<Money> parse_decimal_amount(std::string_view text, std::string_view currency) {
    const auto exp = currency_exponent(currency);
    if (!exp) return make_problem("currency", "money.unknown_currency", {{"currency", std::string(currency)}});
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    i128 value = 0;
    int digits = 0, decimals = -1;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && decimals < 0) { decimals = 0; continue; }
        if (c < '0' || c > '9') return make_problem("amount", "money.not_a_number", {{"text", std::string(text)}});
        value = value * 10 + (c - '0');
        ++digits;
        if (decimals >= 0) ++decimals;
        if (value > std::numeric_limits<std::int64_t>::max()) return overflow("amount");
    }
    if (digits == 0) return make_problem("amount", "money.not_a_number", {{"text", std::string(text)}});
    if (decimals < 0) decimals = 0;
    if (decimals > *exp)
        return make_problem("amount", "money.too_many_decimals",
                            {{"currency", std::string(currency)}, {"decimals", std::to_string(*exp)}});
    value *= kPow10[*exp - decimals];
    if (negative) value = -value;
    if (!fits_int64(value)) return overflow("amount");
    return Money{static_cast<std::int64_t>(value), std::string(currency)};
}

Result<ExchangeRate> parse_exchange_rate(std::string_view decimal, std::string_view from, std::string_view to,
                                         std::string_view as_of) {
    std::int64_t numerator = 0;
    int scale = -1, digits = 0;
    for (const char c : decimal) {
        if (c == '.' && scale < 0) { scale = 0; continue; }
        if (c < '0' || c > '9' || digits >= 18)
            return make_problem("rate", "money.bad_rate", {{"text", std::string(decimal)}});
        numerator = numerator * 10 + (c - '0');
        ++digits;
        if (scale >= 0) ++scale;
    }
    if (scale < 0) scale = 0;
    if (digits == 0 || scale > 12 || numerator == 0)
        return make_problem("rate", "money.bad_rate", {{"text", std::string(decimal)}});
    return ExchangeRate{std::string(from), std::string(to), numerator, scale, std::string(as_of)};
}

std::string rate_to_string(const ExchangeRate& rate) {
    std::string digits = std::to_string(rate.numerator);
    if (rate.scale == 0) return digits;
    if (static_cast<int>(digits.size()) <= rate.scale)
        digits.insert(0, static_cast<std::size_t>(rate.scale - static_cast<int>(digits.size()) + 1), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(rate.scale), ".");
    return digits;
}

Result<Money> convert(const Money& amount, const ExchangeRate& rate) {
    if (amount.currency != rate.from)
        return make_problem("currency", "money.currency_mismatch", {{"a", amount.currency}, {"b", rate.from}});
    const auto from_exp = currency_exponent(rate.from);
    const auto to_exp = currency_exponent(rate.to);
    if (!from_exp || !to_exp) return make_problem("currency", "money.unknown_currency", {{"currency", rate.to}});
    // target_minor = amount_minor / 10^from_exp × rate × 10^to_exp
    //             = amount_minor × numerator × 10^to_exp / (10^from_exp × 10^scale)
    // The product may exceed even 128 bits for absurd amounts and rates: checked, never wrapped.
    i128 n = 0;
    if (__builtin_mul_overflow(static_cast<i128>(amount.minor), static_cast<i128>(rate.numerator), &n) ||
        __builtin_mul_overflow(n, static_cast<i128>(kPow10[*to_exp]), &n))
        return overflow("amount");
    i128 d = static_cast<i128>(kPow10[*from_exp]) * kPow10[rate.scale];
    const i128 q = divide_half_away(n, d);
    if (!fits_int64(q)) return overflow("amount");
    return Money{static_cast<std::int64_t>(q), rate.to};
}

Money divide_rounded(const Money& a, std::int64_t divisor) {
    if (divisor <= 0) return Money{0, a.currency};
    return Money{static_cast<std::int64_t>(divide_half_away(a.minor, divisor)), a.currency};
}

std::string format_money(const Money& m, std::string_view locale) {
    const int exp = currency_exponent(m.currency).value_or(2);
    const bool negative = m.minor < 0;
    const std::uint64_t magnitude = negative ? (~static_cast<std::uint64_t>(m.minor) + 1) : static_cast<std::uint64_t>(m.minor);
    const auto unit = static_cast<std::uint64_t>(kPow10[exp]);
    // All five UI locales group by thousands with "," and use "." for decimals.
    std::string whole = fmt::format("{}", magnitude / unit);
    for (int pos = static_cast<int>(whole.size()) - 3; pos > 0; pos -= 3) whole.insert(static_cast<std::size_t>(pos), ",");
    std::string number = exp > 0 ? fmt::format("{}.{:0{}}", whole, magnitude % unit, exp) : whole;
    const std::string_view symbol = symbol_for(m.currency, locale);
    std::string out = negative ? "-" : "";
    if (symbol.empty()) {
        out += m.currency;
        out += "\u00a0";  // no-break space between code and number
    } else {
        out += symbol;
    }
    out += number;
    return out;
}

}  // namespace tabi
