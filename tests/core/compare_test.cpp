#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/compare.h"
#include "core/money.h"
#include "sample_catalog.h"

using namespace tabi;
using test::Ids;
using test::sample;

namespace {


Ids ids(const std::vector<const Plan*>& plans) {
    Ids out;
    for (const Plan* p : plans) out.push_back(p->id);
    return out;
}

Ids ids(const std::vector<CompareRow>& rows) {
    Ids out;
    for (const CompareRow& r : rows) out.push_back(r.plan->id);
    return out;
}

const CompareRow& row_of(const Comparison& c, std::string_view id) {
    for (const CompareRow& r : c.rows)
        if (r.plan->id == id) return r;
    FAIL("no row ", id);
    return c.rows.front();
}

ExchangeRate rate(std::string_view decimal, std::string_view from, std::string_view to) {
    auto r = parse_exchange_rate(decimal, from, to, "2026-11-20");
    REQUIRE(r.ok());
    return r.value();
}

// JPY base with USD 0.00647 and CNY 0.0467, as in the sample catalogue.
ExchangeRates jpy_rates() {
    ExchangeRates rates;
    rates.base = "JPY";
    rates.as_of = "2026-11-20";
    rates.rates.push_back(rate("0.00647", "JPY", "USD"));
    rates.rates.push_back(rate("0.0467", "JPY", "CNY"));
    return rates;
}

Plan make_plan(std::string id, int days, std::int64_t mb, std::int64_t minor, std::string currency = "JPY") {
    Plan p;
    p.id = std::move(id);
    p.name = p.id;
    p.product_id = "test-product";
    p.operator_id = "test-operator";
    p.kind = days == 0 ? PlanKind::data_pack : PlanKind::day_pass;
    p.days = days;
    p.data.mb = mb;
    p.price = Money{minor, std::move(currency)};
    p.networks = {"docomo"};
    return p;
}

Plan unlimited_plan(std::string id, int days, std::int64_t minor) {
    Plan p = make_plan(std::move(id), days, 0, minor);
    p.data.unlimited = true;
    p.data.fair_use_mb_per_day = 2048;
    return p;
}

std::vector<const Plan*> pointers(const std::vector<Plan>& plans) {
    std::vector<const Plan*> out;
    for (const Plan& p : plans) out.push_back(&p);
    return out;
}

Comparison table(const std::vector<Plan>& plans, CompareColumn column, SortDirection direction,
                 const ExchangeRates& rates = jpy_rates(), std::string_view currency = "") {
    const std::vector<const Plan*> list = pointers(plans);
    return compare_plan_list(list, rates, currency, CompareFilter{}, column, direction);
}

// Five plans that give every column ties, "n/a" values and a spread (see the sort test).
std::vector<Plan> sort_fixture() {
    std::vector<Plan> plans;
    Plan a = make_plan("a", 7, 5120, 2000);
    a.speed_after_cap_kbps = 128;
    a.networks = {"docomo"};
    plans.push_back(a);
    Plan b = unlimited_plan("b", 7, 2000);
    b.speed_after_cap_kbps = 1000;
    b.refund = Refund{RefundPolicy::before_activation, 7};
    b.networks = {"au", "docomo"};
    plans.push_back(b);
    Plan c = make_plan("c", 0, 3072, 1200);
    c.speed_after_cap_kbps = 0;
    c.networks = {"softbank"};
    plans.push_back(c);
    Plan d = make_plan("d", 30, 20480, 4980);
    d.kind = PlanKind::monthly;
    d.speed_after_cap_kbps = 128;
    d.refund = Refund{RefundPolicy::unused_days, 10};
    d.networks = {"au", "softbank"};
    plans.push_back(d);
    Plan e = make_plan("e", 1, 1024, 500);
    e.speed_after_cap_kbps = 200;
    e.networks = {"docomo"};
    plans.push_back(e);
    return plans;
}

}  // namespace

