// The comparison table of the "choose a plan" step: the plans a card can buy, with price, days, data, price per
// day and per GB, speed after the cap, refund policy and networks, shown in the traveller's currency.
//
// Money rules (see money.h): the charge is always the plan's own price in its own currency; the shown price is
// convert()ed with the catalogue's exact decimal rate (base currency -> traveller's currency) and the rate with its
// as-of date is part of the result. Price per day and per GB are Money rounded half away from zero, like every
// amount in money.h, from the exact value (one rounding, not a rounded price divided again). SORTING never uses
// rounded values: it compares the exact fractions by cross-multiplication (128-bit, or 256-bit when two
// currencies meet), so two plans whose per-GB prices both round to ¥100 still sort in their true order.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/money.h"
#include "core/problem.h"

namespace tabi {

// A GB is 1024 MB, as the catalogues write plan sizes ("5 GB" = 5120 MB).
inline constexpr std::int64_t kMbPerGb = 1024;

enum class CompareColumn { price, days, data, price_per_day, price_per_gb, speed_after_cap, refundable, networks };
enum class SortDirection { ascending, descending };

std::string_view to_string(CompareColumn column);  // "price", "days", "data", "price_per_day", ...
std::optional<CompareColumn> compare_column_from_string(std::string_view name);

// The plans a card can buy. A traveller renews their own card: with its product id, that product's plans (and,
// when `card` is given too, only if the product is for that kind of card); with an empty product id (the
// product is unknown), every plan for `card`. In catalogue order. Problems, all with where "product_id" or
// "card": compare.unknown_product {product}, compare.wrong_card_kind {product, card, product_card},
// compare.no_plans_for_card {card}, compare.no_card.
Result<std::vector<const Plan*>> plans_for_card(const Catalog& catalog, std::string_view product_id,
                                                std::optional<CardKind> card);

struct CompareFilter {
    bool refundable_only = false;       // refund policy other than "none"
    std::int64_t min_data_mb = 0;       // capped plans with less data are left out; unlimited always passes
    std::optional<PlanKind> kind;       // only this kind of plan
};
bool passes_filter(const Plan& plan, const CompareFilter& filter);

// How a price converts to the catalogue's base currency, for exact sorting across currencies:
// value in base units = minor × 10^rate_scale / (10^exponent × rate_numerator).
struct PriceScale {
    std::int64_t rate_numerator = 1;  // the base -> plan currency rate, numerator / 10^rate_scale (1 for the base)
    int rate_scale = 0;
    int exponent = 0;                 // the plan currency's minor-unit exponent
    bool to_base = true;              // false: no rate from the base, only comparable with the same currency
};

struct CompareRow {
    const Plan* plan = nullptr;          // points into the catalogue (or the plans given): keep them alive
    Money shown_price;                   // in the traveller's currency when converted, else the plan's own price
    bool converted = false;              // shown_price is a conversion of plan->price (the charge)
    std::optional<Money> price_per_day;  // in shown_price's currency; nullopt ("n/a") for a plan of 0 days
    std::optional<Money> price_per_gb;   // in shown_price's currency; nullopt ("n/a") for unlimited data
    bool refundable = false;             // refund policy other than "none"
    PriceScale scale;                    // exact sort key of the price
};

struct CompareQuery {
    std::string product_id;            // the card's product; empty when unknown
    std::optional<CardKind> card;      // the card's kind (required when the product is unknown)
    std::string currency;              // the traveller's currency (ISO 4217); empty shows the plans' own
    CompareFilter filter;
    CompareColumn sort_by = CompareColumn::price;
    SortDirection direction = SortDirection::ascending;
};

struct Comparison {
    std::vector<CompareRow> rows;      // filtered and sorted
    std::size_t plans_in_scope = 0;    // plans the card can buy, before the filters
    // The rate used for the shown prices (base -> traveller's currency, with its as-of date) when any row was
    // converted: the UI shows "1 JPY = 0.0467 CNY, 20 Nov 2026" from it (rate_to_string, as_of).
    std::optional<ExchangeRate> rate;
    // Warnings: compare.no_rate {from, to} once per plan currency that cannot be shown in the traveller's.
    std::vector<Problem> notes;
};

// An amount as the traveller's currency shows it: converted with the catalogue's rate from its base (the only
// conversion money.h does exactly) when the amount is in the base and the rate is quoted; else the amount as it
// is, not converted. The comparison's prices and the headless recommend()'s totals both come from here.
struct ShownAmount {
    Money amount;
    bool converted = false;
    const ExchangeRate* rate = nullptr;  // the rate used, into `rates`, when converted
};
ShownAmount shown_in_currency(const Money& amount, const ExchangeRates& rates, std::string_view currency);

// The whole table for a query. Problems: those of plans_for_card, and compare.unknown_currency {currency}.
Result<Comparison> compare_plans(const Catalog& catalog, const CompareQuery& query);

// The same from plans already chosen (the catalogue's exchange rates still convert them).
Comparison compare_plan_list(std::span<const Plan* const> plans, const ExchangeRates& rates, std::string_view currency,
                             const CompareFilter& filter, CompareColumn sort_by, SortDirection direction);

// Re-sorts rows (e.g. when the traveller taps a column header). The direction applies to the column only:
// "n/a" values (price per day of a data pack, price per GB of unlimited data) come last either way, and equal
// values are ordered by plan id ascending either way, so the order is stable and deterministic.
// Unlimited data sorts as the most data. Refundable sorts non-refundable first when ascending.
// Networks sort by how many, then by name. Prices in a currency with no rate from the base sort after all
// others, grouped by currency code.
void sort_rows(std::span<CompareRow> rows, CompareColumn column, SortDirection direction);

// The exact scale of a price currency against the catalogue's base.
PriceScale price_scale(std::string_view currency, const ExchangeRates& rates);

// Exact comparison of two amounts, across currencies through the catalogue's base currency: -1, 0 or 1, or
// nullopt when the currencies differ and one has no rate from the base.
std::optional<int> compare_money(const Money& a, const Money& b, const ExchangeRates& rates);

// Exact products for comparisons that do not fit in 128 bits (shared with recommend.cpp).
namespace exact {
__extension__ typedef unsigned __int128 u128;  // i128 is money.h's
// The sign of a·b − c·d, computed with 256-bit intermediates.
int compare_products(u128 a, u128 b, u128 c, u128 d);
int compare_products_signed(i128 a, i128 b, i128 c, i128 d);
}  // namespace exact

}  // namespace tabi
