#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <functional>
#include <limits>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/catalog.h"
#include "core/civil_time.h"
#include "core/compare.h"
#include "core/money.h"
#include "core/recommend.h"
#include "sample_catalog.h"
#include "splitmix64.h"

using namespace tabi;
using test::Ids;
using test::sample;

namespace {


Plan make_plan(std::string id, int days, std::int64_t mb, std::int64_t price, std::string product = "p") {
    Plan p;
    p.id = std::move(id);
    p.name = p.id;
    p.product_id = std::move(product);
    p.operator_id = "op";
    p.kind = days == 0 ? PlanKind::data_pack : PlanKind::day_pass;
    p.days = days;
    p.data.mb = mb;
    p.price = Money{price, "JPY"};
    p.networks = {"docomo"};
    p.starts = days == 0 ? StartRule::now : StartRule::after_current;
    return p;
}

Plan unlimited_plan(std::string id, int days, std::int64_t fair_use_mb_per_day, std::int64_t price) {
    Plan p = make_plan(std::move(id), days, 0, price);
    p.data.unlimited = true;
    p.data.fair_use_mb_per_day = fair_use_mb_per_day;
    return p;
}

Plan replace_plan(std::string id, int days, std::int64_t mb, std::int64_t price) {
    Plan p = make_plan(std::move(id), days, mb, price);
    p.stacking = Stacking::replace;
    p.starts = StartRule::now;
    return p;
}

Plan refundable(Plan p) {
    p.refund = Refund{RefundPolicy::before_activation, 7};
    return p;
}

std::vector<const Plan*> pointers(const std::vector<Plan>& plans) {
    std::vector<const Plan*> out;
    for (const Plan& p : plans) out.push_back(&p);
    return out;
}

// The picks point into the plans: run() keeps a copy of every list it is given alive until the end of the tests,
// so a test may pass a temporary list.
Result<RecommendResult> run(const std::vector<Plan>& given, int trip_days, std::int64_t mb_per_day, int card_days,
                            std::int64_t card_mb, const ExchangeRates* rates = nullptr) {
    static std::deque<std::vector<Plan>> kept;
    kept.push_back(given);
    const std::vector<Plan>& plans = kept.back();
    const std::vector<const Plan*> list = pointers(plans);
    RecommendRequest request;
    request.plans = list;
    request.trip = TripNeed{trip_days, mb_per_day};
    request.card = CardNow{card_days, card_mb};
    request.rates = rates;
    return recommend(request);
}

// One id per purchase, sorted.
Ids purchases(const Pick& pick) {
    Ids out;
    for (const PlanQuantity& q : pick.items)
        for (int i = 0; i < q.quantity; ++i) out.push_back(q.plan->id);
    return out;
}

const std::string& arg(const Message& m, std::string_view name) {
    static const std::string empty;
    for (const MessageArg& a : m.args)
        if (a.name == name) return a.value;
    return empty;
}

bool same_items(const Pick& a, const Pick& b) { return purchases(a) == purchases(b); }

const std::set<std::string>& alternative_reasons() {
    static const std::set<std::string> ids = {"recommend.reason.fewest_purchases", "recommend.reason.refundable",
                                              "recommend.reason.covers_with_margin", "recommend.reason.next_cheapest"};
    return ids;
}

// What every result must satisfy: at most three alternatives, distinct from the best and from each other, each
// with a reason id, cheapest first, each a real combination of the plans.
void check_alternatives(const RecommendResult& r) {
    CHECK(r.alternatives.size() <= static_cast<std::size_t>(kMaxAlternatives));
    if (!r.best) {
        CHECK(r.alternatives.empty());
        return;
    }
    for (std::size_t i = 0; i < r.alternatives.size(); ++i) {
        const Pick& a = r.alternatives[i];
        INFO("alternative ", i, " ", a.reason.message_id);
        CHECK(alternative_reasons().count(a.reason.message_id) == 1);
        CHECK_FALSE(a.items.empty());
        CHECK_FALSE(same_items(a, *r.best));
        for (std::size_t j = 0; j < i; ++j) CHECK_FALSE(same_items(a, r.alternatives[j]));
        if (i > 0) CHECK(r.alternatives[i - 1].total.minor <= a.total.minor);
        CHECK(a.total.minor >= r.best->total.minor);
        CHECK(a.covered_days >= r.trip_days);
        CHECK(a.trip_data_mb >= r.trip_mb);
        CHECK(a.total.currency == r.best->total.currency);
        std::int64_t total = 0;
        int count = 0;
        for (const PlanQuantity& q : a.items) {
            total += q.plan->price.minor * q.quantity;
            count += q.quantity;
        }
        CHECK(a.total.minor == total);
        CHECK(a.purchases == count);
        CHECK_FALSE(arg(a.reason, "total").empty());
    }
}

UnixSeconds jst(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
    return from_civil(CivilDateTime{CivilDate{year, month, day}, hour, minute, second}, kJstOffsetMinutes);
}

TripDays days_of(const TripDates& d) {
    auto r = count_trip_days(d);
    REQUIRE_MESSAGE(r.ok(), r.problem().message_id);
    return r.value();
}

}  // namespace

TEST_CASE("recommend: days only") {
    // 10 days, no data: 7 + 3 days = ¥2,600; 7 + 3 × 1 = ¥2,700; 4 × 3 = ¥3,200; 2 × 7 = ¥3,600.
    const std::vector<Plan> plans = {make_plan("a-1d", 1, 0, 300), make_plan("b-3d", 3, 0, 800),
                                     make_plan("c-7d", 7, 0, 1800)};
    auto r = run(plans, 10, 0, 0, 0);
    REQUIRE(r.ok());
    CHECK(r->status == RecommendStatus::recommended);
    CHECK(r->trip_days == 10);
    CHECK(r->trip_mb == 0);
    CHECK(r->days_needed == 10);
    CHECK(r->mb_needed == 0);
    REQUIRE(r->best.has_value());
    const Pick& best = *r->best;
    CHECK(purchases(best) == Ids{"b-3d", "c-7d"});
    CHECK(best.total == Money{2600, "JPY"});
    CHECK(best.purchases == 2);
    CHECK(best.days_added == 10);
    CHECK(best.covered_days == 10);
    CHECK(best.surplus_days == 0);
    CHECK(best.surplus_mb == 0);
    CHECK_FALSE(best.includes_unlimited);
    CHECK_FALSE(best.replaces_current);
    CHECK_FALSE(best.all_refundable);
    CHECK(best.notes.empty());
    CHECK(best.reason.message_id == "recommend.reason.cheapest");
    CHECK(arg(best.reason, "total") == format_money(Money{2600, "JPY"}, "en"));
    CHECK(arg(best.reason, "days") == "10");
    CHECK(arg(best.reason, "data") == "0 MB");
    CHECK(r->message.message_id == best.reason.message_id);
    check_alternatives(*r);

    SUBCASE("the card's days count") {
        auto c = run(plans, 10, 0, 4, 0);
        REQUIRE(c.ok());
        REQUIRE(c->best.has_value());
        CHECK(c->days_needed == 6);
        CHECK(purchases(*c->best) == Ids{"b-3d", "b-3d"});  // ¥1,600 for 6 days
        CHECK(c->best->covered_days == 10);
        CHECK(c->best->days_added == 6);
    }
}

