// libFuzzer target: arbitrary bytes as a catalogue. load_catalog() must never crash, throw or hang, and what it
// returns must be consistent: a catalogue exactly when there is no error, every problem with a pointer and an
// English text, every loaded value within the limits docs/catalog.md promises.
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -DFMT_HEADER_ONLY -Iwidget tests/fuzz/fuzz_catalog.cpp \
//       widget/core/catalog.cpp widget/core/money.cpp build/native/generated/sample_catalog.cpp -o fuzz_catalog
//   mkdir -p corpus && cp widget/core/sample_catalog.json corpus/ && ./fuzz_catalog corpus -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/catalog.h"
#include "core/money.h"

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail = {}) {
    std::fprintf(stderr, "invariant broken: %s %.*s\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

void require(bool ok, const char* what, std::string_view detail = {}) {
    if (!ok) fail(what, detail);
}

// Problems travel to the page as JSON events: their texts must be valid UTF-8.
bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        const auto c1 = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
            return false;
        i += n;
    }
    return true;
}

void check_problems(const tabi::CatalogLoad& load) {
    for (const tabi::Problem& p : load.problems) {
        require(p.where.empty() || p.where[0] == '/', "pointer", p.where);
        require(!tabi::catalog_message_template(p.message_id).empty(), "message id without text", p.message_id);
        const std::string text = tabi::describe_catalog_problem(p);
        require(!text.empty(), "empty description", p.message_id);
        require(is_valid_utf8(text), "description is not UTF-8", p.message_id);
        for (const auto& arg : p.args) require(is_valid_utf8(arg.value), "arg is not UTF-8", arg.name);
    }
}

void check_catalog(const tabi::Catalog& cat) {
    require(cat.version == tabi::kCatalogVersion, "version");
    require(!cat.operators.empty() && !cat.plans.empty() && !cat.payment_methods.empty(), "empty lists");
    for (const tabi::Operator& op : cat.operators) {
        require(cat.find_operator(op.id) == &op, "duplicate operator", op.id);
        require(op.hours.open_minute >= 0 && op.hours.open_minute < 24 * 60, "open");
        require(op.hours.close_minute >= 0 && op.hours.close_minute <= 24 * 60, "close");
        require(op.hours.open_minute != op.hours.close_minute, "empty hours");
        if (!op.order_pattern.empty()) {
            require(!tabi::check_order_pattern(op.order_pattern, "").has_value(), "bad pattern loaded", op.order_pattern);
            (void)tabi::matches_order_pattern(op.order_pattern, op.id);
        }
    }
    for (const tabi::Plan& plan : cat.plans) {
        require(cat.find_plan(plan.id) == &plan, "duplicate plan", plan.id);
        require(cat.find_operator(plan.operator_id) != nullptr, "dangling operator", plan.operator_id);
        require(plan.price.minor > 0 && tabi::currency_exponent(plan.price.currency).has_value(), "price", plan.id);
        require(plan.days >= 0 && (plan.days > 0 || plan.kind == tabi::PlanKind::data_pack), "days", plan.id);
        require(plan.data.unlimited ? plan.data.mb == 0 : plan.data.mb > 0, "data", plan.id);
        require(plan.kind != tabi::PlanKind::rental_extension || plan.card == tabi::CardKind::wifi, "rental", plan.id);
        require(plan.card == tabi::CardKind::wifi || !plan.networks.empty(), "networks", plan.id);
        require(!plan.late_fee_per_day || plan.late_fee_per_day->currency == plan.price.currency, "late fee", plan.id);
        (void)tabi::to_string(plan.kind);
        (void)tabi::to_string(plan.card);
        (void)tabi::to_string(plan.refund.policy);
        (void)tabi::to_decimal_string(plan.price);
        (void)tabi::format_money(plan.price, "ja");
        (void)tabi::divide_rounded(plan.price, plan.days > 0 ? plan.days : 1);
        // Loaded amounts and rates are capped so that converting and multiplying them never overflows silently.
        for (const tabi::ExchangeRate& rate : cat.exchange_rates.rates) {
            require(rate.from == cat.exchange_rates.base && rate.numerator > 0, "rate", rate.to);
            if (rate.from == plan.price.currency) {
                auto converted = tabi::convert(plan.price, rate);
                if (converted) (void)tabi::format_money(*converted, "en");
            }
        }
        (void)tabi::multiply(plan.price, 3650);
    }
    for (const tabi::Device& d : cat.devices) {
        require(!d.lte_bands.empty(), "device without LTE", d.model);
        for (int b : d.lte_bands) require(b >= 1 && b <= 255, "lte band", d.model);
        for (int b : d.nr_bands) require(b >= 1 && b <= 512, "nr band", d.model);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const tabi::CatalogLoad load = tabi::load_catalog(text);
    require(load.catalog.has_value() == (load.error_count() == 0), "catalogue present exactly when there is no error");
    require(load.catalog.has_value() || !load.problems.empty(), "a refused catalogue says why");
    check_problems(load);
    if (load.catalog) check_catalog(*load.catalog);

    // The same bytes as an order-number pattern and a candidate (split at the first newline).
    const std::size_t newline = text.find('\n');
    const std::string_view pattern = text.substr(0, newline);
    const std::string_view candidate = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    const bool valid_pattern = !tabi::check_order_pattern(pattern, "/p").has_value();
    if (tabi::matches_order_pattern(pattern, candidate)) require(valid_pattern, "an invalid pattern matched");
    return 0;
}