TEST_CASE("compare: column names round-trip") {
    for (CompareColumn c : {CompareColumn::price, CompareColumn::days, CompareColumn::data,
                            CompareColumn::price_per_day, CompareColumn::price_per_gb, CompareColumn::speed_after_cap,
                            CompareColumn::refundable, CompareColumn::networks}) {
        const auto back = compare_column_from_string(to_string(c));
        REQUIRE(back.has_value());
        CHECK(*back == c);
    }
    CHECK(to_string(CompareColumn::price_per_gb) == "price_per_gb");
    CHECK_FALSE(compare_column_from_string("Price").has_value());
    CHECK_FALSE(compare_column_from_string("").has_value());
}

TEST_CASE("compare: plans_for_card with the product, in catalogue order") {
    auto all = plans_for_card(sample(), "sakura-visitor-sim", std::nullopt);
    REQUIRE(all.ok());
    CHECK(ids(all.value()) ==
          Ids{"sakura-1d-1gb", "sakura-7d-5gb", "sakura-30d-20gb", "sakura-pack-3gb"});

    auto with_card = plans_for_card(sample(), "sakura-visitor-sim", CardKind::sim);
    REQUIRE(with_card.ok());
    CHECK(ids(with_card.value()) == ids(all.value()));
}

TEST_CASE("compare: plans_for_card without the product: every plan for the card") {
    auto sims = plans_for_card(sample(), "", CardKind::sim);
    REQUIRE(sims.ok());
    CHECK(ids(sims.value()) == Ids{"sakura-1d-1gb", "sakura-7d-5gb", "sakura-30d-20gb", "sakura-pack-3gb",
                                   "hikari-10d-10gb", "hikari-30d-unl", "hikari-pack-1gb"});
    for (const Plan* p : sims.value()) CHECK(p->card == CardKind::sim);

    auto wifi = plans_for_card(sample(), "", CardKind::wifi);
    REQUIRE(wifi.ok());
    CHECK(ids(wifi.value()) == Ids{"tabi-wifi-ext-1d", "tabi-wifi-ext-3d", "tabi-wifi-ext-7d"});
}

TEST_CASE("compare: plans_for_card problems") {
    SUBCASE("unknown product") {
        auto r = plans_for_card(sample(), "no-such-product", CardKind::sim);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "compare.unknown_product");
        CHECK(r.problem().where == "product_id");
        CHECK(r.problem().arg("product") == "no-such-product");
        CHECK(r.problem().is_error());
    }
    SUBCASE("unknown product without a card") {
        auto r = plans_for_card(sample(), "no-such-product", std::nullopt);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "compare.unknown_product");
    }
    SUBCASE("the product is for another kind of card") {
        auto r = plans_for_card(sample(), "kumo-japan-esim", CardKind::sim);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "compare.wrong_card_kind");
        CHECK(r.problem().where == "card");
        CHECK(r.problem().arg("product") == "kumo-japan-esim");
        CHECK(r.problem().arg("card") == "sim");
        CHECK(r.problem().arg("product_card") == "esim");
    }
    SUBCASE("no product and no card") {
        auto r = plans_for_card(sample(), "", std::nullopt);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "compare.no_card");
        CHECK(r.problem().where == "card");
    }
    SUBCASE("no plans for the card") {
        Catalog catalog = sample();
        std::erase_if(catalog.plans, [](const Plan& p) { return p.card == CardKind::wifi; });
        auto r = plans_for_card(catalog, "", CardKind::wifi);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "compare.no_plans_for_card");
        CHECK(r.problem().where == "card");
        CHECK(r.problem().arg("card") == "wifi");
    }
    SUBCASE("compare_plans reports the same problems") {
        CompareQuery q;
        q.product_id = "kumo-japan-esim";
        q.card = CardKind::wifi;
        auto r = compare_plans(sample(), q);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "compare.wrong_card_kind");
        q = CompareQuery{};
        r = compare_plans(sample(), q);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "compare.no_card");
    }
}

