// The recommendation of the "choose a plan" step: the cheapest combination of plans (a multiset: a plan may be
// bought several times) that covers the rest of the trip at the traveller's expected daily use, with the reason
// in one sentence, and up to three notable alternatives.
//
// THE MODEL (what a purchase does to the card)
// - Everything is counted over the rest of the trip, from today (today counts as a day). The trip needs
//   T = days left in the trip days of validity and M = mb_per_day × T MB of data. The card brings what it has:
//   its valid days within reach (valid_days_left) and its remaining data. An expired card (0 valid days) brings
//   no data: prepaid data lapses with the validity.
// - An "add" plan adds its days to the validity and its data to the pool, whether it starts now or after the
//   current validity (either way the covered days add up). A "replace" plan that starts after the current one
//   is an add plan too: the catalogue warns that replace has no effect then (catalog.replace_after_current).
// - Data a plan brings: its MB when capped. An unlimited plan covers the traveller's use on its own days:
//   days × min(fair_use_mb_per_day, mb_per_day), or days × mb_per_day with no fair-use threshold. (Counting the
//   whole fair-use allowance would let three unlimited days "cover" the data of the other days of the trip.)
//   It assumes the unlimited days fall within the trip, i.e. that plan is used first.
// - A "replace" plan that starts now throws away what is left on the card: the validity becomes its own days
//   (unchanged for a data pack of 0 days) and the data its own. It is bought first and add plans stack on top.
//   A second replace plan would wipe the first, so a combination holds at most one: in the search a replace plan
//   is not a step but a starting point, next to the card as it is.
// - Plans of different products never mix (a traveller renews one card). Given plans of several products (the
//   product is unknown), each product is solved alone and the cheapest wins: compared exactly through the
//   catalogue's rates when their currencies differ (by currency code, then amount, when no rate links them).
//
// THE ORDER of combinations: the lowest total; then fewer purchases; then fewer surplus days; then less surplus
// data; then the sorted list of plan ids, lexicographically. Adding the same plan to two combinations keeps their
// order, which is what lets the dynamic programme below drop states early and still be exact with ties.
//
// THE ALGORITHM (per product), exact:
// 1. Dominance pruning, O(n log n). Plan q makes plan p useless when q costs no more, covers at least as much of
//    each need (days clamped to T, data clamped to M) and, at an equal price, is no looser (fewer days, then less
//    data, then a smaller id): swapping p for q in any combination keeps it covering with as many purchases and
//    improves its order, so p is never in the best one. Sorted by (price, days, data, id), p is dominated iff an
//    earlier plan has clamped days and clamped data at least p's: a Fenwick tree over days 0..T keeps the most
//    data per suffix of days. Replace plans are pruned among themselves the same way.
// 2. Dynamic programme over covered days t = 0..T (clamped at T). Each t holds a Pareto frontier of states,
//    sorted by data (exact MB, clamped at M) with labels (total, purchases) non-decreasing; a state with the same
//    data and label as another keeps the one with fewer surplus days, then data, then ids. Day plans move t
//    forward; the frontier at T is then closed under every plan that adds data (data packs commute with the rest,
//    so they are all applied there). Granularity: none. Data stays in exact MB and the frontier only holds data
//    totals that occur, so it never exceeds M / g + 1 entries, g the gcd of the plans' data (1024 for catalogues
//    in GB): the gcd grid is the worst case, not the working set, and no rounding of sizes is ever made.
// 3. Branch and bound. An upper bound UB comes from quick covers (k copies of one plan; a day plan, then a data
//    plan; among the best by price per day, per MB and the plans of the LP envelope) and falls whenever a full
//    cover is found. A state is dropped when total + LB(days still needed, data still needed) > UB, LB being the
//    LP relaxation: the maximum over the vertices of the dual polygon {u, v ≥ 0 : days_i·u + data_i·v ≤ price_i}
//    (computed exactly: rationals compared by cross-multiplication, 256-bit where needed). Dropping only on '>'
//    keeps every tie.
// Cost: O(n log n) + O(n'·h) for the envelope (h its vertices) + O(Σ_t |F_t| · n' · log|F_t|) for the programme,
// n' the plans left after pruning and |F_t| the frontier sizes, which the bound keeps small: 10,000 random plans
// take about a millisecond for 90 days (tests/bench/core_bench.cpp). The number of states is capped at
// kMaxSearchStates: past it the answer is recommend.too_complex, never a guess.
//
// THE ALTERNATIVES: each is the exact best of its kind, different from the recommendation and from each other,
// at most three, cheapest first: fewest purchases (when fewer than the recommendation's); all refundable (when the
// recommendation has a non-refundable plan); a margin of one spare day and 20 % more data (for what must be
// bought); the next cheapest: the best combination without one of the recommendation's plans.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/civil_time.h"
#include "core/money.h"
#include "core/problem.h"

