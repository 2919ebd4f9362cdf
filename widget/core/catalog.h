// The plan catalogue (format v1): operators, plans per card kind, payment methods, exchange rates and
// the device table. Hosts supply it as JSON; docs/catalog.md describes it and docs/catalog.schema.json
// is its JSON Schema. load_catalog() validates everything and reports every problem with its JSON pointer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/messages.h"
#include "core/money.h"
#include "core/problem.h"

namespace tabi {

inline constexpr int kCatalogVersion = 1;

enum class CardKind { sim, esim, wifi };
// The card kinds' names in every JSON format (catalogue, card status, stored order, core API), in enum order.
inline constexpr std::string_view kCardKindNames[] = {"sim", "esim", "wifi"};
enum class PlanKind { day_pass, monthly, data_pack, rental_extension };
// How an operator counts a plan's days (see ../shared/REFERENCE.md, "how operators count days").
enum class ValidityRule {
    calendar_jst,  // activation day is day 1; ends 23:59:59 JST on day N
    rolling_24h,   // N periods of 24 hours from activation
};
// What a renewal does with what is left on the card.
enum class Stacking { add, replace };
// When a renewal's days start.
enum class StartRule { now, after_current };
enum class RefundPolicy { none, before_activation, unused_days };

std::string_view to_string(CardKind k);
std::string_view to_string(PlanKind k);
std::string_view to_string(ValidityRule r);
std::string_view to_string(Stacking s);
std::string_view to_string(StartRule s);
std::string_view to_string(RefundPolicy p);
std::optional<CardKind> card_kind_from(std::string_view name);

struct SupportHours {
    int open_minute = 0;    // minutes after 00:00 JST
    int close_minute = 0;   // minutes after 00:00 JST; may be 24 * 60; below open_minute when the hours run past midnight
    std::string days;       // "daily", "weekdays", "weekends"
};

struct Operator {
    std::string id;
    std::string name;
    std::string phone;
    std::string email;
    std::string chat_url;
    SupportHours hours;
    // Rental order numbers, as a mask: '#' a digit, '@' a letter, '*' a letter or digit, '\\' quotes the
    // next character, anything else stands for itself. "WB-########" matches "WB-20261128".
    // Empty when the operator gives none (a warning for an operator with wifi products).
    std::string order_pattern;
};

struct PlanData {
    bool unlimited = false;
    std::int64_t mb = 0;                // total MB for a capped plan (0 for unlimited)
    std::int64_t fair_use_mb_per_day = 0;  // unlimited plans: daily threshold before the speed cap (0 = none)
};

struct Refund {
    RefundPolicy policy = RefundPolicy::none;
    int within_days = 0;  // for before_activation / unused_days: days after purchase the refund is open
};

// A catalogue's own wording of a name with its translations ("names": {"ja": "…"}), one per widget locale.
struct Translations {
    std::vector<std::pair<Locale, std::string>> by_locale;
    // The translation for `locale`, or `fallback` (the catalogue's "name") when it has none.
    const std::string& in(Locale locale, const std::string& fallback) const {
        for (const auto& [l, text] : by_locale)
            if (l == locale) return text;
        return fallback;
    }
};

struct Plan {
    std::string id;
    std::string name;          // as the catalogue writes it; name_in() gives the traveller's language
    std::string product_id;
    std::string product_name;
    Translations names;
    Translations product_names;
    std::string operator_id;
    CardKind card = CardKind::sim;
    PlanKind kind = PlanKind::day_pass;
    int days = 0;                       // 0 only for a data pack that keeps the current expiry; a data pack with
                                        // days > 0 also adds that validity, like any plan (see docs/catalog.md)
    PlanData data;
    int speed_after_cap_kbps = 0;       // 0 = no service after the cap
    Money price;
    Refund refund;
    std::vector<std::string> networks;  // "docomo", "au", "softbank", "rakuten"
    ValidityRule validity = ValidityRule::calendar_jst;
    Stacking stacking = Stacking::add;
    StartRule starts = StartRule::after_current;
    std::optional<Money> late_fee_per_day;  // wifi rentals: what a late return costs per day
    int extension_notice_hours = 0;         // wifi rentals: how long before the return an extension must be bought

