// The card's status, as the host's `lookupCard(identifier)` returns it, and everything the widget computes from
// it: the expiry (in Japan time and the traveller's own), a countdown, the "renew by" instant, warnings, a
// forecast of when the data runs out, the card after a renewal (the confirm screen's preview) and, for a pocket
// WiFi rental, an extension's price against the late-return fee.
//
// Status JSON (one object; members not listed here are ignored; null counts as absent):
//   "card"               "sim" | "esim" | "wifi"                                      required
//   "operator"           operator id of the catalogue                                 required
//   "product"            product id of the catalogue                                  required
//   "plan"               the current plan's id in the catalogue: its name is then shown in the traveller's
//                        language (catalogue "names"); an id the catalogue lacks falls back to plan_name   optional
//   "plan_name"          the current plan's name, shown as given ("7 days · 5 GB")    optional
//   "activated_at"       ISO 8601 instant ("2026-11-20T03:00:00Z", "…+09:00")        see below
//   "validity"           "calendar_jst" | "rolling_24h"                               see below
//   "days"               the current plan's days, 1..3660                             see below
//   "unlimited"          true | false                                                 optional, default false
//   "data_total_mb"      the plan's data, 1..100000000; leave it out when unlimited   required unless unlimited
//   "data_used_mb"       data used so far, 0..100000000 (may exceed the total)       required unless unlimited
//   "expires_at"         ISO 8601 instant: the host's own expiry; it wins over computing one
//   "rental_return_date" "YYYY-MM-DD", a Japan date; wifi only                        required for wifi
//   "late_fee_per_day"   {"minor": 1650, "currency": "JPY"}; wifi only                 optional
// Example: {"card":"sim","operator":"sakura-mobile-jp","product":"sakura-visitor-sim","plan_name":"7 days · 5 GB",
//           "activated_at":"2026-11-20T03:00:00Z","validity":"calendar_jst","days":7,"data_total_mb":5120,
//           "data_used_mb":4200}
// The expiry: "expires_at" when given; else for wifi the end of the return date; else computed from
// "activated_at", "validity" and "days", which are then required.
//
// How days are counted (../shared/REFERENCE.md, "how operators count days"); an expiry is the last second the card
// works, and the card has expired once `now` is later:
//   calendar_jst  the Japan date of the start is day 1; valid until 23:59:59 JST on day N.
//   rolling_24h   N periods of 24 hours: valid until start + N × 24 h.
//   wifi rental   valid until 23:59:59 JST on the return date.
// Every "now" is a parameter; nothing here reads a clock, throws or aborts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/civil_time.h"
#include "core/money.h"
#include "core/problem.h"

