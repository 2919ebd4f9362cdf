#include "core/compare.h"

#include <algorithm>
#include <array>
#include <limits>

namespace tabi {
namespace exact {

namespace {

struct U256 {
    u128 hi = 0;
    u128 lo = 0;
};

U256 multiply(u128 x, u128 y) {
    const u128 mask = std::numeric_limits<std::uint64_t>::max();
    const u128 x0 = x & mask, x1 = x >> 64, y0 = y & mask, y1 = y >> 64;
    const u128 p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
    const u128 middle = (p00 >> 64) + (p01 & mask) + (p10 & mask);  // at most 3 × (2^64 − 1): no overflow
    return U256{p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64), (p00 & mask) | (middle << 64)};
}

// x × y; the caller keeps the product below 2^256 (so x.hi × y fits 128 bits).
U256 multiply(const U256& x, std::uint64_t y) {
    const U256 low = multiply(x.lo, static_cast<u128>(y));
    return U256{x.hi * y + low.hi, low.lo};
}

int compare(const U256& left, const U256& right) {
    if (left.hi != right.hi) return left.hi < right.hi ? -1 : 1;
    if (left.lo != right.lo) return left.lo < right.lo ? -1 : 1;
    return 0;
}

int sign(i128 v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }
u128 magnitude(i128 v) { return v < 0 ? u128(0) - static_cast<u128>(v) : static_cast<u128>(v); }

// The sign of a·b·c − d·e·f for products below 2^256 (compare_exact below).
int compare_triple_products(u128 a, u128 b, std::uint64_t c, u128 d, u128 e, std::uint64_t f) {
    return compare(multiply(multiply(a, b), c), multiply(multiply(d, e), f));
}

}  // namespace

int compare_products(u128 a, u128 b, u128 c, u128 d) { return compare(multiply(a, b), multiply(c, d)); }

int compare_products_signed(i128 a, i128 b, i128 c, i128 d) {
    const int left = sign(a) * sign(b), right = sign(c) * sign(d);
    if (left != right) return left < right ? -1 : 1;
    if (left == 0) return 0;
    const int by_magnitude = compare_products(magnitude(a), magnitude(b), magnitude(c), magnitude(d));
    return left > 0 ? by_magnitude : -by_magnitude;
}

}  // namespace exact