TEST_CASE("recommend: data only, a plan bought twice") {
    // The card is valid for the whole trip but has no data left: 10 × 500 MB = 5,000 MB.
    // 3 GB + 2 × 1 GB = 5,120 MB for ¥2,200; 2 × 3 GB ¥2,400; 5 × 1 GB ¥2,500; the 7-day plan ¥3,000.
    const std::vector<Plan> plans = {make_plan("pack-1g", 0, 1024, 500), make_plan("pack-3g", 0, 3072, 1200),
                                     make_plan("d7", 7, 5120, 3000)};
    auto r = run(plans, 10, 500, 10, 0);
    REQUIRE(r.ok());
    REQUIRE(r->status == RecommendStatus::recommended);
    CHECK(r->trip_mb == 5000);
    CHECK(r->days_needed == 0);
    CHECK(r->mb_needed == 5000);
    const Pick& best = *r->best;
    CHECK(purchases(best) == Ids{"pack-1g", "pack-1g", "pack-3g"});
    REQUIRE(best.items.size() == 2);
    CHECK(best.items[0].plan->id == "pack-1g");
    CHECK(best.items[0].quantity == 2);
    CHECK(best.items[1].quantity == 1);
    CHECK(best.total == Money{2200, "JPY"});
    CHECK(best.purchases == 3);
    CHECK(best.days_added == 0);
    CHECK(best.data_added_mb == 5120);
    CHECK(best.trip_data_mb == 5120);
    CHECK(best.surplus_mb == 120);
    CHECK(best.reason.message_id == "recommend.reason.cheapest_data_only");
    CHECK(arg(best.reason, "data") == "5 GB");
    check_alternatives(*r);

    SUBCASE("the card's remaining data counts") {
        auto c = run(plans, 10, 500, 10, 2000);  // 3,000 MB to buy: 3 GB alone
        REQUIRE(c.ok());
        REQUIRE(c->best.has_value());
        CHECK(c->mb_needed == 3000);
        CHECK(purchases(*c->best) == Ids{"pack-3g"});
        CHECK(c->best->trip_data_mb == 5072);
    }
    SUBCASE("an expired card brings no data") {
        auto c = run(plans, 3, 100, 0, 50'000);
        REQUIRE(c.ok());
        CHECK(c->days_needed == 3);
        CHECK(c->mb_needed == 300);
        REQUIRE(c->best.has_value());
        CHECK(purchases(*c->best) == Ids{"d7"});
    }
}

TEST_CASE("recommend: days and data") {
    // 10 days at 1,000 MB a day, card expired. 2 × 7 days (14 days, 10,240 MB) for ¥3,960 beats the 30-day plan
    // (¥4,980) and 7 + 3 × 1 day + 3 GB (¥4,680).
    const std::vector<Plan> plans = {make_plan("d7", 7, 5120, 1980), make_plan("d1", 1, 1024, 500),
                                     make_plan("d30", 30, 20480, 4980), make_plan("pack3", 0, 3072, 1200)};
    auto r = run(plans, 10, 1000, 0, 0);
    REQUIRE(r.ok());
    REQUIRE(r->status == RecommendStatus::recommended);
    const Pick& best = *r->best;
    CHECK(purchases(best) == Ids{"d7", "d7"});
    CHECK(best.total == Money{3960, "JPY"});
    CHECK(best.covered_days == 14);
    CHECK(best.trip_data_mb == 10240);
    CHECK(best.surplus_days == 4);
    CHECK(best.surplus_mb == 240);
    CHECK(best.reason.message_id == "recommend.reason.cheapest");
    CHECK(arg(best.reason, "days") == "14");
    CHECK(arg(best.reason, "data") == "10 GB");
    check_alternatives(*r);
}

TEST_CASE("recommend: ties prefer fewer purchases, then fewer surplus days") {
    SUBCASE("fewer purchases") {
        // 6 days: 2 × 3 days = ¥2,000 = 6 days; the id order would favour the 3-day plan.
        auto r = run({make_plan("a-3d", 3, 0, 1000), make_plan("b-6d", 6, 0, 2000)}, 6, 0, 0, 0);
        REQUIRE(r.ok());
        REQUIRE(r->best.has_value());
        CHECK(purchases(*r->best) == Ids{"b-6d"});
        CHECK(r->best->purchases == 1);
    }
    SUBCASE("fewer surplus days") {
        auto r = run({make_plan("a-6d", 6, 0, 1000), make_plan("b-5d", 5, 0, 1000)}, 5, 0, 0, 0);
        REQUIRE(r.ok());
        REQUIRE(r->best.has_value());
        CHECK(purchases(*r->best) == Ids{"b-5d"});
        CHECK(r->best->surplus_days == 0);
    }
    SUBCASE("less surplus data") {
        auto r = run({make_plan("a-big", 5, 9000, 1000), make_plan("b-small", 5, 6000, 1000)}, 5, 1000, 0, 0);
        REQUIRE(r.ok());
        REQUIRE(r->best.has_value());
        CHECK(purchases(*r->best) == Ids{"b-small"});
        CHECK(r->best->surplus_mb == 1000);
    }
    SUBCASE("then the plan ids") {
        auto r = run({make_plan("z", 5, 0, 1000), make_plan("m", 5, 0, 1000)}, 5, 0, 0, 0);
        REQUIRE(r.ok());
        REQUIRE(r->best.has_value());
        CHECK(purchases(*r->best) == Ids{"m"});
    }
}

TEST_CASE("recommend: a replace plan") {
    // The card has 3 days and 2 GB; 20 days at 1,000 MB. The 30-day replace plan (¥6,980) beats 3 × 7 days
    // (¥7,440) and throws away what is left on the card.
    const std::vector<Plan> plans = {replace_plan("r30", 30, 51200, 6980), make_plan("a7", 7, 10240, 2480),
                                     make_plan("pack5", 0, 5120, 1500)};
    auto r = run(plans, 20, 1000, 3, 2048);
    REQUIRE(r.ok());
    REQUIRE(r->best.has_value());
    const Pick& best = *r->best;
    CHECK(purchases(best) == Ids{"r30"});
    CHECK(best.replaces_current);
    CHECK(best.covered_days == 30);     // its own days, not 3 + 30
    CHECK(best.trip_data_mb == 51200);  // its own data, not 2 GB more
    CHECK(best.surplus_days == 10);
    CHECK(best.surplus_mb == 31200);
    REQUIRE(best.notes.size() == 1);
    CHECK(best.notes[0].message_id == "recommend.note.replaces_current");
    CHECK(arg(best.notes[0], "days") == "3");
    CHECK(arg(best.notes[0], "data") == "2 GB");
    check_alternatives(*r);

    SUBCASE("add plans stack on top of it") {
        // 3,000 MB a day: the replace plan and one 7-day plan (37 days, 61,440 MB) for ¥9,460.
        auto c = run(plans, 20, 3000, 3, 2048);
        REQUIRE(c.ok());
        REQUIRE(c->best.has_value());
        CHECK(purchases(*c->best) == Ids{"a7", "r30"});
        CHECK(c->best->total == Money{9460, "JPY"});
        CHECK(c->best->covered_days == 37);
        CHECK(c->best->trip_data_mb == 61440);
    }
    SUBCASE("never two replace plans") {
        const std::vector<Plan> two = {replace_plan("r10", 10, 1024, 1000), replace_plan("r12", 12, 1024, 1100),
                                       make_plan("d1", 1, 0, 400)};
        auto c = run(two, 20, 0, 0, 0);
        REQUIRE(c.ok());
        REQUIRE(c->best.has_value());
        // Two replace plans would not add up: r12 + 8 × d1 (¥4,300) against r10 + 10 × d1 (¥5,000).
        CHECK(purchases(*c->best) == Ids{"d1", "d1", "d1", "d1", "d1", "d1", "d1", "d1", "r12"});
        CHECK(c->best->total == Money{4300, "JPY"});
    }
    SUBCASE("a replace data pack keeps the validity") {
        // 5 days left on the card with 500 MB; 5 days at 1,000 MB. The replace pack (6 GB, ¥1,500) leaves the
        // 5 days; the add pack (4 GB, ¥1,400) reaches only 4,596 MB.
        const std::vector<Plan> packs = {replace_plan("rp", 0, 6144, 1500), make_plan("ap", 0, 4096, 1400)};
        auto c = run(packs, 5, 1000, 5, 500);
        REQUIRE(c.ok());
        REQUIRE(c->best.has_value());
        CHECK(purchases(*c->best) == Ids{"rp"});
        CHECK(c->best->covered_days == 5);
        CHECK(c->best->trip_data_mb == 6144);
        CHECK(c->best->replaces_current);
        REQUIRE(c->best->notes.size() == 1);
        CHECK(arg(c->best->notes[0], "data") == "500 MB");
    }
    SUBCASE("a replace plan that starts after the current one is an add plan") {
        Plan later = replace_plan("r30", 30, 51200, 6980);
        later.starts = StartRule::after_current;
        auto c = run({later}, 20, 1000, 3, 2048);
        REQUIRE(c.ok());
        REQUIRE(c->best.has_value());
        CHECK_FALSE(c->best->replaces_current);
        CHECK(c->best->covered_days == 33);
        CHECK(c->best->trip_data_mb == 53248);
        CHECK(c->best->notes.empty());
    }
}

TEST_CASE("recommend: unlimited plans count the traveller's use on their own days") {
    // 5 days at 3,000 MB = 15,000 MB. Unlimited with a 2 GB fair use counts 5 × 2,048 = 10,240 MB: with a 5 GB
    // pack ¥4,000, cheaper than the 15 GB plan (¥4,500).
    std::vector<Plan> plans = {unlimited_plan("u5", 5, 2048, 3000), make_plan("pack5", 0, 5120, 1000),
                               make_plan("c5", 5, 15360, 4500)};
    auto r = run(plans, 5, 3000, 0, 0);
    REQUIRE(r.ok());
    REQUIRE(r->best.has_value());
    CHECK(purchases(*r->best) == Ids{"pack5", "u5"});
    CHECK(r->best->total == Money{4000, "JPY"});
    CHECK(r->best->data_added_mb == 15360);
    CHECK(r->best->includes_unlimited);
    CHECK(r->best->reason.message_id == "recommend.reason.cheapest_unlimited");
    CHECK(arg(r->best->reason, "days") == "5");

    SUBCASE("without a fair-use threshold: the whole daily use") {
        plans.push_back(unlimited_plan("u5-full", 5, 0, 3800));
        auto c = run(plans, 5, 3000, 0, 0);
        REQUIRE(c.ok());
        REQUIRE(c->best.has_value());
        CHECK(purchases(*c->best) == Ids{"u5-full"});
        CHECK(c->best->data_added_mb == 15000);
        CHECK(c->best->surplus_mb == 0);
    }
    SUBCASE("a fair use above the daily use counts the daily use") {
        // The card lasts the trip with 6,000 of 10,000 MB. Three unlimited days count 3 × 1,000 MB, not 30 GB:
        // not enough alone; 2 × 2 GB (¥1,600) beats the unlimited plan + 2 GB (¥1,700) and 2 × unlimited (¥1,800).
        auto c = run({unlimited_plan("u3", 3, 10240, 900), make_plan("pack-2g", 0, 2048, 800)}, 10, 1000, 10, 6000);
        REQUIRE(c.ok());
        REQUIRE(c->best.has_value());
        CHECK(purchases(*c->best) == Ids{"pack-2g", "pack-2g"});
        CHECK(c->best->data_added_mb == 4096);
        // With 20 % more data (6,000 MB to buy): 2 × unlimited, counted 2 × 3,000 MB, for ¥1,800.
        REQUIRE(c->alternatives.size() == 1);
        CHECK(c->alternatives[0].reason.message_id == "recommend.reason.covers_with_margin");
        CHECK(purchases(c->alternatives[0]) == Ids{"u3", "u3"});
        CHECK(c->alternatives[0].data_added_mb == 6000);
        CHECK(c->alternatives[0].includes_unlimited);
    }
}

TEST_CASE("recommend: already covered") {
    const std::vector<Plan> plans = {make_plan("d7", 7, 5120, 1980)};
    auto r = run(plans, 7, 1000, 10, 20000);
    REQUIRE(r.ok());
    CHECK(r->status == RecommendStatus::already_covered);
    CHECK_FALSE(r->best.has_value());
    CHECK(r->alternatives.empty());
    CHECK(r->days_needed == 0);
    CHECK(r->mb_needed == 0);
    CHECK(r->message.message_id == "recommend.already_covered");
    CHECK(arg(r->message, "days") == "10");
    CHECK(arg(r->message, "data") == "19.5 GB");

    SUBCASE("the trip is over") {
        auto c = run(plans, 0, 1000, 0, 0);
        REQUIRE(c.ok());
        CHECK(c->status == RecommendStatus::already_covered);
        CHECK(c->trip_mb == 0);
    }
    SUBCASE("no plans needed even with none given") {
        auto c = run({}, 3, 0, 3, 0);
        REQUIRE(c.ok());
        CHECK(c->status == RecommendStatus::already_covered);
    }
}

TEST_CASE("recommend: cannot cover") {
    SUBCASE("days: only data packs") {
        auto r = run({make_plan("pack", 0, 1024, 500)}, 3, 100, 0, 0);
        REQUIRE(r.ok());
        CHECK(r->status == RecommendStatus::cannot_cover);
        CHECK_FALSE(r->best.has_value());
        CHECK(r->alternatives.empty());
        CHECK(r->message.message_id == "recommend.cannot_cover_days");
        CHECK(arg(r->message, "days") == "3");
    }
    SUBCASE("data: only plans without data") {
        auto r = run({make_plan("d1", 1, 0, 300)}, 3, 1000, 5, 0);
        REQUIRE(r.ok());
        CHECK(r->status == RecommendStatus::cannot_cover);
        CHECK(r->message.message_id == "recommend.cannot_cover_data");
        CHECK(arg(r->message, "data") == "2.9 GB");
    }
    SUBCASE("an unlimited plan alone covers the data of its own days") {
        auto r = run({unlimited_plan("u", 3, 0, 900)}, 3, 500, 0, 0);
        REQUIRE(r.ok());
        CHECK(r->status == RecommendStatus::recommended);
        REQUIRE(r->best.has_value());
        CHECK(r->best->data_added_mb == 1500);
    }
    SUBCASE("both: days in one product, data in another") {
        auto r = run({make_plan("x-days", 5, 0, 500, "x"), make_plan("y-data", 0, 4096, 500, "y")}, 3, 1000, 0, 0);
        REQUIRE(r.ok());
        CHECK(r->status == RecommendStatus::cannot_cover);
        CHECK(r->message.message_id == "recommend.cannot_cover");
        CHECK(arg(r->message, "days") == "3");
        CHECK(arg(r->message, "data") == "2.9 GB");
    }
    SUBCASE("no plans") {
        auto r = run({}, 3, 100, 0, 0);
        REQUIRE(r.ok());
        CHECK(r->status == RecommendStatus::cannot_cover);
        CHECK(r->message.message_id == "recommend.no_plans");
        const std::vector<const Plan*> nulls = {nullptr, nullptr};
        RecommendRequest request;
        request.plans = nulls;
        request.trip = TripNeed{3, 100};
        auto n = recommend(request);
        REQUIRE(n.ok());
        CHECK(n->message.message_id == "recommend.no_plans");
    }
}

TEST_CASE("recommend: bad inputs") {
    const std::vector<Plan> plans = {make_plan("d1", 1, 1024, 500)};
    auto problem = [&](int days, std::int64_t mb_per_day, int card_days, std::int64_t card_mb) {
        auto r = run(plans, days, mb_per_day, card_days, card_mb);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().is_error());
        return r.problem();
    };
    Problem p = problem(-1, 0, 0, 0);
    CHECK(p.message_id == "recommend.bad_trip_days");
    CHECK(p.where == "trip.days_left");
    CHECK(p.arg("max") == "3650");
    CHECK(problem(kMaxTripDays + 1, 0, 0, 0).message_id == "recommend.bad_trip_days");
    CHECK(run(plans, kMaxTripDays, 0, 0, 0).ok());

    p = problem(3, -1, 0, 0);
    CHECK(p.message_id == "recommend.bad_mb_per_day");
    CHECK(p.where == "trip.mb_per_day");
    CHECK(p.arg("max") == "10000000");
    CHECK(problem(3, kMaxMbPerDay + 1, 0, 0).message_id == "recommend.bad_mb_per_day");
    CHECK(run(plans, 3, kMaxMbPerDay, 0, 0).ok());

    p = problem(3, 0, -1, 0);
    CHECK(p.message_id == "recommend.bad_valid_days");
    CHECK(p.where == "card.valid_days_left");

    p = problem(3, 0, 0, -1);
    CHECK(p.message_id == "recommend.bad_remaining_mb");
    CHECK(p.where == "card.remaining_mb");
    CHECK(p.arg("max") == "1000000000000");
    CHECK(problem(3, 0, 0, kMaxRemainingMb + 1).message_id == "recommend.bad_remaining_mb");

    for (std::int64_t price : {std::int64_t{0}, std::int64_t{-100}}) {
        auto r = run({make_plan("ok", 1, 0, 500), make_plan("free", 1, 0, price)}, 3, 0, 0, 0);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "recommend.bad_price");
        CHECK(r.problem().where == "plans");
        CHECK(r.problem().arg("plan") == "free");
    }
    Plan odd = make_plan("odd", 1, 0, 500);
    odd.price.currency = "XYZ";
    auto r = run({odd}, 3, 0, 0, 0);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().message_id == "recommend.bad_price");
    CHECK(r.problem().arg("plan") == "odd");

    // Plans outside the catalogue's limits (possible only for plans not from load_catalog).
    Plan negative = make_plan("negative", -1, 0, 500);
    Plan too_long = make_plan("too-long", kMaxTripDays + 1, 0, 500);
    Plan too_big = make_plan("too-big", 1, kMaxRemainingMb + 1, 500);
    Plan negative_mb = make_plan("negative-mb", 1, -1, 500);
    Plan fair_use = unlimited_plan("fair-use", 1, -1, 500);
    for (const Plan& bad : {negative, too_long, too_big, negative_mb, fair_use}) {
        r = run({make_plan("fine", 1, 0, 500), bad}, 3, 0, 0, 0);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "recommend.bad_plan");
        CHECK(r.problem().where == "plans");
        CHECK(r.problem().arg("plan") == bad.id);
    }
    CHECK(run({make_plan("longest", kMaxTripDays, kMaxRemainingMb, 500)}, 3, 0, 0, 0).ok());
}