    const std::string& name_in(Locale locale) const { return names.in(locale, name); }
    const std::string& product_name_in(Locale locale) const { return product_names.in(locale, product_name); }
};

// A plan taken `quantity` times in a row: a recommendation's items, the chosen plans in catalogue order, the
// renewals a preview applies. (An order's lines copy the plan's id, name and price instead: an order outlives
// the catalogue it was made from, so it cannot point into one.)
struct PlanQuantity {
    const Plan* plan = nullptr;  // into a catalogue that outlives this
    int quantity = 1;
};

struct ExchangeRates {
    std::string base;     // the currency rates are quoted from (e.g. "JPY")
    std::string as_of;    // ISO date
    std::vector<ExchangeRate> rates;  // base -> each listed currency
    const ExchangeRate* find(std::string_view to) const;
};

struct Device {
    std::string brand;
    std::string model;
    std::vector<int> lte_bands;
    std::vector<int> nr_bands;
    bool esim = false;
    std::string note;  // e.g. "Mainland China models have no eSIM"
};

struct Catalog {
    int version = kCatalogVersion;
    std::string name;
    std::vector<Operator> operators;
    std::vector<Plan> plans;
    std::vector<std::string> payment_methods;  // "card", "paypal", "alipay", "wechat_pay", "apple_pay", "google_pay", ...
    ExchangeRates exchange_rates;
    std::vector<Device> devices;

    const Operator* find_operator(std::string_view id) const;
    const Plan* find_plan(std::string_view id) const;
};



// A string of a catalogue document with its JSON pointer.
struct CatalogText {
    std::string pointer;
    std::string text;
    std::string names_locale;  // the key of an entry of a "names" object (a locale tag), "" for any other string
};

struct CatalogLoad {
    std::optional<Catalog> catalog;   // present when there are no errors
    std::vector<Problem> problems;    // errors and warnings, in document order
    // Every string value of the document (when it is a JSON object), read in the same pass: the widget checks
    // that its fonts hold those it shows without parsing the catalogue again.
    std::vector<CatalogText> texts;
    std::size_t error_count() const;
};

// Parses and validates a catalogue. Never throws; every error and warning carries a JSON pointer.
CatalogLoad load_catalog(std::string_view json_text);

// Whether a widget in `locale` may show the text: every one but the other locales' entries of "names" objects.
bool shown_in(const CatalogText& text, Locale locale);

// The built-in sample catalogue (realistic fictional operators), used by the demo and tests.
std::string_view sample_catalog_json();

// English text of a catalogue problem, e.g. "/plans/2/price/minor: must not be negative".
std::string describe_catalog_problem(const Problem& p);

// What the panel and the hosts' events show for a catalogue problem: describe_catalog_problem(), except that a
// failed fetch ("catalog.fetch_failed") shows its reason as the browser gave it.
std::string catalog_problem_message(const Problem& p);

// The same text without the pointer: "\"minor\" must not be negative". Used by tabi-catalog-check.
std::string catalog_problem_text(const Problem& p);

// Every message id load_catalog() can report, plus "catalog.fetch_failed" (reported by the wasm bridge when the
// catalogue cannot be fetched), in the order docs/catalog.md lists them.
std::span<const std::string_view> catalog_message_ids();
// The English template of a message id, with {name} placeholders for its args; "" for an unknown id.
std::string_view catalog_message_template(std::string_view message_id);

// Checks an order-number pattern (the mask syntax above): at most kMaxOrderPatternLength printable ASCII
// characters, at least one placeholder, no lone trailing '\\'. The problem carries `where` as given.
inline constexpr std::size_t kMaxOrderPatternLength = 64;
std::optional<Problem> check_order_pattern(std::string_view pattern, std::string where);
// Whether `text` is an order number of the form `pattern`; letters in the pattern match either case.
// False for a pattern that check_order_pattern() refuses.
bool matches_order_pattern(std::string_view pattern, std::string_view text);

}  // namespace tabi