TEST_CASE("compare: filters") {
    SUBCASE("passes_filter") {
        Plan capped = make_plan("capped", 7, 5120, 1980);
        Plan unlimited = unlimited_plan("unl", 3, 1650);
        CHECK(passes_filter(capped, {}));
        CHECK_FALSE(passes_filter(capped, CompareFilter{true, 0, std::nullopt}));
        capped.refund = Refund{RefundPolicy::before_activation, 7};
        CHECK(passes_filter(capped, CompareFilter{true, 0, std::nullopt}));
        capped.refund = Refund{RefundPolicy::unused_days, 7};
        CHECK(passes_filter(capped, CompareFilter{true, 0, std::nullopt}));
        CHECK(passes_filter(capped, CompareFilter{false, 5120, std::nullopt}));  // exactly the minimum passes
        CHECK_FALSE(passes_filter(capped, CompareFilter{false, 5121, std::nullopt}));
        CHECK(passes_filter(unlimited, CompareFilter{false, std::numeric_limits<std::int64_t>::max(), std::nullopt}));
        CHECK(passes_filter(capped, CompareFilter{false, 0, PlanKind::day_pass}));
        CHECK_FALSE(passes_filter(capped, CompareFilter{false, 0, PlanKind::monthly}));
    }
    SUBCASE("refundable only") {
        CompareQuery q;
        q.product_id = "sakura-visitor-sim";
        q.filter.refundable_only = true;
        auto r = compare_plans(sample(), q);
        REQUIRE(r.ok());
        CHECK(ids(r->rows) == Ids{"sakura-7d-5gb", "sakura-30d-20gb"});
        CHECK(r->plans_in_scope == 4);
        for (const CompareRow& row : r->rows) CHECK(row.refundable);
    }
    SUBCASE("minimum data: unlimited always passes") {
        CompareQuery q;
        q.product_id = "kumo-japan-esim";
        q.filter.min_data_mb = 10240;
        auto r = compare_plans(sample(), q);
        REQUIRE(r.ok());
        CHECK(ids(r->rows) == Ids{"kumo-3d-unl", "kumo-7d-10gb", "kumo-15d-20gb", "kumo-30d-50gb"});
        CHECK(r->plans_in_scope == 5);
        q.filter.min_data_mb = 20481;
        r = compare_plans(sample(), q);
        REQUIRE(r.ok());
        CHECK(ids(r->rows) == Ids{"kumo-3d-unl", "kumo-30d-50gb"});
    }
    SUBCASE("kind") {
        CompareQuery q;
        q.card = CardKind::sim;
        q.filter.kind = PlanKind::data_pack;
        auto r = compare_plans(sample(), q);
        REQUIRE(r.ok());
        CHECK(ids(r->rows) == Ids{"hikari-pack-1gb", "sakura-pack-3gb"});  // by price
        CHECK(r->plans_in_scope == 7);
        q.filter.kind = PlanKind::rental_extension;
        r = compare_plans(sample(), q);
        REQUIRE(r.ok());
        CHECK(r->rows.empty());
        CHECK(r->plans_in_scope == 7);
    }
    SUBCASE("filters combine") {
        CompareQuery q;
        q.card = CardKind::sim;
        q.filter = CompareFilter{true, 10240, PlanKind::day_pass};
        auto r = compare_plans(sample(), q);
        REQUIRE(r.ok());
        CHECK(ids(r->rows) == Ids{"hikari-10d-10gb"});
    }
}