TEST_CASE("recommend: extreme inputs stay exact and defined") {
    // The largest trip, daily use and card data the request accepts, with prices near the int64 range: every
    // intermediate (totals, bounds) must stay defined (UBSan) and the answer a value.
    constexpr std::int64_t kBig = std::numeric_limits<std::int64_t>::max() / 4;
    const std::vector<Plan> plans = {make_plan("year", kMaxTripDays, kMaxRemainingMb, kBig),
                                     make_plan("pack", 0, kMaxRemainingMb, kBig / 2),
                                     unlimited_plan("unl", kMaxTripDays, 0, kBig / 4), make_plan("day", 1, 0, 3)};
    auto r = run(plans, kMaxTripDays, kMaxMbPerDay, 1, kMaxRemainingMb);
    REQUIRE(r.ok());
    CHECK(r->trip_mb == kMaxMbPerDay * kMaxTripDays);
    CHECK(r->mb_needed == 0);  // the card has 10^12 MB
    REQUIRE(r->status == RecommendStatus::recommended);
    CHECK(purchases(*r->best) == Ids(kMaxTripDays - 1, "day"));
    CHECK(r->best->total == Money{3 * (kMaxTripDays - 1), "JPY"});
    check_alternatives(*r);

    // Without the card's data: 36.5 billion MB. "unl" counts 3650 × 10^7 MB, exactly the need, for less than
    // "year" or 3650 day plans + "pack"; totals of several big plans overflow int64 and must be dropped, not wrap.
    auto e = run(plans, kMaxTripDays, kMaxMbPerDay, 0, 0);
    REQUIRE(e.ok());
    REQUIRE(e->status == RecommendStatus::recommended);
    CHECK(purchases(*e->best) == Ids{"unl"});
    CHECK(e->best->surplus_mb == 0);
    check_alternatives(*e);

    // 1-MB day plans at ¥3 would be the cheapest way to 36.5 billion MB: more states than the search may hold
    // (and more purchases than a pick can count). The answer is recommend.too_complex, not a guess.
    std::vector<Plan> tiny = plans;
    tiny.back().data.mb = 1;
    auto t = run(tiny, kMaxTripDays, kMaxMbPerDay, 0, 0);
    REQUIRE_FALSE(t.ok());
    CHECK(t.problem().message_id == "recommend.too_complex");
    CHECK(t.problem().where == "plans");

    // A card valid for centuries (count_trip_days caps it) is simply "covered".
    TripDates dates;
    dates.now = jst(2026, 11, 28, 10, 0);
    dates.last_day = CivilDate{2026, 12, 1};
    dates.card_expiry = jst(9999, 12, 31, 0, 0);
    auto far = count_trip_days(dates);
    REQUIRE(far.ok());
    CHECK(far->card_valid_days == 1'000'000);
    const std::vector<const Plan*> list = pointers(plans);
    RecommendRequest request;
    request.plans = list;
    request.card.remaining_mb = 100;
    auto covered = recommend(request, dates);
    REQUIRE(covered.ok());
    CHECK(covered->status == RecommendStatus::already_covered);
}