namespace {

using exact::divide_half_away;
using exact::fits_int64;
using exact::i128;
using exact::kPow10;
using exact::u128;

constexpr std::array<std::string_view, 8> kColumnNames = {"price",         "days",         "data",
                                                          "price_per_day", "price_per_gb", "speed_after_cap",
                                                          "refundable",    "networks"};

// price × multiplier / divisor, converted with `rate` when given, rounded once to the target currency's minor
// unit. Falls back to money.h's convert-then-divide (two roundings) when the exact product overflows 128 bits,
// which only absurd catalogues reach.
std::optional<Money> scaled_price(const Money& price, const ExchangeRate* rate, std::int64_t multiplier,
                                  std::int64_t divisor) {
    if (divisor <= 0) return std::nullopt;
    i128 numerator = 0, denominator = divisor;
    std::string currency = price.currency;
    bool overflow = __builtin_mul_overflow(static_cast<i128>(price.minor), static_cast<i128>(multiplier), &numerator);
    if (rate) {
        const auto from_exp = currency_exponent(rate->from), to_exp = currency_exponent(rate->to);
        if (!from_exp || !to_exp || rate->scale < 0 || rate->scale > 18) return std::nullopt;
        overflow = overflow || __builtin_mul_overflow(numerator, static_cast<i128>(rate->numerator), &numerator) ||
                   __builtin_mul_overflow(numerator, static_cast<i128>(kPow10[*to_exp]), &numerator) ||
                   __builtin_mul_overflow(denominator, static_cast<i128>(kPow10[*from_exp]), &denominator) ||
                   __builtin_mul_overflow(denominator, static_cast<i128>(kPow10[rate->scale]), &denominator);
        currency = rate->to;
    }
    if (!overflow) {
        const i128 q = divide_half_away(numerator, denominator);
        if (fits_int64(q)) return Money{static_cast<std::int64_t>(q), std::move(currency)};
        return std::nullopt;
    }
    Money base = price;
    if (rate) {
        auto converted = convert(price, *rate);
        if (!converted) return std::nullopt;
        base = std::move(converted).value();
    }
    auto product = multiply(base, multiplier);
    if (!product) return std::nullopt;
    return divide_rounded(product.value(), divisor);
}

// One exact value: price × 1 / divisor (divisor 1 for the price, days for per day, MB for per GB: the common
// factor 1024 cancels out of every comparison).
struct ExactValue {
    const Money* price;
    const PriceScale* scale;
    std::int64_t divisor;
};

// -1, 0, 1; both sides must be comparable (same currency, or both with a rate from the base).
int compare_exact(const ExactValue& a, const ExactValue& b) {
    if (a.price->currency == b.price->currency) {
        // minor_a / div_a vs minor_b / div_b: |minor| < 2^63, divisors < 2^63: products fit 127 bits.
        const i128 left = static_cast<i128>(a.price->minor) * b.divisor;
        const i128 right = static_cast<i128>(b.price->minor) * a.divisor;
        return left < right ? -1 : (left > right ? 1 : 0);
    }
    // minor × 10^s / (10^e × n × div), compared by cross-multiplication: |minor| × 10^s < 2^63 × 10^12 < 2^103,
    // 10^e × n < 10^3 × 10^18 < 2^70 and div < 2^63, so each cross product of three factors is below 2^236.
    // (10^e × n × div alone may exceed 128 bits: a rate of 18 digits and a plan of 10^17 MB.)
    const int sign_a = a.price->minor < 0 ? -1 : (a.price->minor > 0 ? 1 : 0);
    const int sign_b = b.price->minor < 0 ? -1 : (b.price->minor > 0 ? 1 : 0);
    if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
    if (sign_a == 0) return 0;
    auto magnitude = [](std::int64_t v) {
        return v < 0 ? u128(0) - static_cast<u128>(static_cast<i128>(v)) : static_cast<u128>(v);
    };
    const u128 num_a = magnitude(a.price->minor) * static_cast<u128>(kPow10[a.scale->rate_scale]);
    const u128 num_b = magnitude(b.price->minor) * static_cast<u128>(kPow10[b.scale->rate_scale]);
    const u128 k_a = static_cast<u128>(kPow10[a.scale->exponent]) * static_cast<u128>(a.scale->rate_numerator);
    const u128 k_b = static_cast<u128>(kPow10[b.scale->exponent]) * static_cast<u128>(b.scale->rate_numerator);
    const int by_magnitude = exact::compare_triple_products(num_a, k_b, static_cast<std::uint64_t>(b.divisor), num_b,
                                                            k_a, static_cast<std::uint64_t>(a.divisor));
    return sign_a > 0 ? by_magnitude : -by_magnitude;
}

// Orders the currency groups: every currency with a rate from the base first (one group), then each other
// currency by code. Returns 0 when the two prices are comparable.
int compare_currency_groups(const Money& a, const PriceScale& sa, const Money& b, const PriceScale& sb) {
    const bool ga = sa.to_base, gb = sb.to_base;
    if (ga && gb) return 0;
    if (ga != gb) return ga ? -1 : 1;
    const int c = a.currency.compare(b.currency);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool is_unlimited(const Plan& p) { return p.data.unlimited; }

// The column comparison of two rows: `na` gets the rows without a value (they go last either way);
// `value` is -1/0/1 and is flipped for a descending sort.
struct ColumnOrder {
    int na = 0;
    int value = 0;
};

int three_way(std::int64_t a, std::int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

ColumnOrder compare_column(const CompareRow& a, const CompareRow& b, CompareColumn column) {
    const Plan& pa = *a.plan;
    const Plan& pb = *b.plan;
    switch (column) {
        case CompareColumn::price:
        case CompareColumn::price_per_day:
        case CompareColumn::price_per_gb: {
            std::int64_t div_a = 1, div_b = 1;
            bool na_a = false, na_b = false;
            if (column == CompareColumn::price_per_day) {
                div_a = pa.days, div_b = pb.days;
                na_a = pa.days <= 0, na_b = pb.days <= 0;
            } else if (column == CompareColumn::price_per_gb) {
                div_a = pa.data.mb, div_b = pb.data.mb;
                na_a = is_unlimited(pa) || pa.data.mb <= 0, na_b = is_unlimited(pb) || pb.data.mb <= 0;
            }
            if (na_a || na_b) return {na_a == na_b ? 0 : (na_a ? 1 : -1), 0};
            if (const int group = compare_currency_groups(pa.price, a.scale, pb.price, b.scale)) return {group, 0};
            return {0, compare_exact({&pa.price, &a.scale, div_a}, {&pb.price, &b.scale, div_b})};
        }
        case CompareColumn::days: return {0, three_way(pa.days, pb.days)};
        case CompareColumn::data: {
            const std::int64_t da = is_unlimited(pa) ? std::numeric_limits<std::int64_t>::max() : pa.data.mb;
            const std::int64_t db = is_unlimited(pb) ? std::numeric_limits<std::int64_t>::max() : pb.data.mb;
            return {0, three_way(da, db)};
        }
        case CompareColumn::speed_after_cap: return {0, three_way(pa.speed_after_cap_kbps, pb.speed_after_cap_kbps)};
        case CompareColumn::refundable: return {0, three_way(a.refundable ? 1 : 0, b.refundable ? 1 : 0)};
        case CompareColumn::networks: {
            if (pa.networks.size() != pb.networks.size())
                return {0, pa.networks.size() < pb.networks.size() ? -1 : 1};
            for (std::size_t i = 0; i < pa.networks.size(); ++i)
                if (const int c = pa.networks[i].compare(pb.networks[i])) return {0, c < 0 ? -1 : 1};
            return {0, 0};
        }
    }
    return {};
}

Problem scope_problem(std::string where, std::string id, std::vector<MessageArg> args = {}) {
    return make_problem(std::move(where), std::move(id), std::move(args));
}

}  // namespace

std::string_view to_string(CompareColumn column) { return kColumnNames[static_cast<std::size_t>(column)]; }

std::optional<CompareColumn> compare_column_from_string(std::string_view name) {
    for (std::size_t i = 0; i < kColumnNames.size(); ++i)
        if (kColumnNames[i] == name) return static_cast<CompareColumn>(i);
    return std::nullopt;
}

Result<std::vector<const Plan*>> plans_for_card(const Catalog& catalog, std::string_view product_id,
                                                std::optional<CardKind> card) {
    std::vector<const Plan*> out;
    if (!product_id.empty()) {
        const Plan* any = nullptr;
        for (const auto& plan : catalog.plans) {
            if (plan.product_id != product_id) continue;
            if (!any) any = &plan;
            if (!card || plan.card == *card) out.push_back(&plan);
        }
        if (!any) return scope_problem("product_id", "compare.unknown_product", {{"product", std::string(product_id)}});
        if (out.empty())
            return scope_problem("card", "compare.wrong_card_kind",
                                 {{"product", std::string(product_id)},
                                  {"card", std::string(to_string(*card))},
                                  {"product_card", std::string(to_string(any->card))}});
        return out;
    }
    if (!card) return scope_problem("card", "compare.no_card");
    for (const auto& plan : catalog.plans)
        if (plan.card == *card) out.push_back(&plan);
    if (out.empty()) return scope_problem("card", "compare.no_plans_for_card", {{"card", std::string(to_string(*card))}});
    return out;
}

bool passes_filter(const Plan& plan, const CompareFilter& filter) {
    if (filter.refundable_only && plan.refund.policy == RefundPolicy::none) return false;
    if (filter.kind && plan.kind != *filter.kind) return false;
    if (!plan.data.unlimited && plan.data.mb < filter.min_data_mb) return false;
    return true;
}

PriceScale price_scale(std::string_view currency, const ExchangeRates& rates) {
    PriceScale scale;
    scale.exponent = currency_exponent(currency).value_or(2);
    if (!rates.base.empty() && currency == rates.base) return scale;
    const ExchangeRate* rate = rates.base.empty() ? nullptr : rates.find(currency);
    if (!rate || rate->numerator <= 0 || rate->scale < 0 || rate->scale > 12) {
        scale.to_base = false;
        return scale;
    }
    scale.rate_numerator = rate->numerator;
    scale.rate_scale = rate->scale;
    return scale;
}

std::optional<int> compare_money(const Money& a, const Money& b, const ExchangeRates& rates) {
    const PriceScale sa = price_scale(a.currency, rates), sb = price_scale(b.currency, rates);
    if (a.currency != b.currency && (!sa.to_base || !sb.to_base)) return std::nullopt;
    return compare_exact({&a, &sa, 1}, {&b, &sb, 1});
}

void sort_rows(std::span<CompareRow> rows, CompareColumn column, SortDirection direction) {
    const bool descending = direction == SortDirection::descending;
    std::stable_sort(rows.begin(), rows.end(), [column, descending](const CompareRow& a, const CompareRow& b) {
        const ColumnOrder order = compare_column(a, b, column);
        if (order.na != 0) return order.na < 0;
        if (order.value != 0) return descending ? order.value > 0 : order.value < 0;
        return a.plan->id < b.plan->id;
    });
}

ShownAmount shown_in_currency(const Money& amount, const ExchangeRates& rates, std::string_view currency) {
    ShownAmount out{amount, false, nullptr};
    if (currency.empty() || amount.currency == currency || rates.base.empty() || currency == rates.base) return out;
    const ExchangeRate* rate = rates.find(currency);
    if (!rate || amount.currency != rate->from) return out;
    auto converted = convert(amount, *rate);
    if (!converted) return out;
    out.amount = std::move(converted).value();
    out.converted = true;
    out.rate = rate;
    return out;
}

Comparison compare_plan_list(std::span<const Plan* const> plans, const ExchangeRates& rates, std::string_view currency,
                             const CompareFilter& filter, CompareColumn sort_by, SortDirection direction) {
    Comparison out;
    out.rows.reserve(plans.size());
    for (const Plan* plan : plans) {
        if (!plan) continue;
        ++out.plans_in_scope;
        if (!passes_filter(*plan, filter)) continue;
        CompareRow row;
        row.plan = plan;
        row.refundable = plan->refund.policy != RefundPolicy::none;
        row.scale = price_scale(plan->price.currency, rates);
        ShownAmount shown = shown_in_currency(plan->price, rates, currency);
        const ExchangeRate* used = shown.rate;
        row.shown_price = std::move(shown.amount);
        row.converted = shown.converted;
        if (!currency.empty() && plan->price.currency != currency) {
            if (!row.converted) {
                const bool noted = std::any_of(out.notes.begin(), out.notes.end(),
                                               [&](const Problem& p) { return p.arg("from") == plan->price.currency; });
                if (!noted)
                    out.notes.push_back(make_problem("currency", "compare.no_rate",
                                                     {{"from", plan->price.currency}, {"to", std::string(currency)}},
                                                     Severity::warning));
            }
        }
        if (used && !out.rate) {
            out.rate = *used;
            if (out.rate->as_of.empty()) out.rate->as_of = rates.as_of;
        }
        if (plan->days > 0) row.price_per_day = scaled_price(plan->price, used, 1, plan->days);
        if (!plan->data.unlimited && plan->data.mb > 0)
            row.price_per_gb = scaled_price(plan->price, used, kMbPerGb, plan->data.mb);
        out.rows.push_back(std::move(row));
    }
    sort_rows(out.rows, sort_by, direction);
    return out;
}

Result<Comparison> compare_plans(const Catalog& catalog, const CompareQuery& query) {
    if (!query.currency.empty() && !currency_exponent(query.currency))
        return make_problem("currency", "compare.unknown_currency", {{"currency", query.currency}});
    auto plans = plans_for_card(catalog, query.product_id, query.card);
    if (!plans) return plans.problem();
    return compare_plan_list(plans.value(), catalog.exchange_rates, query.currency, query.filter, query.sort_by,
                             query.direction);
}

}  // namespace tabi