TEST_CASE("compare: prices in the traveller's currency with the catalogue's exact rate") {
    CompareQuery q;
    q.product_id = "sakura-visitor-sim";
    q.currency = "CNY";
    auto r = compare_plans(sample(), q);
    REQUIRE(r.ok());
    REQUIRE(r->rows.size() == 4);
    // By hand, 1 JPY = 0.0467 CNY, rounded half away from zero to the fen:
    // 500 → 23.35 CNY; 1200 → 56.04; 1980 → 92.466 → 92.47; 4980 → 232.566 → 232.57.
    CHECK(row_of(*r, "sakura-1d-1gb").shown_price == Money{2335, "CNY"});
    CHECK(row_of(*r, "sakura-pack-3gb").shown_price == Money{5604, "CNY"});
    CHECK(row_of(*r, "sakura-7d-5gb").shown_price == Money{9247, "CNY"});
    CHECK(row_of(*r, "sakura-30d-20gb").shown_price == Money{23257, "CNY"});
    for (const CompareRow& row : r->rows) {
        CHECK(row.converted);
        CHECK(row.plan->price.currency == "JPY");  // the charge stays in the plan's own currency
    }
    CHECK(row_of(*r, "sakura-7d-5gb").plan->price == Money{1980, "JPY"});
    REQUIRE(r->rate.has_value());
    CHECK(r->rate->from == "JPY");
    CHECK(r->rate->to == "CNY");
    CHECK(rate_to_string(*r->rate) == "0.0467");
    CHECK(r->rate->as_of == "2026-11-20");
    CHECK(r->notes.empty());
    // Price per day and per GB from the exact value: 92.466 / 7 = 13.2094... → 13.21; per GB 92.466 / 5 → 18.49.
    CHECK(row_of(*r, "sakura-7d-5gb").price_per_day == Money{1321, "CNY"});
    CHECK(row_of(*r, "sakura-7d-5gb").price_per_gb == Money{1849, "CNY"});
    CHECK_FALSE(row_of(*r, "sakura-pack-3gb").price_per_day.has_value());

    SUBCASE("a currency without minor units") {
        q.currency = "KRW";
        auto k = compare_plans(sample(), q);
        REQUIRE(k.ok());
        // 1980 × 9.12 = 18,057.6 → ₩18,058.
        CHECK(row_of(*k, "sakura-7d-5gb").shown_price == Money{18058, "KRW"});
        CHECK(row_of(*k, "sakura-1d-1gb").shown_price == Money{4560, "KRW"});
    }
    SUBCASE("USD") {
        q.currency = "USD";
        auto u = compare_plans(sample(), q);
        REQUIRE(u.ok());
        // 1980 × 0.00647 = 12.8106 → $12.81; 500 × 0.00647 = 3.235 → $3.24 (half away from zero).
        CHECK(row_of(*u, "sakura-7d-5gb").shown_price == Money{1281, "USD"});
        CHECK(row_of(*u, "sakura-1d-1gb").shown_price == Money{324, "USD"});
        REQUIRE(u->rate.has_value());
        CHECK(rate_to_string(*u->rate) == "0.00647");
    }
    SUBCASE("the base currency or none: the plans' own prices") {
        for (std::string currency : {"JPY", ""}) {
            q.currency = currency;
            auto j = compare_plans(sample(), q);
            REQUIRE(j.ok());
            for (const CompareRow& row : j->rows) {
                CHECK_FALSE(row.converted);
                CHECK(row.shown_price == row.plan->price);
            }
            CHECK_FALSE(j->rate.has_value());
            CHECK(j->notes.empty());
        }
    }
}

TEST_CASE("compare: a currency the catalogue has no rate for") {
    CompareQuery q;
    q.card = CardKind::sim;
    q.currency = "GBP";
    auto r = compare_plans(sample(), q);
    REQUIRE(r.ok());
    REQUIRE(r->rows.size() == 7);
    for (const CompareRow& row : r->rows) {
        CHECK_FALSE(row.converted);
        CHECK(row.shown_price == row.plan->price);
    }
    CHECK_FALSE(r->rate.has_value());
    REQUIRE(r->notes.size() == 1);  // once per plan currency
    CHECK(r->notes[0].message_id == "compare.no_rate");
    CHECK(r->notes[0].severity == Severity::warning);
    CHECK(r->notes[0].arg("from") == "JPY");
    CHECK(r->notes[0].arg("to") == "GBP");
}