TEST_CASE("recommend: plans of several products: each alone, the cheapest wins") {
    // 8 days. Product x alone: 2 × 5 days = ¥2,000; product y: 3 × 3 days ¥1,800 (its 10 days: ¥1,900). Mixing
    // them would be cheaper still (5 + 3 days = ¥1,600) but a traveller renews one card.
    const std::vector<Plan> plans = {make_plan("x5", 5, 0, 1000, "x"), make_plan("y3", 3, 0, 600, "y"),
                                     make_plan("y10", 10, 0, 1900, "y")};
    auto r = run(plans, 8, 0, 0, 0);
    REQUIRE(r.ok());
    REQUIRE(r->best.has_value());
    CHECK(purchases(*r->best) == Ids{"y3", "y3", "y3"});
    CHECK(r->best->total == Money{1800, "JPY"});
    for (const Pick& a : r->alternatives)
        for (const PlanQuantity& q : a.items) CHECK(q.plan->product_id == "y");

    SUBCASE("different currencies compare through the rates") {
        std::vector<Plan> mixed = {make_plan("jpy", 10, 0, 1000, "x"), make_plan("usd", 10, 0, 600, "y")};
        mixed[1].price.currency = "USD";  // $6.00 = ¥927.36 at 0.00647
        ExchangeRates rates;
        rates.base = "JPY";
        rates.rates.push_back(parse_exchange_rate("0.00647", "JPY", "USD", "2026-11-20").value());
        auto c = run(mixed, 10, 0, 0, 0, &rates);
        REQUIRE(c.ok());
        REQUIRE(c->best.has_value());
        CHECK(purchases(*c->best) == Ids{"usd"});
        CHECK(c->best->total == Money{600, "USD"});
        // Without rates: by currency code.
        auto d = run(mixed, 10, 0, 0, 0);
        REQUIRE(d.ok());
        REQUIRE(d->best.has_value());
        CHECK(purchases(*d->best) == Ids{"jpy"});
    }
}