namespace tabi {

inline constexpr std::size_t kMaxStatusBytes = 16 * 1024;
inline constexpr std::size_t kMaxStatusTextBytes = 200;  // operator, product, plan, plan_name
inline constexpr int kMaxStatusDays = 3660;
inline constexpr std::int64_t kMaxStatusMb = 100'000'000;
inline constexpr std::int64_t kExpirySoonSeconds = 3 * 24 * 60 * 60;  // warn at 3 days left or fewer
inline constexpr std::int64_t kDataLowPercent = 10;                    // warn below 10 % left
inline constexpr int kMaxRenewalQuantity = 99;

struct CardStatus {
    CardKind card = CardKind::sim;
    std::string operator_id;
    std::string product_id;
    std::string plan_id;    // "" when not given
    std::string plan_name;
    std::optional<UnixSeconds> activated_at;
    std::optional<ValidityRule> validity;
    int days = 0;                     // 0 when not given
    bool unlimited = false;
    std::int64_t data_total_mb = 0;   // 0 when unlimited
    std::int64_t data_used_mb = 0;
    std::optional<CivilDate> rental_return_date;  // wifi
    std::optional<Money> late_fee_per_day;        // wifi
    UnixSeconds expires_at = 0;       // the host's "expires_at", or computed by parse_card_status
    bool expiry_from_host = false;
};

// Parses and checks the status JSON. The problem names the member by JSON pointer ("/data_used_mb",
// "/late_fee_per_day/minor", "" for the whole text); a malformed date or time passes on the "time.*" problem of
// civil_time.h with `where` set to the member.
Result<CardStatus> parse_card_status(std::string_view json_text);

// Whether the status fits the catalogue: its operator exists, its product has plans there, for the same kind of
// card. Errors with `where` "/operator", "/product" or "/card"; empty when all is well.
std::vector<Problem> check_status_against_catalog(const CardStatus& status, const Catalog& catalog);

// --- Days and instants

// The last second of a period of `days` days from `start` under `rule` (see above); `start` itself when days < 1.
UnixSeconds validity_end(ValidityRule rule, UnixSeconds start, int days);
// 23:59:59 JST on the return date.
UnixSeconds rental_end(CivilDate return_date);

// An instant as the traveller reads it: in Japan and at their own offset.
struct InstantDisplay {
    UnixSeconds at = 0;
    CivilDateTime jst;
    CivilDateTime local;
    int local_offset_minutes = 0;  // as used: clamped to -18:00..+18:00
};
// `traveller_offset_minutes` is minutes EAST of UTC, i.e. JavaScript's -new Date().getTimezoneOffset().
InstantDisplay display_instant(UnixSeconds at, int traveller_offset_minutes);

struct Countdown {
    bool expired = false;           // now is later than the expiry
    std::int64_t total_seconds = 0; // left; 0 when expired
    std::int64_t days = 0;
    int hours = 0;
    int minutes = 0;
    int seconds = 0;
};
Countdown countdown_to(UnixSeconds expiry, UnixSeconds now);

struct DataLeft {
    bool unlimited = false;
    std::int64_t total_mb = 0;
    std::int64_t used_mb = 0;
    std::int64_t left_mb = 0;     // total - used, never below 0
    int permille_left = 0;        // 0..1000 rounded down, for the bar; 1000 when unlimited
};
DataLeft data_left(const CardStatus& status);

// By when to renew: the expiry; for a wifi rental the expiry minus the longest extension notice among the
// rental_extension plans of the status's product in `plans` (an extension bought later may be refused).
struct RenewBy {
    UnixSeconds at = 0;
    int notice_hours = 0;
    bool passed = false;  // now is later than `at`
};
RenewBy renew_by(const CardStatus& status, std::span<const Plan> plans, UnixSeconds now);

// Warnings (Severity::warning) in this order: "status.expired" (where "expires_at") or "status.expires_soon"
// (3 days left or fewer), then, unless expired, "status.out_of_data" or "status.data_low" (under 10 % left)
// (where "data_used_mb"). Dates in the arguments are written as `locale` writes them (date_text.h), times
// "23:59", both in Japan.
std::vector<Problem> status_warnings(const CardStatus& status, std::span<const Plan> plans, UnixSeconds now,
                                     Locale locale = Locale::en);

// When the data runs out at the average rate since activation. The rate is the data used over the time since
// activation, taken as at least one day so a first hour's download does not predict a flood:
// mb_per_day = used × 86400 / elapsed_seconds (rounded); runs out at now + left × elapsed_seconds / used.
// Not available (available = false, no message) for unlimited data, no activation time, nothing used yet,
// no data left or an expired card.
struct DataForecast {
    bool available = false;
    std::int64_t elapsed_seconds = 0;
    std::int64_t mb_per_day = 0;
    UnixSeconds runs_out_at = 0;
    CivilDate runs_out_date;              // in Japan
    bool before_expiry = false;           // runs_out_at is before the expiry
    std::int64_t days_before_expiry = 0;  // Japan dates from runs_out_date to the expiry's date (when before)
    std::int64_t mb_left_at_expiry = 0;   // when it lasts
    // "status.forecast.before_expiry" (".one" for 1 day), "status.forecast.expiry_day", "status.forecast.lasts".
    Message message;
};
DataForecast forecast_data(const CardStatus& status, UnixSeconds now, Locale locale = Locale::en);

// Everything the status screen shows.
struct StatusSummary {
    InstantDisplay expiry;
    Countdown countdown;
    RenewBy renew_by;
    InstantDisplay renew_by_display;
    DataLeft data;
    DataForecast forecast;
    std::vector<Problem> warnings;
};
StatusSummary summarize_status(const CardStatus& status, std::span<const Plan> plans, UnixSeconds now,
                               int traveller_offset_minutes, Locale locale = Locale::en);

// --- The card after a renewal


// A stretch of time with unlimited data.
struct UnlimitedWindow {
    UnixSeconds from = 0;
    UnixSeconds until = 0;
    friend bool operator==(const UnlimitedWindow&, const UnlimitedWindow&) = default;
};

struct CardAfter {
    UnixSeconds expires_at = 0;
    bool expired = false;
    // Unlimited from now (or the renewal's start) until expires_at. Otherwise the capped allowance below applies,
    // except within the windows.
    bool unlimited = false;
    std::int64_t data_total_mb = 0;
    std::int64_t data_left_mb = 0;
    std::vector<UnlimitedWindow> unlimited_windows;  // merged, in time order
    std::optional<CivilDate> rental_return_date;
};

struct PreviewLine {
    std::string plan_id;
    std::string plan_name;
    PlanKind kind = PlanKind::day_pass;
    int quantity = 1;
    UnixSeconds starts_at = 0;          // when its days (or, for a data pack, its data) start
    UnixSeconds ends_at = 0;            // when its days end: the card's expiry for a pack without days
    std::int64_t days_added = 0;        // plan days × quantity
    std::int64_t data_added_mb = 0;     // plan MB × quantity; 0 for unlimited data
    bool unlimited = false;
    UnixSeconds expires_after = 0;      // the card's expiry once this line is applied
    std::optional<CivilDate> return_date_before;  // rental extensions
    std::optional<CivilDate> return_date_after;
    // "status.preview.line.*": the line as the confirm screen says it.
    Message message;
};

struct RenewalPreview {
    CardAfter before;
    CardAfter after;
    std::vector<PreviewLine> lines;  // in the order applied (see preview_renewal)
    std::vector<Problem> notes;      // warnings for the confirm screen ("status.preview.*")
};

// The card after buying `items`, computed per plan:
//  - Plans with days are applied first, in the given order, then data packs without days (so a pack bought with
//    a day pass for an expired card lands on the renewed card).
//  - An expired card starts again from `now`: what was left on it (days and data) is gone.
//  - stacking add, starts after_current: the plan's days follow the current expiry (calendar_jst: day 1 is the
//    Japan date of the second after it; rolling_24h: 24-hour periods from it); data adds to what is left.
//  - stacking add, starts now: the plan's days run from now; the expiry is the later of the two; data adds.
//  - stacking replace, starts now: what is left is dropped; the card has the plan's days from now and its data.
//    replace with after_current behaves as add (nothing is left to replace when it starts).
//  - data_pack with 0 days: adds data and keeps the expiry (refused for an expired card with no plan with days).
//  - rental_extension: moves the return date by the plan's days (an overdue rental: from today in Japan, today
//    being day 1); the rental ends at 23:59:59 JST on the new date.
//  - Unlimited data lasts over the plan's days (a window); capped data is an allowance used outside the windows.
// Refuses no items, a missing plan, a quantity outside 1..99, a plan for another kind of card or product, a plan
// with impossible days or data, and totals that overflow.
// Plan names in problems and lines are in `locale` where the catalogue translates them.
Result<RenewalPreview> preview_renewal(const CardStatus& status, std::span<const PlanQuantity> items, UnixSeconds now,
                                       Locale locale = Locale::en);

// --- Pocket WiFi: extend or pay the late fee

enum class CheaperOption { extension, late_fee, same };

struct ExtensionVersusLateFee {
    int days = 0;            // the extension's days
    Money extension_price;
    Money late_fee;          // late_fee_per_day × days
    Money difference;        // the dearer minus the cheaper (0 when the same)
    CheaperOption cheaper = CheaperOption::same;
    // "status.late_fee.extension_cheaper", "status.late_fee.late_fee_cheaper" or "status.late_fee.same" (".one"
    // for 1 day).
    Message message;
};
// The late fee per day is the status's, else the plan's. The message's amounts are formatted with format_money
// for `locale` ("en", "ja", "zh-Hans", ...). Refuses a plan that is not a rental extension, an unknown late fee,
// two different currencies and overflow ("money.overflow" from money.h).
Result<ExtensionVersusLateFee> compare_extension_to_late_fee(const CardStatus& status, const Plan& extension,
                                                            std::string_view locale = "en");

// Every message id this module reports (not the "time.*" ones it passes on; see time_message_ids), and the
// English template of each ({name} placeholders for its args; "" for an unknown id).
std::span<const std::string_view> status_message_ids();
std::string_view status_message_template(std::string_view message_id);

}  // namespace tabi