TEST_CASE("compare: unknown currency problem") {
    CompareQuery q;
    q.product_id = "sakura-visitor-sim";
    for (std::string currency : {"XYZ", "cny", "YENS"}) {
        q.currency = currency;
        auto r = compare_plans(sample(), q);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "compare.unknown_currency");
        CHECK(r.problem().where == "currency");
        CHECK(r.problem().arg("currency") == currency);
    }
}

TEST_CASE("compare: price per day and per GB rounding") {
    SUBCASE("in the plan's own currency") {
        std::vector<Plan> plans = {make_plan("p7", 7, 5120, 1980), make_plan("half", 2, 3072, 1001),
                                   make_plan("pack", 0, 3072, 1200), unlimited_plan("unl", 3, 1650)};
        const Comparison c = table(plans, CompareColumn::price, SortDirection::ascending);
        CHECK(row_of(c, "p7").price_per_day == Money{283, "JPY"});   // 282.857...
        CHECK(row_of(c, "p7").price_per_gb == Money{396, "JPY"});    // 1980 / 5 exactly
        CHECK(row_of(c, "half").price_per_day == Money{501, "JPY"});  // 500.5: half away from zero
        CHECK(row_of(c, "half").price_per_gb == Money{334, "JPY"});   // 333.67
        CHECK_FALSE(row_of(c, "pack").price_per_day.has_value());     // n/a: 0 days
        CHECK(row_of(c, "pack").price_per_gb == Money{400, "JPY"});
        CHECK(row_of(c, "unl").price_per_day == Money{550, "JPY"});
        CHECK_FALSE(row_of(c, "unl").price_per_gb.has_value());       // n/a: unlimited
    }
    SUBCASE("converted: one rounding from the exact value, not the rounded price divided again") {
        // ¥100 = $0.647 → shown $0.65. Per day over 2 days: exact 32.35 ¢ → 32 ¢ (65 / 2 = 32.5 would give 33).
        // Per GB for 2 GB: the same 32 ¢.
        std::vector<Plan> plans = {make_plan("x", 2, 2048, 100)};
        const Comparison c = table(plans, CompareColumn::price, SortDirection::ascending, jpy_rates(), "USD");
        const CompareRow& row = row_of(c, "x");
        CHECK(row.converted);
        CHECK(row.shown_price == Money{65, "USD"});
        CHECK(row.price_per_day == Money{32, "USD"});
        CHECK(row.price_per_gb == Money{32, "USD"});
        // ¥150 = 7.005 CNY → 7.01 (half away); per day over 2 days 3.5025 → 3.50.
        std::vector<Plan> cny = {make_plan("y", 2, 1024, 150)};
        const Comparison d = table(cny, CompareColumn::price, SortDirection::ascending, jpy_rates(), "CNY");
        CHECK(row_of(d, "y").shown_price == Money{701, "CNY"});
        CHECK(row_of(d, "y").price_per_day == Money{350, "CNY"});
        CHECK(row_of(d, "y").price_per_gb == Money{701, "CNY"});
    }
}