TEST_CASE("recommend: alternatives of every kind, at most three") {
    // 10 days, no data. Best: 2 × 5 days ¥2,000 (not refundable). Alternatives by hand:
    //   covers with margin (11 days): 5 + 6 days ¥2,050; next cheapest without the 5-day plan: 2 × 6 days ¥2,100;
    //   fewest purchases: the 10-day plan ¥2,200; all refundable: 3 × 4 days ¥3,300 (the fourth: dropped).
    const std::vector<Plan> plans = {make_plan("a-5d", 5, 0, 1000), make_plan("b-10d", 10, 0, 2200),
                                     refundable(make_plan("c-4d", 4, 0, 1100)), make_plan("e-6d", 6, 0, 1050)};
    auto r = run(plans, 10, 0, 0, 0);
    REQUIRE(r.ok());
    REQUIRE(r->best.has_value());
    CHECK(purchases(*r->best) == Ids{"a-5d", "a-5d"});
    check_alternatives(*r);
    REQUIRE(r->alternatives.size() == 3);
    const auto& alt = r->alternatives;
    CHECK(alt[0].reason.message_id == "recommend.reason.covers_with_margin");
    CHECK(purchases(alt[0]) == Ids{"a-5d", "e-6d"});
    CHECK(arg(alt[0].reason, "days") == "1");
    CHECK(arg(alt[0].reason, "total") == format_money(Money{2050, "JPY"}, "en"));
    CHECK(alt[1].reason.message_id == "recommend.reason.next_cheapest");
    CHECK(purchases(alt[1]) == Ids{"e-6d", "e-6d"});
    CHECK(arg(alt[1].reason, "extra") == format_money(Money{100, "JPY"}, "en"));
    CHECK(alt[2].reason.message_id == "recommend.reason.fewest_purchases");
    CHECK(purchases(alt[2]) == Ids{"b-10d"});
    CHECK(arg(alt[2].reason, "count") == "1");

    SUBCASE("without the 10-day plan the refundable one shows") {
        const std::vector<Plan> three = {plans[0], plans[2], plans[3]};
        auto c = run(three, 10, 0, 0, 0);
        REQUIRE(c.ok());
        check_alternatives(*c);
        Ids reasons;
        for (const Pick& a : c->alternatives) reasons.push_back(a.reason.message_id);
        CHECK(reasons == Ids{"recommend.reason.covers_with_margin", "recommend.reason.next_cheapest",
                             "recommend.reason.refundable"});
        REQUIRE(c->alternatives.size() == 3);
        CHECK(purchases(c->alternatives[2]) == Ids{"c-4d", "c-4d", "c-4d"});
        CHECK(c->alternatives[2].all_refundable);
    }
}

TEST_CASE("recommend: the sample catalogue's Sakura SIM") {
    auto plans = plans_for_card(sample(), "sakura-visitor-sim", CardKind::sim);
    REQUIRE(plans.ok());
    RecommendRequest request;
    request.plans = plans.value();
    request.trip = TripNeed{10, 1000};
    request.card = CardNow{0, 0};
    auto r = recommend(request);
    REQUIRE(r.ok());
    REQUIRE(r->best.has_value());
    // 2 × 7 days / 5 GB (¥3,960, both refundable); margin 11 days, 12,000 MB: 2 × 7 days + 2 × 1 day
    // (16 days, 12,288 MB) ¥4,960;
    // fewest purchases: 30 days ¥4,980 (also the next cheapest without the 7-day plan: shown once).
    CHECK(purchases(*r->best) == Ids{"sakura-7d-5gb", "sakura-7d-5gb"});
    CHECK(r->best->all_refundable);
    check_alternatives(*r);
    REQUIRE(r->alternatives.size() == 2);
    CHECK(r->alternatives[0].reason.message_id == "recommend.reason.covers_with_margin");
    CHECK(r->alternatives[0].total == Money{4960, "JPY"});
    CHECK(arg(r->alternatives[0].reason, "days") == "6");
    CHECK(arg(r->alternatives[0].reason, "data") == "2.2 GB");  // 12,288 − 10,000 MB
    CHECK(r->alternatives[1].reason.message_id == "recommend.reason.fewest_purchases");
    CHECK(purchases(r->alternatives[1]) == Ids{"sakura-30d-20gb"});
}

