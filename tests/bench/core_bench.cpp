// Core benchmark (figures, not pass/fail): parsing a ~1 MB catalogue and recommending over 10,000 plans.
// Build in release and run:
//   cmake --preset release-native && cmake --build --preset release-native --target core_bench
//   ./build/release-native/core_bench
// It prints one JSON object to stdout (times in ms, each the median of several runs, with the input sizes):
//   {"catalog_parse_1mb_ms": x, "catalog_bytes": n, "catalog_plans": n, "catalog_runs": n,
//    "recommend_plans": n, "recommend_mb_per_day": n, "recommend_runs": n,
//    "recommend_10k_30d_ms": x, "recommend_10k_90d_ms": x, "recommend_30d_target_ms": 5,
//    "device_search_5k_ms": x}
// Parsing is load_catalog(): JSON parse plus full validation. A recommendation is the whole recommend() call:
// the best combination and its alternatives. A device search is find_devices() over 5,000 models (the phone
// step's search box, once per key). Inputs come from fixed seeds, so runs are comparable.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/catalog.h"
#include "core/device_check.h"
#include "core/recommend.h"

#include "../core/splitmix64.h"

namespace {

template <class F>
double median_ms(int runs, F&& f) {
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        f();
        const auto stop = std::chrono::steady_clock::now();
        times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// A valid catalogue of about `target_bytes`: operators with support contacts, products of every card kind with
// many plans each, rates and a few devices.
std::string make_catalog_json(std::size_t target_bytes) {
    tabi::test::SplitMix64 rng{20261128};
    std::string out;
    out.reserve(target_bytes + 4096);
    out += R"({"version": 1, "name": "Benchmark catalogue", "operators": [)";
    constexpr int kOperators = 24;
    for (int o = 0; o < kOperators; ++o) {
        if (o) out += ',';
        out += fmt::format(
            R"({{"id": "op-{0}", "name": "Operator {0}", "support": {{"phone": "+81-3-5555-{1:04}", )"
            R"("email": "help{0}@operator.example", "chat_url": "https://op{0}.example/chat", )"
            R"("hours": {{"open": "09:00", "close": "21:00", "days": "daily"}}}}, "order_pattern": "OP{0}-########"}})",
            o, 1000 + o);
    }
    out += R"(], "products": [)";
    constexpr std::string_view kCards[] = {"sim", "esim", "wifi"};
    int product = 0, plan_id = 0;
    while (out.size() < target_bytes) {
        if (product) out += ',';
        const std::string_view card = kCards[product % 3];
        const bool wifi = card == "wifi";
        out += fmt::format(R"({{"id": "product-{0}", "operator": "op-{1}", "card": "{2}", "name": "Product {0}", )"
                           R"("networks": ["docomo", "softbank"], "validity": "calendar_jst", "plans": [)",
                           product, product % kOperators, card);
        for (int k = 0; k < 40; ++k, ++plan_id) {
            if (k) out += ',';
            const bool pack = !wifi && k % 4 == 3;
            const std::string_view kind = wifi ? "rental_extension" : (pack ? "data_pack" : (k % 4 == 2 ? "monthly" : "day_pass"));
            const std::int64_t days = pack ? 0 : (k % 4 == 2 ? 30 : rng.range(1, 15));
            const bool unlimited = !pack && rng.chance(20);
            const std::string data = unlimited ? fmt::format(R"({{"unlimited": true, "fair_use_mb_per_day": {}}})", rng.range(1, 10) * 1024)
                                               : fmt::format(R"({{"mb": {}}})", rng.range(1, 50) * 512);
            const bool refundable = rng.chance(40);
            out += fmt::format(
                R"({{"id": "plan-{0}", "name": "Plan {0} · {1} days", "kind": "{2}", "days": {1}, "data": {3}, )"
                R"("speed_after_cap_kbps": {4}, "price": {{"minor": {5}, "currency": "JPY"}}, )"
                R"("refund": {6}, "stacking": "add", "starts": "{7}"{8}}})",
                plan_id, days, kind, data, rng.range(0, 8) * 128, rng.range(300, 9000),
                refundable ? R"({"policy": "before_activation", "within_days": 7})" : R"({"policy": "none"})",
                pack ? "now" : "after_current",
                wifi ? R"(, "late_fee_per_day": {"minor": 1650, "currency": "JPY"}, "extension_notice_hours": 48)" : "");
        }
        out += "]}";
        ++product;
    }
    out += R"(], "payment_methods": ["card", "paypal", "alipay", "wechat_pay"], )"
           R"("exchange_rates": {"base": "JPY", "as_of": "2026-11-20", "rates": {"CNY": "0.0467", "USD": "0.00647"}}, )"
           R"("devices": [{"brand": "Apple", "model": "iPhone 16", "esim": true, "lte": [1, 3, 8, 11, 18, 19, 21, 26, 28, 41, 42], )"
           R"("nr": [77, 78, 79]}]})";
    return out;
}

// 10,000 random plans of one product: day passes, monthly plans, data packs and unlimited plans, with data in
// arbitrary MB (no common granularity) and prices loosely tied to days and data, so many plans are worth a look.
std::vector<tabi::Plan> make_plans(std::size_t count) {
    tabi::test::SplitMix64 rng{42};
    std::vector<tabi::Plan> plans;
    plans.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        tabi::Plan p;
        p.id = fmt::format("bench-{:05}", i);
        p.name = p.id;
        p.product_id = "bench-sim";
        p.operator_id = "bench";
        p.card = tabi::CardKind::sim;
        const std::int64_t roll = rng.range(1, 100);
        std::int64_t price = 0;
        if (roll <= 45) {
            p.kind = tabi::PlanKind::day_pass;
            p.days = static_cast<int>(rng.range(1, 15));
            p.data.mb = rng.range(300, 20'000);
            price = p.days * rng.range(120, 400) + p.data.mb * rng.range(15, 50) / 100;
        } else if (roll <= 60) {
            p.kind = tabi::PlanKind::monthly;
            p.days = static_cast<int>(rng.range(28, 31));
            p.data.mb = rng.range(5'000, 60'000);
            price = p.days * rng.range(80, 250) + p.data.mb * rng.range(10, 40) / 100;
            if (rng.chance(30)) {
                p.stacking = tabi::Stacking::replace;
                p.starts = tabi::StartRule::now;
            }
        } else if (roll <= 90) {
            p.kind = tabi::PlanKind::data_pack;
            p.days = 0;
            p.data.mb = rng.range(300, 30'000);
            p.starts = tabi::StartRule::now;
            price = 100 + p.data.mb * rng.range(20, 60) / 100;
        } else {
            p.kind = tabi::PlanKind::day_pass;
            p.days = static_cast<int>(rng.range(1, 30));
            p.data.unlimited = true;
            p.data.fair_use_mb_per_day = rng.chance(70) ? rng.range(500, 10'000) : 0;
            price = p.days * rng.range(400, 900);
        }
        p.price = tabi::Money{price + rng.range(0, 500), "JPY"};
        if (rng.chance(40)) p.refund = tabi::Refund{tabi::RefundPolicy::before_activation, 7};
        plans.push_back(std::move(p));
    }
    return plans;
}

}  // namespace

int main() {
    const std::string catalog = make_catalog_json(1'000'000);
    const auto check = tabi::load_catalog(catalog);
    if (!check.catalog) {
        std::fprintf(stderr, "the benchmark catalogue does not load: %s\n",
                     check.problems.empty() ? "?" : tabi::describe_catalog_problem(check.problems.front()).c_str());
        return 1;
    }
    constexpr int kParseRuns = 9;
    constexpr int kRecommendRuns = 31;
    constexpr std::size_t kPlans = 10'000;
    constexpr std::int64_t kMbPerDay = 1500;
    std::size_t sink = 0;
    const double parse_ms = median_ms(kParseRuns, [&] { sink += tabi::load_catalog(catalog).catalog->plans.size(); });

    const std::vector<tabi::Plan> plans = make_plans(kPlans);
    std::vector<const tabi::Plan*> pointers;
    for (const auto& p : plans) pointers.push_back(&p);
    auto time_trip = [&](int days) {
        tabi::RecommendRequest request;
        request.plans = pointers;
        request.trip = tabi::TripNeed{days, kMbPerDay};
        request.card = tabi::CardNow{2, 800};
        const auto first = tabi::recommend(request);
        if (!first || first->status != tabi::RecommendStatus::recommended) {
            std::fprintf(stderr, "no recommendation for %d days\n", days);
            std::exit(1);
        }
        return median_ms(kRecommendRuns, [&] { sink += tabi::recommend(request)->alternatives.size() + 1; });
    };
    const double recommend_30 = time_trip(30);
    const double recommend_90 = time_trip(90);

    tabi::Catalog devices;
    for (int i = 0; i < 5000; ++i) {
        tabi::Device d;
        d.brand = (i % 3 == 0) ? "Samsung" : (i % 3 == 1) ? "Google" : "Xiaomi";
        d.model = "Model " + std::to_string(i) + (i % 7 == 0 ? " Pro" : "");
        d.lte_bands = {1, 3, 19};
        devices.devices.push_back(std::move(d));
    }
    const double search_ms = median_ms(kRecommendRuns, [&] { sink += tabi::find_devices(devices, "model 12 pro", 20).size(); });

    std::printf("{\"catalog_parse_1mb_ms\": %.3f, \"catalog_bytes\": %zu, \"catalog_plans\": %zu, "
                "\"catalog_runs\": %d, \"recommend_plans\": %zu, \"recommend_mb_per_day\": %lld, \"recommend_runs\": %d, "
                "\"recommend_10k_30d_ms\": %.3f, \"recommend_10k_90d_ms\": %.3f, \"recommend_30d_target_ms\": 5, "
                "\"device_search_5k_ms\": %.3f}\n",
                parse_ms, catalog.size(), check.catalog->plans.size(), kParseRuns, plans.size(),
                static_cast<long long>(kMbPerDay), kRecommendRuns, recommend_30, recommend_90, search_ms);
    return sink == 0 ? 2 : 0;
}