TEST_CASE("compare: sort by every column, both directions, n/a last, ties by id") {
    const std::vector<Plan> plans = sort_fixture();
    struct Expect {
        CompareColumn column;
        Ids ascending, descending;
    };
    // By hand: price a 2000, b 2000, c 1200, d 4980, e 500; days a 7, b 7, c 0, d 30, e 1;
    // data a 5 GB, b unlimited (most), c 3 GB, d 20 GB, e 1 GB; per day a = b = 285.71, c n/a, d 166, e 500;
    // per GB a 400, b n/a, c 400, d 249, e 500; speed a 128, b 1000, c 0, d 128, e 200; refundable b and d;
    // networks a {docomo}, b {au, docomo}, c {softbank}, d {au, softbank}, e {docomo}.
    const std::vector<Expect> expected = {
        {CompareColumn::price, {"e", "c", "a", "b", "d"}, {"d", "a", "b", "c", "e"}},
        {CompareColumn::days, {"c", "e", "a", "b", "d"}, {"d", "a", "b", "e", "c"}},
        {CompareColumn::data, {"e", "c", "a", "d", "b"}, {"b", "d", "a", "c", "e"}},
        {CompareColumn::price_per_day, {"d", "a", "b", "e", "c"}, {"e", "a", "b", "d", "c"}},
        {CompareColumn::price_per_gb, {"d", "a", "c", "e", "b"}, {"e", "a", "c", "d", "b"}},
        {CompareColumn::speed_after_cap, {"c", "a", "d", "e", "b"}, {"b", "e", "a", "d", "c"}},
        {CompareColumn::refundable, {"a", "c", "e", "b", "d"}, {"b", "d", "a", "c", "e"}},
        {CompareColumn::networks, {"a", "e", "c", "b", "d"}, {"d", "b", "c", "a", "e"}},
    };
    for (const Expect& e : expected) {
        INFO("column ", to_string(e.column));
        CHECK(ids(table(plans, e.column, SortDirection::ascending).rows) == e.ascending);
        CHECK(ids(table(plans, e.column, SortDirection::descending).rows) == e.descending);
        // sort_rows re-sorts any order into the same one.
        for (SortDirection dir : {SortDirection::ascending, SortDirection::descending}) {
            Comparison c = table(plans, CompareColumn::networks, SortDirection::descending);
            std::reverse(c.rows.begin(), c.rows.end());
            sort_rows(c.rows, e.column, dir);
            CHECK(ids(c.rows) == (dir == SortDirection::ascending ? e.ascending : e.descending));
        }
    }
}

TEST_CASE("compare: sorting uses exact values, not rounded ones") {
    // Per GB: "p1" ¥1004 / 10 GB = 100.4 and "p2" ¥999 / 10 GB = 99.9 both show ¥100; p2 is cheaper.
    std::vector<Plan> plans = {make_plan("p1", 10, 10240, 1004), make_plan("p2", 10, 10240, 999)};
    Comparison c = table(plans, CompareColumn::price_per_gb, SortDirection::ascending);
    CHECK(row_of(c, "p1").price_per_gb == Money{100, "JPY"});
    CHECK(row_of(c, "p2").price_per_gb == Money{100, "JPY"});
    CHECK(ids(c.rows) == Ids{"p2", "p1"});
    // Per day: ¥1004 / 10 = 100.4 and ¥999 / 10 = 99.9; the same.
    c = table(plans, CompareColumn::price_per_day, SortDirection::ascending);
    CHECK(ids(c.rows) == Ids{"p2", "p1"});
    c = table(plans, CompareColumn::price_per_day, SortDirection::descending);
    CHECK(ids(c.rows) == Ids{"p1", "p2"});
    // Converted to USD both per-day prices round to 65 ¢; still in true order.
    c = table(plans, CompareColumn::price_per_day, SortDirection::ascending, jpy_rates(), "USD");
    CHECK(row_of(c, "p1").price_per_day == row_of(c, "p2").price_per_day);
    CHECK(ids(c.rows) == Ids{"p2", "p1"});
    // Per day vs per GB of different sizes: ¥2999 / 3 days (999.67) vs ¥1000 / 1 day.
    std::vector<Plan> days = {make_plan("one", 1, 1024, 1000), make_plan("three", 3, 1024, 2999)};
    c = table(days, CompareColumn::price_per_day, SortDirection::ascending);
    CHECK(ids(c.rows) == Ids{"three", "one"});
}