TEST_CASE("recommend: count_trip_days, calendar_jst") {
    TripDates d;
    d.rule = ValidityRule::calendar_jst;
    d.now = jst(2026, 11, 28, 10, 0);
    d.last_day = CivilDate{2026, 11, 30};
    CHECK(days_of(d).trip_days == 3);
    CHECK(days_of(d).card_valid_days == 0);  // no validity
    d.card_expiry = jst(2026, 11, 29, 0, 0);  // an expiry at 00:00 JST covers the day before
    CHECK(days_of(d).card_valid_days == 1);
    d.card_expiry = jst(2026, 11, 29, 0, 0, 1);
    CHECK(days_of(d).card_valid_days == 2);
    d.card_expiry = jst(2026, 12, 5, 0, 0);  // outlasts the trip: 28 Nov to 4 Dec
    CHECK(days_of(d).card_valid_days == 7);
    d.card_expiry = d.now;  // expired
    CHECK(days_of(d).card_valid_days == 0);
    d.card_expiry = d.now - 3600;
    CHECK(days_of(d).card_valid_days == 0);

    SUBCASE("midnight in Japan, not in UTC") {
        d.card_expiry.reset();
        d.now = jst(2026, 11, 28, 23, 59, 59);  // 14:59:59 UTC
        CHECK(days_of(d).trip_days == 3);
        d.now = jst(2026, 11, 29, 0, 0, 0);  // 15:00 UTC on the 28th: already the 29th in Japan
        CHECK(days_of(d).trip_days == 2);
        d.now = jst(2026, 11, 30, 23, 59, 59);  // the last day itself
        CHECK(days_of(d).trip_days == 1);
        d.now = jst(2026, 12, 1, 0, 0, 0);
        auto ended = count_trip_days(d);
        REQUIRE_FALSE(ended.ok());
        CHECK(ended.problem().message_id == "recommend.trip_ended");
        CHECK(ended.problem().where == "last_day");
        CHECK(ended.problem().arg("date") == "2026-11-30");
    }
    SUBCASE("a leap day") {
        d.card_expiry.reset();
        d.now = jst(2028, 2, 28, 12, 0);
        d.last_day = CivilDate{2028, 3, 1};
        CHECK(days_of(d).trip_days == 3);  // 28, 29 Feb, 1 Mar
        d.last_day = CivilDate{2028, 2, 29};
        CHECK(days_of(d).trip_days == 2);
        d.last_day = CivilDate{2028, 3, 1};
        d.card_expiry = jst(2028, 3, 1, 0, 0);  // covers through 29 Feb
        CHECK(days_of(d).card_valid_days == 2);
        d.card_expiry.reset();
        d.now = jst(2027, 2, 28, 12, 0);
        d.last_day = CivilDate{2027, 3, 1};
        CHECK(days_of(d).trip_days == 2);  // no 29 Feb in 2027
    }
}

TEST_CASE("recommend: count_trip_days, rolling_24h") {
    TripDates d;
    d.rule = ValidityRule::rolling_24h;
    d.last_day = CivilDate{2026, 11, 30};  // the trip ends at 1 Dec 00:00 JST
    d.now = jst(2026, 11, 28, 10, 0);      // 62 hours: 3 periods
    CHECK(days_of(d).trip_days == 3);
    d.now = jst(2026, 11, 28, 0, 0);  // 72 hours exactly
    CHECK(days_of(d).trip_days == 3);
    d.now = jst(2026, 11, 27, 23, 59, 59);  // 72 hours and a second
    CHECK(days_of(d).trip_days == 4);

    SUBCASE("midnight JST") {
        d.now = jst(2026, 11, 29, 23, 59, 59);  // 24 h + 1 s
        CHECK(days_of(d).trip_days == 2);
        d.now = jst(2026, 11, 30, 0, 0, 0);
        CHECK(days_of(d).trip_days == 1);
        d.now = jst(2026, 11, 30, 23, 59, 59);
        CHECK(days_of(d).trip_days == 1);
    }
    SUBCASE("the card") {
        d.now = jst(2026, 11, 28, 10, 0);  // 3 periods to the end of the trip
        d.card_expiry = jst(2026, 11, 29, 10, 0);  // 38 h from its expiry to the end of the trip: 2 periods
        CHECK(days_of(d).card_valid_days == 1);
        d.card_expiry = jst(2026, 12, 1, 0, 0);  // exactly the end of the trip
        CHECK(days_of(d).card_valid_days == 3);
        d.card_expiry = jst(2026, 12, 2, 12, 0);  // 36 h beyond: one whole period more
        CHECK(days_of(d).card_valid_days == 4);
        d.card_expiry = d.now + 1;  // 62 h − 1 s still needed: 3 periods
        CHECK(days_of(d).card_valid_days == 0);
        d.card_expiry = d.now;
        CHECK(days_of(d).card_valid_days == 0);
    }
    SUBCASE("a leap day") {
        d.now = jst(2028, 2, 28, 0, 0);
        d.last_day = CivilDate{2028, 3, 1};
        CHECK(days_of(d).trip_days == 3);
        d.now = jst(2027, 2, 28, 0, 0);
        d.last_day = CivilDate{2027, 3, 1};
        CHECK(days_of(d).trip_days == 2);
    }
}

TEST_CASE("recommend: count_trip_days problems") {
    TripDates d;
    d.now = jst(2026, 11, 28, 10, 0);
    for (CivilDate bad : {CivilDate{2027, 2, 29}, CivilDate{2100, 2, 29}, CivilDate{2026, 13, 1},
                          CivilDate{2026, 4, 31}, CivilDate{2026, 0, 10}, CivilDate{2026, 11, 0}}) {
        d.last_day = bad;
        auto r = count_trip_days(d);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "recommend.bad_date");
        CHECK(r.problem().where == "last_day");
    }
    d.last_day = CivilDate{2027, 2, 29};
    CHECK(count_trip_days(d).problem().arg("date") == "2027-02-29");
    d.last_day = CivilDate{2000, 2, 29};  // a real leap day, long past
    auto past = count_trip_days(d);
    REQUIRE_FALSE(past.ok());
    CHECK(past.problem().message_id == "recommend.trip_ended");
    CHECK(past.problem().arg("date") == "2000-02-29");

    const std::int64_t today = days_from_civil(CivilDate{2026, 11, 28});
    for (ValidityRule rule : {ValidityRule::calendar_jst, ValidityRule::rolling_24h}) {
        d.rule = rule;
        d.last_day = civil_from_days(today + kMaxTripDays - 1);
        CHECK(days_of(d).trip_days == kMaxTripDays);
        d.last_day = civil_from_days(today + kMaxTripDays);
        auto r = count_trip_days(d);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem().message_id == "recommend.bad_trip_days");
        CHECK(r.problem().arg("max") == "3650");
    }
}

TEST_CASE("recommend: from dates") {
    const std::vector<Plan> plans = {make_plan("d1", 1, 0, 500)};
    const std::vector<const Plan*> list = pointers(plans);
    RecommendRequest request;
    request.plans = list;
    request.trip = TripNeed{99, 0};  // replaced by the dates
    request.card = CardNow{99, 0};
    TripDates dates;
    dates.now = jst(2026, 11, 28, 10, 0);
    dates.last_day = CivilDate{2026, 11, 30};
    dates.card_expiry = jst(2026, 11, 29, 0, 0);
    auto r = recommend(request, dates);
    REQUIRE(r.ok());
    CHECK(r->trip_days == 3);
    CHECK(r->days_needed == 2);
    REQUIRE(r->best.has_value());
    CHECK(purchases(*r->best) == Ids{"d1", "d1"});
    dates.last_day = CivilDate{2026, 2, 30};
    auto bad = recommend(request, dates);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.problem().message_id == "recommend.bad_date");
}