namespace tabi {

inline constexpr int kMaxTripDays = 3650;                      // as long as a plan may be (catalogue limit)
inline constexpr std::int64_t kMaxMbPerDay = 10'000'000;        // the catalogue's limit for a fair-use threshold
inline constexpr std::int64_t kMaxRemainingMb = 1'000'000'000'000;
inline constexpr std::size_t kMaxSearchStates = 400'000;       // about 20 MB of search states
inline constexpr int kMaxAlternatives = 3;
inline constexpr int kMarginDays = 1;                          // "covers with margin": one spare day
inline constexpr int kMarginDataPercent = 20;                  // and 20 % more data than the trip needs

struct TripNeed {
    int days_left = 0;             // days of the trip still ahead, today included (0: the trip is over)
    std::int64_t mb_per_day = 0;   // the traveller's expected use
};

struct CardNow {
    int valid_days_left = 0;       // days the current validity still covers, today included (0: expired)
    std::int64_t remaining_mb = 0; // data left on the card
};

struct RecommendRequest {
    std::span<const Plan* const> plans;   // the plans the card can buy (plans_for_card); null entries are skipped
    TripNeed trip;
    CardNow card;
    const ExchangeRates* rates = nullptr; // compares products in different currencies (unknown product only)
    std::string locale = "en";            // formats the amounts in the reasons' arguments (format_money)
};

// The same trip as dates: the rest of the trip runs from `now` to the end of `last_day` (Japan time); the card
// is valid until `card_expiry`. How days count follows the product's validity rule:
// - calendar_jst: today is day 1 and each Japan date is a day; the card covers through the Japan date of its last
//   valid second (an expiry at 00:00 JST covers the day before), today included;
// - rolling_24h: 24-hour periods from now to the end of last_day (rounded up); the card covers the trip up to its
//   expiry, and the days still needed are the periods from its expiry to the end of the trip, rounded up.
struct TripDates {
    UnixSeconds now = 0;
    CivilDate last_day;                      // the last day of the trip in Japan
    std::optional<UnixSeconds> card_expiry;  // nullopt: no validity left
    ValidityRule rule = ValidityRule::calendar_jst;
};

struct TripDays {
    int trip_days = 0;
    int card_valid_days = 0;  // may exceed trip_days when the card outlasts the trip
};

// Problems: recommend.bad_date {date} (where "last_day"), recommend.trip_ended {date} (the last day is past),
// recommend.bad_trip_days {max} (a trip longer than kMaxTripDays).
Result<TripDays> count_trip_days(const TripDates& dates);

// A message id with its arguments (the message catalogues render it).
// One combination of plans and what it does.
struct Pick {
    std::vector<PlanQuantity> items;    // one entry per plan, sorted by plan id
    Money total;                        // the charge, in the plans' currency
    int purchases = 0;                  // the sum of the quantities
    std::int64_t days_added = 0;        // days of validity the plans bring
    std::int64_t data_added_mb = 0;     // data the plans bring for the trip (unlimited: per the model above)
    std::int64_t covered_days = 0;      // days covered from today after the renewal
    std::int64_t trip_data_mb = 0;      // data available for the trip after the renewal
    std::int64_t surplus_days = 0;      // covered_days − trip days
    std::int64_t surplus_mb = 0;        // trip_data_mb − the trip's data need
    bool includes_unlimited = false;
    bool replaces_current = false;      // holds a replace plan: what is left on the card is discarded
    bool all_refundable = false;
    Message reason;            // why this one, in one sentence
    std::vector<Message> notes;  // recommend.note.replaces_current {days, data}
};

enum class RecommendStatus {
    recommended,      // best is set
    already_covered,  // the card already covers the rest of the trip: nothing to buy
    cannot_cover,     // no combination of the plans covers the need
};

struct RecommendResult {
    RecommendStatus status = RecommendStatus::cannot_cover;
    int trip_days = 0;                  // T
    std::int64_t trip_mb = 0;           // M = mb_per_day × T
    std::int64_t days_needed = 0;       // beyond what the card covers
    std::int64_t mb_needed = 0;
    std::optional<Pick> best;
    std::vector<Pick> alternatives;     // at most kMaxAlternatives, distinct, cheapest first
    // One sentence for the result: best->reason when recommended; recommend.already_covered {days, data};
    // recommend.no_plans; recommend.cannot_cover_days {days}; recommend.cannot_cover_data {data};
    // recommend.cannot_cover {days, data}.
    Message message;
};

// Problems (where = the request field): recommend.bad_trip_days {max}, recommend.bad_mb_per_day {max},
// recommend.bad_valid_days, recommend.bad_remaining_mb {max}, recommend.bad_price {plan} (price not above 0, or
// an unknown currency), recommend.bad_plan {plan} (days outside 0..kMaxTripDays, data outside
// 0..kMaxRemainingMb, or a negative fair-use threshold), recommend.too_complex.
Result<RecommendResult> recommend(const RecommendRequest& request);

// The second entry point: the trip and the card as dates (count_trip_days), the rest as in `request` (whose
// trip.days_left and card.valid_days_left are replaced).
Result<RecommendResult> recommend(const RecommendRequest& request, const TripDates& dates);

// "512 MB", "1 GB", "12.5 GB" (1 GB = 1024 MB, one decimal rounded half up): the data arguments of the messages.
std::string format_data_amount(std::int64_t mb);

}  // namespace tabi