TEST_CASE("compare: sorting across currencies through the base, unrated currencies last by code") {
    // $6.47 = ¥1000 exactly (0.00647); CNY 46.69 = ¥999.79 (0.0467); GBP and AUD have no rate.
    std::vector<Plan> plans = {make_plan("u", 7, 1024, 647, "USD"),  make_plan("j", 7, 1024, 1000, "JPY"),
                               make_plan("c", 7, 1024, 4669, "CNY"), make_plan("g", 7, 1024, 500, "GBP"),
                               make_plan("h", 7, 1024, 100, "AUD"),  make_plan("g2", 7, 1024, 400, "GBP")};
    Comparison c = table(plans, CompareColumn::price, SortDirection::ascending);
    CHECK(ids(c.rows) == Ids{"c", "j", "u", "h", "g2", "g"});
    c = table(plans, CompareColumn::price, SortDirection::descending);
    CHECK(ids(c.rows) == Ids{"j", "u", "c", "h", "g", "g2"});
    // Per day divides every price by 7: the same order.
    c = table(plans, CompareColumn::price_per_day, SortDirection::ascending);
    CHECK(ids(c.rows) == Ids{"c", "j", "u", "h", "g2", "g"});
    // Shown in CNY: only the JPY plan converts (the rate is from the base); the others keep their price, noted
    // once per currency.
    c = table(plans, CompareColumn::price, SortDirection::ascending, jpy_rates(), "CNY");
    CHECK(row_of(c, "j").converted);
    CHECK(row_of(c, "j").shown_price == Money{4670, "CNY"});
    CHECK_FALSE(row_of(c, "c").converted);
    CHECK_FALSE(row_of(c, "u").converted);
    CHECK(c.notes.size() == 3);  // USD, GBP, AUD
    for (const Problem& p : c.notes) {
        CHECK(p.message_id == "compare.no_rate");
        CHECK(p.arg("to") == "CNY");
    }
}

TEST_CASE("compare: sorting stays exact at the extremes of the inputs") {
    // Rates of 18 digits and plans of 2^62 MB (far beyond a catalogue, possible through compare_plan_list): the
    // cross products need 256 bits. 0.999… KWD per GB at 999999999999999999 KWD per JPY and 0.999…8 BHD at
    // 999999999999999998 BHD per JPY are both exactly 1 / (1000 × 2^62) JPY per MB: a tie, ordered by id.
    ExchangeRates rates;
    rates.base = "JPY";
    rates.rates.push_back(rate("999999999999999999", "JPY", "KWD"));
    rates.rates.push_back(rate("999999999999999998", "JPY", "BHD"));
    constexpr std::int64_t kHuge = std::int64_t{1} << 62;
    std::vector<Plan> plans = {make_plan("z-kwd", 1, kHuge, 999999999999999999, "KWD"),
                               make_plan("a-bhd", 1, kHuge, 999999999999999998, "BHD")};
    for (CompareColumn column : {CompareColumn::price, CompareColumn::price_per_day, CompareColumn::price_per_gb}) {
        INFO(to_string(column));
        CHECK(ids(table(plans, column, SortDirection::ascending, rates).rows) == Ids{"a-bhd", "z-kwd"});
        CHECK(ids(table(plans, column, SortDirection::descending, rates).rows) == Ids{"a-bhd", "z-kwd"});
    }
    CHECK(compare_money(plans[0].price, plans[1].price, rates) == 0);
    // One fil more on the BHD plan makes it dearer by 1 / (1000 × 999999999999999998) JPY.
    plans[1].price.minor += 1;
    CHECK(compare_money(plans[0].price, plans[1].price, rates) == -1);
    for (CompareColumn column : {CompareColumn::price, CompareColumn::price_per_day, CompareColumn::price_per_gb}) {
        INFO(to_string(column));
        CHECK(ids(table(plans, column, SortDirection::ascending, rates).rows) == Ids{"z-kwd", "a-bhd"});
        CHECK(ids(table(plans, column, SortDirection::descending, rates).rows) == Ids{"a-bhd", "z-kwd"});
    }
    // The largest amounts against a tiny rate, per GB of 2^63 − 1 MB.
    ExchangeRates tiny;
    tiny.base = "JPY";
    tiny.rates.push_back(rate("0.000000000001", "JPY", "USD"));
    tiny.rates.push_back(rate("999999999999999999", "JPY", "KWD"));
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    std::vector<Plan> far = {make_plan("usd", 1, kMax - 1, kMax, "USD"), make_plan("kwd", 1, kMax, 1000, "KWD"),
                             make_plan("kwd-max", std::numeric_limits<int>::max(), 5, kMax, "KWD")};
    for (CompareColumn column : {CompareColumn::price, CompareColumn::price_per_day, CompareColumn::price_per_gb})
        CHECK(ids(table(far, column, SortDirection::ascending, tiny).rows) == Ids{"kwd", "kwd-max", "usd"});
}