TEST_CASE("recommend: format_data_amount") {
    CHECK(format_data_amount(0) == "0 MB");
    CHECK(format_data_amount(512) == "512 MB");
    CHECK(format_data_amount(1023) == "1023 MB");
    CHECK(format_data_amount(1024) == "1 GB");
    CHECK(format_data_amount(12800) == "12.5 GB");
    CHECK(format_data_amount(10240 * 2 - 51) == "20 GB");  // 19.95 rounds half up
    CHECK(format_data_amount(1075) == "1 GB");             // 1.0498
}

// ---------------------------------------------------------------------------------------------------------------
// The randomized cross-check against a brute-force enumerator.

namespace {

struct Instance {
    std::vector<Plan> plans;
    int trip_days = 0;
    std::int64_t mb_per_day = 0;
    int card_days = 0;
    std::int64_t card_mb = 0;
};

Instance random_instance(std::uint64_t seed) {
    test::SplitMix64 rng{seed * 7919 + 17};
    Instance in;
    in.trip_days = static_cast<int>(rng.range(1, 12));
    in.mb_per_day = rng.chance(20) ? 0 : rng.range(1, 8) * 100 + (rng.chance(50) ? rng.range(0, 99) : 0);
    in.card_days = rng.chance(50) ? 0 : static_cast<int>(rng.range(1, 5));
    in.card_mb = rng.chance(40) ? 0 : rng.range(0, 3000);
    const int n = static_cast<int>(rng.range(2, 6));
    // Prices from a coarse grid half of the time, so ties are frequent; two products a quarter of the time.
    const bool coarse = rng.chance(50);
    const bool two_products = rng.chance(25);
    for (int i = 0; i < n; ++i) {
        const int kind = static_cast<int>(rng.range(1, 10));
        Plan p;
        const std::string id = std::string(1, static_cast<char>('a' + rng.range(0, 25))) + std::to_string(i);
        if (kind <= 4) {  // a day plan, sometimes without data
            p = make_plan(id, static_cast<int>(rng.range(1, 8)), rng.chance(20) ? 0 : rng.range(256, 4096), 0);
        } else if (kind <= 7) {  // a data pack
            p = make_plan(id, 0, rng.range(256, 4096), 0);
        } else if (kind <= 8) {  // unlimited
            p = unlimited_plan(id, static_cast<int>(rng.range(1, 6)), rng.chance(40) ? 0 : rng.range(1, 12) * 100, 0);
        } else {  // replace, now or (as an add plan) after the current validity
            p = replace_plan(id, rng.chance(20) ? 0 : static_cast<int>(rng.range(1, 14)), rng.range(256, 8000), 0);
            if (rng.chance(25)) p.starts = StartRule::after_current;
        }
        p.price.minor = coarse ? rng.range(1, 12) * 250 : rng.range(100, 3000);
        if (rng.chance(50)) p.refund = Refund{RefundPolicy::before_activation, 7};
        if (two_products && rng.chance(50)) p.product_id = "q";
        in.plans.push_back(std::move(p));
    }
    return in;
}

std::int64_t counted_mb(const Plan& p, std::int64_t mb_per_day) {
    if (!p.data.unlimited) return p.data.mb;
    const std::int64_t per_day =
        p.data.fair_use_mb_per_day > 0 ? std::min(p.data.fair_use_mb_per_day, mb_per_day) : mb_per_day;
    return per_day * p.days;
}

bool starts_now_replace(const Plan& p) { return p.stacking == Stacking::replace && p.starts == StartRule::now; }

// A covering combination as the brute force sees it, with the order of recommend.h.
struct Combo {
    std::int64_t cost = 0;
    int count = 0;
    std::int64_t surplus_days = 0, surplus_mb = 0;
    std::vector<std::string> ids;  // one per purchase, sorted
};

bool cheaper(const Combo& a, const Combo& b) {
    return std::tie(a.cost, a.count, a.surplus_days, a.surplus_mb, a.ids) <
           std::tie(b.cost, b.count, b.surplus_days, b.surplus_mb, b.ids);
}
bool fewer(const Combo& a, const Combo& b) {
    return std::tie(a.count, a.cost, a.surplus_days, a.surplus_mb, a.ids) <
           std::tie(b.count, b.cost, b.surplus_days, b.surplus_mb, b.ids);
}

struct BruteOptions {
    std::int64_t need_days = -1, need_mb = -1;  // -1: the trip's
    bool refundable_only = false;
    std::string excluded;
    bool fewest = false;
    std::string product = "p";  // plans of one product only
};

// Every multiset of plans: a start (the card, or one replace plan), then add plans. A plan bought more often than
// needed to cover the rest alone is never in an optimal cover (one copy less would still cover, for less), so
// quantities stop there; a search branch stops once it covers (more plans cost more) or costs more than the best.
std::optional<Combo> brute_force(const Instance& in, const BruteOptions& o = {}) {
    const std::int64_t trip_mb = in.mb_per_day * in.trip_days;
    const std::int64_t need_days = o.need_days >= 0 ? o.need_days : in.trip_days;
    const std::int64_t need_mb = o.need_mb >= 0 ? o.need_mb : trip_mb;
    const std::int64_t card_mb = in.card_days > 0 ? in.card_mb : 0;
    std::vector<const Plan*> adds;
    std::vector<const Plan*> replaces;
    for (const Plan& p : in.plans) {
        if (o.refundable_only && p.refund.policy == RefundPolicy::none) continue;
        if (p.id == o.excluded || p.product_id != o.product) continue;
        (starts_now_replace(p) ? replaces : adds).push_back(&p);
    }
    std::optional<Combo> best;
    std::vector<std::string> ids;
    auto better = [&](const Combo& c) { return !best || (o.fewest ? fewer(c, *best) : cheaper(c, *best)); };
    auto over = [&](std::int64_t cost, int count) {
        if (!best) return false;
        return o.fewest ? (count > best->count || (count == best->count && cost > best->cost)) : cost > best->cost;
    };
    std::function<void(std::size_t, std::int64_t, std::int64_t, std::int64_t)> dfs =
        [&](std::size_t i, std::int64_t days, std::int64_t mb, std::int64_t cost) {
            if (over(cost, static_cast<int>(ids.size()))) return;
            if (days >= need_days && mb >= need_mb) {
                Combo c{cost, static_cast<int>(ids.size()), days - in.trip_days, mb - trip_mb, ids};
                std::sort(c.ids.begin(), c.ids.end());
                if (better(c)) best = std::move(c);
                return;
            }
            if (i == adds.size()) return;
            const Plan& p = *adds[i];
            const std::int64_t rd = std::max<std::int64_t>(0, need_days - days);
            const std::int64_t rm = std::max<std::int64_t>(0, need_mb - mb);
            const std::int64_t c = counted_mb(p, in.mb_per_day);
            const std::int64_t q_days = p.days > 0 ? (rd + p.days - 1) / p.days : 0;
            const std::int64_t q_mb = c > 0 ? (rm + c - 1) / c : 0;
            const std::int64_t q_max = std::max(q_days, q_mb);
            const std::size_t mark = ids.size();
            for (std::int64_t q = 0; q <= q_max; ++q) {
                if (q > 0) ids.push_back(p.id);
                dfs(i + 1, days + q * p.days, mb + q * c, cost + q * p.price.minor);
            }
            ids.resize(mark);
        };
    dfs(0, in.card_days, card_mb, 0);
    for (const Plan* r : replaces) {
        ids.assign(1, r->id);
        dfs(0, r->days > 0 ? r->days : in.card_days, counted_mb(*r, in.mb_per_day), r->price.minor);
    }
    return best;
}

std::string describe(const Instance& in) {
    std::string s = "trip " + std::to_string(in.trip_days) + " d × " + std::to_string(in.mb_per_day) + " MB, card " +
                    std::to_string(in.card_days) + " d / " + std::to_string(in.card_mb) + " MB;";
    for (const Plan& p : in.plans) {
        s += " [" + p.product_id + "/" + p.id + " " + std::to_string(p.days) + "d " +
             (p.data.unlimited ? "unl/" + std::to_string(p.data.fair_use_mb_per_day) : std::to_string(p.data.mb)) +
             "MB ¥" + std::to_string(p.price.minor) + (starts_now_replace(p) ? " replace" : "") +
             (p.refund.policy != RefundPolicy::none ? " refundable" : "") + "]";
    }
    return s;
}

}  // namespace