TEST_CASE("compare: compare_money across currencies") {
    const ExchangeRates rates = jpy_rates();
    auto cmp = [&](Money a, Money b) { return compare_money(a, b, rates); };
    CHECK(cmp({1000, "JPY"}, {1001, "JPY"}) == -1);
    CHECK(cmp({1000, "JPY"}, {1000, "JPY"}) == 0);
    CHECK(cmp({647, "USD"}, {1000, "JPY"}) == 0);   // $6.47 = ¥1000 exactly
    CHECK(cmp({648, "USD"}, {1000, "JPY"}) == 1);
    CHECK(cmp({1000, "JPY"}, {648, "USD"}) == -1);
    CHECK(cmp({4670, "CNY"}, {647, "USD"}) == 0);   // both ¥1000
    CHECK(cmp({4669, "CNY"}, {647, "USD"}) == -1);
    CHECK(cmp({-647, "USD"}, {-1000, "JPY"}) == 0);
    CHECK(cmp({-648, "USD"}, {-1000, "JPY"}) == -1);
    CHECK(cmp({0, "USD"}, {0, "JPY"}) == 0);
    // A difference of one yen in ¥10^15, far below double precision.
    CHECK(cmp({647'000'000'000'000, "USD"}, {1'000'000'000'000'000, "JPY"}) == 0);
    CHECK(cmp({647'000'000'000'000, "USD"}, {1'000'000'000'000'001, "JPY"}) == -1);
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    CHECK(cmp({kMax, "USD"}, {kMax, "JPY"}) == 1);
    // No rate from the base: only the same currency compares.
    CHECK_FALSE(cmp({500, "GBP"}, {1000, "JPY"}).has_value());
    CHECK_FALSE(cmp({1000, "JPY"}, {500, "GBP"}).has_value());
    CHECK_FALSE(cmp({500, "GBP"}, {500, "AUD"}).has_value());
    CHECK(cmp({500, "GBP"}, {400, "GBP"}) == 1);
    // No base at all.
    CHECK_FALSE(compare_money({647, "USD"}, {1000, "JPY"}, ExchangeRates{}).has_value());
    CHECK(compare_money({647, "USD"}, {648, "USD"}, ExchangeRates{}) == -1);
    // The sample catalogue's rates.
    const ExchangeRates& sample_rates = sample().exchange_rates;
    CHECK(compare_money({611, "EUR"}, {1000, "JPY"}, sample_rates) == 0);    // €6.11 at 0.00611
    CHECK(compare_money({91200, "KRW"}, {10000, "JPY"}, sample_rates) == 0);  // 9.12, KRW has no minor unit
    CHECK(compare_money({9119, "KRW"}, {611, "EUR"}, sample_rates) == -1);    // ¥999.89 against ¥1000
}

TEST_CASE("compare: price_scale") {
    const ExchangeRates rates = jpy_rates();
    const PriceScale base = price_scale("JPY", rates);
    CHECK(base.to_base);
    CHECK(base.rate_numerator == 1);
    CHECK(base.exponent == 0);
    const PriceScale usd = price_scale("USD", rates);
    CHECK(usd.to_base);
    CHECK(usd.rate_numerator == 647);
    CHECK(usd.rate_scale == 5);
    CHECK(usd.exponent == 2);
    CHECK_FALSE(price_scale("GBP", rates).to_base);
}