TEST_CASE("recommend: randomized cross-check against a brute-force enumerator") {
    // 300 seeds by default; TABI_RECOMMEND_SEEDS=N for a longer soak.
    std::uint64_t seeds = 300;
    if (const char* env = std::getenv("TABI_RECOMMEND_SEEDS"))
        seeds = std::max<std::uint64_t>(1, std::strtoull(env, nullptr, 10));
    int recommended = 0, fewer_possible = 0, alternatives_checked = 0;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const Instance in = random_instance(seed);
        INFO("seed ", seed, ": ", describe(in));
        auto r = run(in.plans, in.trip_days, in.mb_per_day, in.card_days, in.card_mb);
        REQUIRE(r.ok());
        check_alternatives(*r);
        const std::int64_t trip_mb = in.mb_per_day * in.trip_days;
        const std::int64_t card_mb = in.card_days > 0 ? in.card_mb : 0;
        if (in.card_days >= in.trip_days && card_mb >= trip_mb) {
            CHECK(r->status == RecommendStatus::already_covered);
            continue;
        }
        // Each product alone; the cheapest wins, by product id on a tie.
        std::optional<Combo> expected;
        std::string product;
        for (std::string candidate : {"p", "q"}) {
            BruteOptions o;
            o.product = candidate;
            auto c = brute_force(in, o);
            if (c && (!expected || cheaper(*c, *expected))) expected = c, product = candidate;
        }
        if (!expected) {
            CHECK(r->status == RecommendStatus::cannot_cover);
            CHECK_FALSE(r->best.has_value());
            continue;
        }
        REQUIRE(r->status == RecommendStatus::recommended);
        REQUIRE(r->best.has_value());
        ++recommended;
        const Pick& best = *r->best;
        // The total is the optimum, and the purchases the fewest among optimal totals.
        CHECK(best.total.minor == expected->cost);
        CHECK(best.purchases == expected->count);
        // The rest of the order: surplus days, surplus data, then the plan ids.
        CHECK(best.surplus_days == expected->surplus_days);
        CHECK(best.surplus_mb == expected->surplus_mb);
        CHECK(purchases(best) == expected->ids);
        // The pick is what it says.
        std::int64_t total = 0, days = 0, data = 0;
        int count = 0, replaces = 0;
        for (const PlanQuantity& q : best.items) {
            total += q.plan->price.minor * q.quantity;
            count += q.quantity;
            if (starts_now_replace(*q.plan)) replaces += q.quantity;
            days += std::int64_t{q.plan->days} * q.quantity;
            data += counted_mb(*q.plan, in.mb_per_day) * q.quantity;
        }
        CHECK(total == best.total.minor);
        CHECK(count == best.purchases);
        CHECK(replaces <= 1);
        CHECK(best.replaces_current == (replaces == 1));
        CHECK(best.days_added == days);
        CHECK(best.data_added_mb == data);
        CHECK(best.covered_days >= in.trip_days);
        CHECK(best.trip_data_mb >= trip_mb);
        if (replaces == 0) {
            CHECK(best.covered_days == in.card_days + days);
            CHECK(best.trip_data_mb == card_mb + data);
        }
        // How often fewer purchases are possible at a higher total (the "fewest purchases" alternative).
        for (const PlanQuantity& q : best.items) CHECK(q.plan->product_id == product);
        BruteOptions fewest;
        fewest.fewest = true;
        fewest.product = product;
        const std::optional<Combo> least = brute_force(in, fewest);
        REQUIRE(least.has_value());
        if (least->count < expected->count) ++fewer_possible;

        // Each alternative is the exact best of its kind.
        for (const Pick& a : r->alternatives) {
            INFO("alternative ", a.reason.message_id, " ", a.total.minor);
            ++alternatives_checked;
            std::optional<Combo> kind;
            if (a.reason.message_id == "recommend.reason.fewest_purchases") {
                kind = least;
                CHECK(a.purchases < best.purchases);
                if (kind) CHECK(a.purchases == kind->count);
            } else if (a.reason.message_id == "recommend.reason.refundable") {
                BruteOptions o;
                o.product = product;
                o.refundable_only = true;
                kind = brute_force(in, o);
                CHECK(a.all_refundable);
                CHECK_FALSE(best.all_refundable);
            } else if (a.reason.message_id == "recommend.reason.covers_with_margin") {
                BruteOptions o;
                o.product = product;
                o.need_days = in.trip_days + (in.card_days < in.trip_days ? kMarginDays : 0);
                o.need_mb = trip_mb + (card_mb < trip_mb ? (trip_mb * kMarginDataPercent + 99) / 100 : 0);
                kind = brute_force(in, o);
                CHECK(a.covered_days >= o.need_days);
                CHECK(a.trip_data_mb >= o.need_mb);
            } else if (a.reason.message_id == "recommend.reason.next_cheapest") {
                for (const PlanQuantity& q : best.items) {
                    BruteOptions o;
                    o.product = product;
                    o.excluded = q.plan->id;
                    auto without = brute_force(in, o);
                    if (without && (!kind || cheaper(*without, *kind))) kind = without;
                }
                CHECK(arg(a.reason, "extra") == format_money(Money{a.total.minor - best.total.minor, "JPY"}, "en"));
            }
            REQUIRE(kind.has_value());
            for (const PlanQuantity& q : a.items) CHECK(q.plan->product_id == product);
            CHECK(a.total.minor == kind->cost);
            CHECK(a.purchases == kind->count);
        }
    }
    MESSAGE("recommended ", recommended, " of ", seeds, "; fewer purchases possible in ", fewer_possible, "; ",
            alternatives_checked, " alternatives checked");
    CHECK(recommended * 2 >= static_cast<int>(seeds));
}
