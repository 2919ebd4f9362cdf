// Index of this file (sections between "// ----" rules):
// - Dates: the range of trip dates the count accepts
// - Plans as items of the search
// - The exact search for one product (recommend.h, "the algorithm")
// - From solutions to picks: reasons, alternatives, and the public functions (format_data_amount,
//   count_trip_days, recommend)

#include "core/recommend.h"

#include <algorithm>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "core/compare.h"

// The model, the order of combinations and the algorithm are described in recommend.h.

namespace tabi {
namespace {

using exact::i128;

constexpr std::int64_t kMax64 = std::numeric_limits<std::int64_t>::max();
constexpr i128 kUnreachable = static_cast<i128>(1) << 125;

// ---------------------------------------------------------------------------------------------------------------
// Dates: the calendar itself is civil_time's; this is only the range of trip dates the count accepts.

std::int64_t ceil_div_positive(std::int64_t a, std::int64_t b) { return a <= 0 ? 0 : (a + b - 1) / b; }

bool is_trip_date(const CivilDate& d) { return d.year >= 1970 && d.year <= 9999 && is_valid_date(d); }

// ---------------------------------------------------------------------------------------------------------------
// Plans as items of the search.

struct Item {
    std::int64_t cost = 0;   // price in minor units (> 0)
    std::int64_t days = 0;   // days of validity; for a replace plan, the validity it leaves (its own or the card's)
    std::int64_t mb = 0;     // data it brings to the trip (recommend.h, "the model")
    std::uint32_t plan = 0;  // index into Group::plans
    bool refundable = false;
};

// One product's plans, as items sorted by (price, days, data, id): the order dominance pruning needs.
struct Group {
    std::vector<const Plan*> plans;
    std::vector<Item> adds;
    std::vector<Item> replaces;
};

bool is_replace(const Plan& p) { return p.stacking == Stacking::replace && p.starts == StartRule::now; }

std::int64_t counted_mb(const Plan& p, std::int64_t mb_per_day) {
    if (!p.data.unlimited) return p.data.mb;
    const std::int64_t per_day = p.data.fair_use_mb_per_day > 0 ? std::min(p.data.fair_use_mb_per_day, mb_per_day)
                                                                 : mb_per_day;
    return per_day * p.days;
}

// Sorts by (price, days, data, id): a stable radix sort of (price, index) keys, then the rare runs of one price
// by the rest.
void sort_items(std::vector<Item>& items, const std::vector<const Plan*>& plans, std::vector<Item>& scratch) {
    using Key = std::pair<std::uint64_t, std::uint32_t>;
    std::vector<Key> keys(items.size()), buffer(items.size());
    std::uint64_t highest = 0;
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        keys[i] = {static_cast<std::uint64_t>(items[i].cost), i};  // prices are positive
        highest |= keys[i].first;
    }
    constexpr int kBits = 11;
    for (int shift = 0; shift < 64 && (highest >> shift) != 0; shift += kBits) {
        std::size_t counts[(1 << kBits) + 1] = {};
        for (const Key& k : keys) ++counts[((k.first >> shift) & ((1 << kBits) - 1)) + 1];
        for (std::size_t d = 1; d <= (1 << kBits); ++d) counts[d] += counts[d - 1];
        for (const Key& k : keys) buffer[counts[(k.first >> shift) & ((1 << kBits) - 1)]++] = k;
        keys.swap(buffer);
    }
    auto rest = [&](const Key& ka, const Key& kb) {
        const Item& a = items[ka.second];
        const Item& b = items[kb.second];
        if (a.days != b.days) return a.days < b.days;
        if (a.mb != b.mb) return a.mb < b.mb;
        return plans[a.plan]->id < plans[b.plan]->id;
    };
    for (std::size_t i = 0; i < keys.size();) {
        std::size_t j = i + 1;
        while (j < keys.size() && keys[j].first == keys[i].first) ++j;
        if (j - i > 1) std::sort(keys.begin() + static_cast<std::ptrdiff_t>(i), keys.begin() + static_cast<std::ptrdiff_t>(j), rest);
        i = j;
    }
    scratch.resize(items.size());
    for (std::size_t i = 0; i < keys.size(); ++i) scratch[i] = items[keys[i].second];
    items.swap(scratch);
}

void add_to_group(Group& g, const Plan& p, std::int64_t mb_per_day, std::int64_t card_days) {
    Item item{p.price.minor, p.days, counted_mb(p, mb_per_day), static_cast<std::uint32_t>(g.plans.size()),
              p.refund.policy != RefundPolicy::none};
    g.plans.push_back(&p);
    if (is_replace(p)) {
        if (item.days == 0) item.days = card_days;  // a replace data pack keeps the current validity
        g.replaces.push_back(item);
    } else {
        g.adds.push_back(item);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The exact search for one product (recommend.h, "the algorithm").

enum class Objective { cheapest, fewest };

struct Spec {
    std::int64_t need_days = 0;  // T for this search (the trip, or the trip plus a margin)
    std::int64_t need_mb = 0;    // M
    std::int64_t card_days = 0;  // the card as it is
    std::int64_t card_mb = 0;
    Objective objective = Objective::cheapest;
    bool refundable_only = false;
    std::int64_t excluded_plan = -1;  // a Group::plans index left out
    std::int64_t cost_cap = kMax64;   // only combinations at or below this total are of interest
    std::int64_t count_cap = kMax64;  // the same for the number of purchases (objective fewest)
};

struct Solution {
    std::vector<std::uint32_t> plans;  // Group::plans indices, one per purchase, sorted
    std::int64_t cost = 0;
    int count = 0;
    std::int64_t days = 0;  // covered days after the renewal
    std::int64_t mb = 0;    // data for the trip after the renewal
};

enum class SolveStatus { found, none, too_complex };

class Solver {
public:
    SolveStatus solve(const Group& group, const Spec& spec, Solution& out);

private:
    struct Local {
        std::int64_t cost, days, mb;  // as the plan gives them
        std::int64_t cdays, cmb;      // clamped to the need
        std::uint32_t plan;
    };
    struct Node {
        std::int64_t cost, days, mb;  // totals: price, covered days, data (not clamped)
        std::int32_t count;
        std::int32_t parent;          // node index, -1 for a starting point
        std::int32_t item;            // Local index, -1 for the card as it is
    };
    struct DualVertex {
        i128 un, vn, den;  // u = un / den, v = vn / den, den > 0
    };
    // A Lagrangian bound (see build_bounds): LB(rd, rm) = (vn·rm + days[rd]) / den.
    struct DaysBound {
        i128 vn, den;
        std::vector<i128> days;  // exact least reduced cost (× den) of covering rd days
    };

    void prune(const std::vector<Item>& sorted, bool replaces);
    void build_envelope();
    void build_bounds();
    void order_moves();
    void build_fewest();
    bool prepared_for(const Group& group, const Spec& spec) const;
    bool bounded_out(const Node& n, std::int64_t t, std::int64_t y) const;
    int compare_label(const Node& a, const Node& b) const;
    int compare_ties(const Node& a, const Node& b);
    void collect_items(const Node& n, std::vector<std::uint32_t>& out) const;
    void offer(const Node& candidate);
    std::int64_t lower_bound_from(std::int64_t cost, std::int64_t days, std::int64_t mb) const;
    std::int64_t count_bound_from(std::int64_t count, std::int64_t days, std::int64_t mb) const;
    SolveStatus search(std::int64_t bound, Solution& out);
    i128 move_slack(const Node& n, std::int64_t t) const;
    bool extend(std::int32_t from, std::uint32_t item, Node& out) const;
    std::int64_t clamp_days(std::int64_t d) const { return std::min(d, need_days_); }
    std::int64_t clamp_mb(std::int64_t m) const { return std::min(m, need_mb_); }

    const Spec* spec_ = nullptr;
    const Group* prepared_group_ = nullptr;  // what items_ and the bounds were prepared for
    Spec prepared_spec_;
    std::int64_t need_days_ = 0, need_mb_ = 0;
    std::vector<Local> items_;  // surviving add items, then surviving replace items
    std::size_t add_count_ = 0;
    std::vector<std::uint32_t> day_items_, data_items_;  // add items with cdays > 0 / cmb > 0
    std::vector<std::int64_t> most_data_;
    std::vector<DualVertex> vertices_;
    std::vector<DaysBound> bounds_;
    std::vector<std::int64_t> fewest_days_;  // least purchases covering rd days
    std::size_t primary_ = 0;                // the bound tightest at the start: orders the moves
    std::vector<i128> reduced_;             // per item: cost × den − vn × cmb of the primary bound
    // Day items grouped by clamped days, each group by reduced cost; data items by reduced cost.
    std::vector<std::pair<std::int64_t, std::vector<std::uint32_t>>> day_groups_;
    std::vector<std::uint32_t> data_order_;
    std::vector<i128> step_cost_;           // build_bounds' scratch
    std::vector<std::size_t> step_days_;
    std::int64_t max_cdays_ = 0, max_cmb_ = 0;
    std::int64_t ub_cost_ = kMax64;
    std::int64_t ub_count_ = kMax64;
    std::vector<Node> nodes_;
    std::vector<std::vector<std::int32_t>> frontier_;
    std::vector<std::uint32_t> plans_a_, plans_b_, order_;
    bool too_complex_ = false;
};

// Keeps the items no other item makes useless (recommend.h, step 1). `sorted` is in (price, days, data, id) order.
void Solver::prune(const std::vector<Item>& sorted, bool replaces) {
    // most_data[d]: the most clamped data among the items kept so far with at least d clamped days. It never
    // increases with d; it changes only when an item is kept (few are), so the check for each item is O(1).
    std::vector<std::int64_t>& most_data = most_data_;
    most_data.assign(static_cast<std::size_t>(need_days_) + 1, -1);
    for (const Item& item : sorted) {
        if (spec_->refundable_only && !item.refundable) continue;
        if (static_cast<std::int64_t>(item.plan) == spec_->excluded_plan) continue;
        const std::int64_t cd = clamp_days(item.days), cm = clamp_mb(item.mb);
        if (!replaces && cd == 0 && cm == 0) continue;  // adds nothing the trip needs
        if (most_data[static_cast<std::size_t>(cd)] >= cm) continue;
        for (std::size_t d = static_cast<std::size_t>(cd) + 1; d-- > 0 && most_data[d] < cm;) most_data[d] = cm;
        items_.push_back(Local{item.cost, item.days, item.mb, cd, cm, item.plan});
    }
}

// The vertices of the dual polygon {u, v ≥ 0 : cdays_i·u + cmb_i·v ≤ cost_i} over the add items: LB(rd, rm) is
// the largest u·rd + v·rm over them (LP duality). Its upper boundary is the lower envelope of the lines
// v = (cost_i − cdays_i·u) / cmb_i, cut at u_max = min cost_i / cdays_i.
void Solver::build_envelope() {
    vertices_.clear();
    if (day_items_.empty() && data_items_.empty()) return;
    std::uint32_t k = 0;  // the item of u_max
    if (!day_items_.empty()) {
        k = day_items_[0];
        for (std::uint32_t i : day_items_)
            if (static_cast<i128>(items_[i].cost) * items_[k].cdays < static_cast<i128>(items_[k].cost) * items_[i].cdays)
                k = i;
    }
    const Local& K = items_[k];
    if (data_items_.empty()) {
        vertices_.push_back({K.cost, 0, K.cdays});
        return;
    }
    // The line lowest at u = 0 (least cost per MB); on a tie the steepest, which stays lowest to the right.
    auto steeper = [this](std::uint32_t a, std::uint32_t b) {  // cdays_a / cmb_a > cdays_b / cmb_b
        return static_cast<i128>(items_[a].cdays) * items_[b].cmb > static_cast<i128>(items_[b].cdays) * items_[a].cmb;
    };
    std::uint32_t current = data_items_[0];
    for (std::uint32_t i : data_items_) {
        const i128 lhs = static_cast<i128>(items_[i].cost) * items_[current].cmb;
        const i128 rhs = static_cast<i128>(items_[current].cost) * items_[i].cmb;
        if (lhs < rhs || (lhs == rhs && steeper(i, current))) current = i;
    }
    vertices_.push_back({0, items_[current].cost, items_[current].cmb});
    if (day_items_.empty()) return;
    for (std::size_t guard = 0; guard <= data_items_.size(); ++guard) {
        const Local& C = items_[current];
        std::int64_t next = -1;
        i128 next_un = 0, next_ud = 1;
        for (std::uint32_t j : data_items_) {
            if (!steeper(j, current)) continue;
            const Local& J = items_[j];
            // Where line j meets the current line: u = un / ud, ud > 0 because j is steeper.
            const i128 un = static_cast<i128>(J.cost) * C.cmb - static_cast<i128>(C.cost) * J.cmb;
            const i128 ud = static_cast<i128>(J.cdays) * C.cmb - static_cast<i128>(C.cdays) * J.cmb;
            int c = next < 0 ? -1 : exact::compare_products_signed(un, next_ud, next_un, ud);
            if (c == 0 && steeper(j, static_cast<std::uint32_t>(next))) c = -1;
            if (c < 0) next = j, next_un = un, next_ud = ud;
        }
        if (next < 0) break;
        // Past u_max the polygon ends: u = un / ud ≥ K.cost / K.cdays.
        if (exact::compare_products_signed(next_un, K.cdays, K.cost, next_ud) >= 0) break;
        const Local& N = items_[static_cast<std::size_t>(next)];
        vertices_.push_back({next_un, static_cast<i128>(N.cdays) * C.cost - static_cast<i128>(C.cdays) * N.cost, next_ud});
        current = static_cast<std::uint32_t>(next);
    }
    const Local& C = items_[current];
    vertices_.push_back({static_cast<i128>(K.cost) * C.cmb,
                         static_cast<i128>(C.cost) * K.cdays - static_cast<i128>(C.cdays) * K.cost,
                         static_cast<i128>(C.cmb) * K.cdays});
}

// Lower bounds exact in days. For v the v of a vertex of the dual polygon, every item has
// cost_i − v·cmb_i ≥ u·cdays_i ≥ 0, so a completion x that covers rd days and rm MB costs
//   Σ cost_i·x_i ≥ v·rm + Σ (cost_i − v·cmb_i)·x_i ≥ v·rm + R_v(rd),
// R_v(rd) being the least total reduced cost of day items covering rd days: an exact integer programme over
// 0..T. It dominates the vertex's LP bound u·rd + v·rm and closes the gap lumpy day counts leave in it (plans of
// 28 to 31 days against 88 days to cover). v = 0 gives the exact price of the days alone.
// Magnitudes (i128): reduced costs ≤ 2^63 × den ≤ 2^63 × T × M < 2^110, sums of at most T + 1 of them < 2^122.
void Solver::build_bounds() {
    bounds_.clear();
    const std::size_t size = static_cast<std::size_t>(need_days_) + 1;
    // Only the least reduced cost per clamped day count matters: at most T + 1 "steps" instead of every item.
    std::vector<i128>& step = step_cost_;
    std::vector<std::size_t>& lengths = step_days_;
    auto add = [&](i128 vn, i128 den) {
        for (const DaysBound& b : bounds_)
            if (b.vn * den == vn * b.den) return;  // the same v
        step.assign(size, kUnreachable);
        for (std::uint32_t i : day_items_) {
            const Local& it = items_[i];
            i128& least = step[static_cast<std::size_t>(it.cdays)];
            least = std::min(least, static_cast<i128>(it.cost) * den - vn * it.cmb);
        }
        lengths.clear();
        for (std::size_t d = 1; d < size; ++d)
            if (step[d] < kUnreachable) lengths.push_back(d);
        DaysBound b{vn, den, {}};
        b.days.assign(size, kUnreachable);
        b.days[0] = 0;
        for (std::size_t r = 1; r < size; ++r) {
            i128 least = kUnreachable;
            for (std::size_t d : lengths) {
                const i128 before = b.days[r > d ? r - d : 0];
                if (before < kUnreachable) least = std::min(least, before + step[d]);
            }
            b.days[r] = least;
        }
        bounds_.push_back(std::move(b));
    };
    if (!data_items_.empty())
        for (const DualVertex& v : vertices_) add(v.vn, v.den);
    add(0, 1);
}

// The least number of purchases covering rd days, for rd = 0..T: the bound of the "fewest purchases" search.
void Solver::build_fewest() {
    const std::size_t size = static_cast<std::size_t>(need_days_) + 1;
    fewest_days_.assign(size, kMax64);
    fewest_days_[0] = 0;
    for (std::size_t r = 1; r < size; ++r)
        for (const auto& group_items : day_groups_) {
            const std::size_t cd = static_cast<std::size_t>(group_items.first);
            const std::int64_t before = fewest_days_[r > cd ? r - cd : 0];
            if (before < kMax64) fewest_days_[r] = std::min(fewest_days_[r], before + 1);
        }
}

// Orders the moves by the reduced cost of the bound that is tightest at the start, so a search can stop early.
// From a state with rd days and rm MB left, a move by item i (d_i days) leads to a state whose bound (the primary
// one) is at least the state's own + (reduced_i − (days[rd] − days[rd − d_i])) / den: data left only shrinks by
// cmb_i or less. Among items of the same d_i, once that exceeds the state's slack under the search bound, no
// item with a larger reduced cost can pass either. So day items are grouped by d_i, each group sorted.
void Solver::order_moves() {
    primary_ = 0;
    i128 best = -1;
    const std::int64_t rd = need_days_ - clamp_days(spec_->card_days), rm = need_mb_ - clamp_mb(spec_->card_mb);
    for (std::size_t k = 0; k < bounds_.size(); ++k) {
        const DaysBound& b = bounds_[k];
        const i128 d = b.days[static_cast<std::size_t>(rd)];
        if (d >= kUnreachable) continue;
        // Compare (vn·rm + d) / den across bounds: numerators < 2^123, denominators < 2^47.
        const i128 num = b.vn * rm + d;
        if (best < 0 || exact::compare_products_signed(num, bounds_[primary_].den, best, b.den) > 0)
            primary_ = k, best = num;
    }
    reduced_.resize(items_.size());
    const DaysBound& b = bounds_[primary_];
    for (std::size_t i = 0; i < add_count_; ++i) reduced_[i] = static_cast<i128>(items_[i].cost) * b.den - b.vn * items_[i].cmb;
    auto by_reduced = [this](std::uint32_t a, std::uint32_t c) {
        return reduced_[a] != reduced_[c] ? reduced_[a] < reduced_[c] : a < c;
    };
    for (auto& g : day_groups_) g.second.clear();
    std::size_t used = 0;
    std::vector<std::uint32_t>& order = order_;
    order = day_items_;
    std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t c) {
        return items_[a].cdays != items_[c].cdays ? items_[a].cdays < items_[c].cdays : a < c;
    });
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::int64_t d = items_[order[k]].cdays;
        if (k == 0 || items_[order[k - 1]].cdays != d) {
            if (used == day_groups_.size()) day_groups_.emplace_back();
            day_groups_[used].first = d;
            day_groups_[used].second.clear();
            ++used;
        }
        day_groups_[used - 1].second.push_back(order[k]);
    }
    day_groups_.resize(used);
    for (auto& g : day_groups_) std::sort(g.second.begin(), g.second.end(), by_reduced);
    data_order_ = data_items_;
    std::sort(data_order_.begin(), data_order_.end(), by_reduced);
}

bool Solver::bounded_out(const Node& n, std::int64_t t, std::int64_t y) const {
    const std::int64_t rd = need_days_ - t, rm = need_mb_ - y;
    if ((rd > 0 && day_items_.empty()) || (rm > 0 && data_items_.empty())) return true;
    if (spec_->objective == Objective::fewest) {
        const std::int64_t kd = fewest_days_[static_cast<std::size_t>(rd)];
        const std::int64_t km = rm > 0 ? (rm + max_cmb_ - 1) / max_cmb_ : 0;
        return kd == kMax64 || n.count + std::max(kd, km) > ub_count_;
    }
    const i128 gap = static_cast<i128>(ub_cost_) - n.cost;
    if (gap < 0) return true;
    if (rd == 0 && rm == 0) return false;
    for (const DaysBound& b : bounds_) {
        const i128 days = b.days[static_cast<std::size_t>(rd)];
        if (days >= kUnreachable || gap * b.den < b.vn * rm + days) return true;
    }
    return false;
}

int Solver::compare_label(const Node& a, const Node& b) const {
    auto three = [](std::int64_t x, std::int64_t y) { return x < y ? -1 : (x > y ? 1 : 0); };
    if (spec_->objective == Objective::cheapest) {
        if (const int c = three(a.cost, b.cost)) return c;
        return three(a.count, b.count);
    }
    if (const int c = three(a.count, b.count)) return c;
    return three(a.cost, b.cost);
}

// The items of a state, one per purchase, in index order.
void Solver::collect_items(const Node& n, std::vector<std::uint32_t>& out) const {
    out.clear();
    if (n.item >= 0) out.push_back(static_cast<std::uint32_t>(n.item));
    for (std::int32_t p = n.parent; p >= 0; p = nodes_[static_cast<std::size_t>(p)].parent) {
        const Node& node = nodes_[static_cast<std::size_t>(p)];
        if (node.item >= 0) out.push_back(static_cast<std::uint32_t>(node.item));
    }
    std::sort(out.begin(), out.end());
}

// Same data and label: fewer covered days, then less data, then the smaller sorted list of plan ids. Most ties
// are one combination reached in two orders: equal item lists are recognised before any id is compared.
int Solver::compare_ties(const Node& a, const Node& b) {
    if (a.days != b.days) return a.days < b.days ? -1 : 1;
    if (a.mb != b.mb) return a.mb < b.mb ? -1 : 1;
    collect_items(a, plans_a_);
    collect_items(b, plans_b_);
    if (plans_a_ == plans_b_) return 0;
    const auto& plans = prepared_group_->plans;
    auto by_id = [&](std::uint32_t x, std::uint32_t y) {
        return plans[items_[x].plan]->id < plans[items_[y].plan]->id;
    };
    std::sort(plans_a_.begin(), plans_a_.end(), by_id);
    std::sort(plans_b_.begin(), plans_b_.end(), by_id);
    for (std::size_t i = 0; i < plans_a_.size() && i < plans_b_.size(); ++i)
        if (const int c = plans[items_[plans_a_[i]].plan]->id.compare(plans[items_[plans_b_[i]].plan]->id))
            return c < 0 ? -1 : 1;
    return plans_a_.size() == plans_b_.size() ? 0 : (plans_a_.size() < plans_b_.size() ? -1 : 1);
}

void Solver::offer(const Node& candidate) {
    const std::int64_t t = clamp_days(candidate.days), y = clamp_mb(candidate.mb);
    if (bounded_out(candidate, t, y)) return;
    auto& f = frontier_[static_cast<std::size_t>(t)];
    const auto it = std::lower_bound(f.begin(), f.end(), y, [this](std::int32_t id, std::int64_t value) {
        return clamp_mb(nodes_[static_cast<std::size_t>(id)].mb) < value;
    });
    const std::size_t p = static_cast<std::size_t>(it - f.begin());
    std::size_t erase_end = p;
    if (p < f.size()) {
        const Node& e = nodes_[static_cast<std::size_t>(f[p])];
        const int c = compare_label(e, candidate);
        if (c < 0) return;  // as much data or more, for less
        if (clamp_mb(e.mb) == y) {
            if (c == 0 && compare_ties(e, candidate) <= 0) return;
            erase_end = p + 1;  // the candidate replaces it
        }
    }
    std::size_t q = p;  // entries with less data and a worse label are dominated by the candidate
    while (q > 0 && compare_label(nodes_[static_cast<std::size_t>(f[q - 1])], candidate) > 0) --q;
    if (nodes_.size() >= kMaxSearchStates) {
        too_complex_ = true;
        return;
    }
    const auto id = static_cast<std::int32_t>(nodes_.size());
    nodes_.push_back(candidate);
    if (q < erase_end) {
        f[q] = id;
        f.erase(f.begin() + static_cast<std::ptrdiff_t>(q + 1), f.begin() + static_cast<std::ptrdiff_t>(erase_end));
    } else {
        f.insert(f.begin() + static_cast<std::ptrdiff_t>(p), id);
    }
    if (t == need_days_ && y == need_mb_) {
        if (spec_->objective == Objective::cheapest) ub_cost_ = std::min(ub_cost_, candidate.cost);
        else ub_count_ = std::min<std::int64_t>(ub_count_, candidate.count);
    }
}

bool Solver::extend(std::int32_t from, std::uint32_t item, Node& out) const {
    const Node& n = nodes_[static_cast<std::size_t>(from)];
    const Local& it = items_[item];
    out.parent = from;
    out.item = static_cast<std::int32_t>(item);
    out.count = n.count + 1;
    return !__builtin_add_overflow(n.cost, it.cost, &out.cost) && !__builtin_add_overflow(n.days, it.days, &out.days) &&
           !__builtin_add_overflow(n.mb, it.mb, &out.mb) && n.count < std::numeric_limits<std::int32_t>::max();
}

std::int64_t Solver::lower_bound_from(std::int64_t cost, std::int64_t days, std::int64_t mb) const {
    const std::int64_t rd = need_days_ - clamp_days(days), rm = need_mb_ - clamp_mb(mb);
    if ((rd > 0 && day_items_.empty()) || (rm > 0 && data_items_.empty())) return kMax64;
    i128 best = 0;
    for (const DaysBound& b : bounds_) {
        const i128 d = b.days[static_cast<std::size_t>(rd)];
        if (d >= kUnreachable) return kMax64;
        best = std::max(best, (b.vn * rm + d + b.den - 1) / b.den);  // prices are whole: round up
    }
    return best + cost > kMax64 ? kMax64 : static_cast<std::int64_t>(best + cost);
}

// How far the primary bound of the state `n` (at t days) is below the search bound, × den (see order_moves).
i128 Solver::move_slack(const Node& n, std::int64_t t) const {
    const DaysBound& b = bounds_[primary_];
    const std::size_t rd = static_cast<std::size_t>(need_days_ - t);
    return (static_cast<i128>(ub_cost_) - n.cost) * b.den - (b.vn * (need_mb_ - clamp_mb(n.mb)) + b.days[rd]);
}

// The least number of purchases from a start (count purchases made, days and data covered) to a full cover.
std::int64_t Solver::count_bound_from(std::int64_t count, std::int64_t days, std::int64_t mb) const {
    const std::int64_t rd = need_days_ - clamp_days(days), rm = need_mb_ - clamp_mb(mb);
    if ((rd > 0 && day_items_.empty()) || (rm > 0 && data_items_.empty())) return kMax64;
    const std::int64_t kd = fewest_days_[static_cast<std::size_t>(rd)];
    const std::int64_t km = rm > 0 ? (rm + max_cmb_ - 1) / max_cmb_ : 0;
    return kd == kMax64 ? kMax64 : count + std::max(kd, km);
}

// One search with the bound `bound`: every state whose price plus lower bound exceeds it is dropped. Exact when
// bound is at least the optimum; finds nothing when it is below.
SolveStatus Solver::search(std::int64_t bound, Solution& out) {
    ub_cost_ = spec_->objective == Objective::cheapest ? bound : kMax64;
    nodes_.clear();
    const std::size_t layers = static_cast<std::size_t>(need_days_) + 1;
    if (frontier_.size() < layers) frontier_.resize(layers);
    for (std::size_t t = 0; t < layers; ++t) frontier_[t].clear();

    offer(Node{0, spec_->card_days, spec_->card_mb, 0, -1, -1});
    for (std::size_t r = add_count_; r < items_.size(); ++r)
        offer(Node{items_[r].cost, items_[r].days, items_[r].mb, 1, -1, static_cast<std::int32_t>(r)});

    const bool cheapest = spec_->objective == Objective::cheapest;
    Node next{};
    for (std::size_t t = 0; t < static_cast<std::size_t>(need_days_); ++t) {
        // Moves go to later days only, so this frontier is final while it is expanded.
        const auto& f = frontier_[t];
        for (std::size_t k = 0; k < f.size(); ++k) {
            const std::int32_t id = f[k];
            const Node node = nodes_[static_cast<std::size_t>(id)];
            if (bounded_out(node, static_cast<std::int64_t>(t), clamp_mb(node.mb))) continue;
            if (!cheapest) {
                for (std::uint32_t i : day_items_)
                    if (extend(id, i, next)) offer(next);
            } else {
                const i128 slack = move_slack(node, static_cast<std::int64_t>(t));
                const auto& days = bounds_[primary_].days;
                const std::size_t rd = static_cast<std::size_t>(need_days_) - t;
                for (const auto& [d, group_items] : day_groups_) {
                    const i128 limit = slack + days[rd] - days[rd > static_cast<std::size_t>(d) ? rd - static_cast<std::size_t>(d) : 0];
                    for (std::uint32_t i : group_items) {
                        if (reduced_[i] > limit) break;
                        if (extend(id, i, next)) offer(next);
                    }
                }
            }
            if (too_complex_) return SolveStatus::too_complex;
        }
    }
    // Days are covered: add data. Each step adds data, so new entries land after the one being expanded.
    auto& last = frontier_[static_cast<std::size_t>(need_days_)];
    for (std::size_t k = 0; k < last.size(); ++k) {
        const std::int32_t id = last[k];
        const Node node = nodes_[static_cast<std::size_t>(id)];
        if (clamp_mb(node.mb) >= need_mb_ || bounded_out(node, need_days_, clamp_mb(node.mb))) continue;
        const i128 limit = cheapest ? move_slack(node, need_days_) : 0;
        for (std::uint32_t i : cheapest ? data_order_ : data_items_) {
            if (cheapest && reduced_[i] > limit) break;
            if (extend(id, i, next)) offer(next);
        }
        if (too_complex_) return SolveStatus::too_complex;
    }
    if (last.empty() || clamp_mb(nodes_[static_cast<std::size_t>(last.back())].mb) < need_mb_) return SolveStatus::none;

    const Node& best = nodes_[static_cast<std::size_t>(last.back())];
    out.plans.clear();
    out.cost = best.cost;
    out.count = best.count;
    out.days = best.days;
    out.mb = best.mb;
    if (best.item >= 0) out.plans.push_back(items_[static_cast<std::size_t>(best.item)].plan);
    for (std::int32_t p = best.parent; p >= 0; p = nodes_[static_cast<std::size_t>(p)].parent) {
        const Node& node = nodes_[static_cast<std::size_t>(p)];
        if (node.item >= 0) out.plans.push_back(items_[static_cast<std::size_t>(node.item)].plan);
    }
    std::sort(out.plans.begin(), out.plans.end());
    return SolveStatus::found;
}

// Whether items_ and the bounds already fit this search (the "fewest purchases" search follows the main one).
bool Solver::prepared_for(const Group& group, const Spec& spec) const {
    const Spec& p = prepared_spec_;
    return prepared_group_ == &group && p.need_days == spec.need_days && p.need_mb == spec.need_mb &&
           p.card_days == spec.card_days && p.card_mb == spec.card_mb && p.refundable_only == spec.refundable_only &&
           p.excluded_plan == spec.excluded_plan;
}

SolveStatus Solver::solve(const Group& group, const Spec& spec, Solution& out) {
    const bool prepared = prepared_for(group, spec);
    spec_ = &spec;
    need_days_ = spec.need_days;
    need_mb_ = spec.need_mb;
    too_complex_ = false;
    ub_cost_ = kMax64;
    ub_count_ = kMax64;
    out = Solution{};
    if (spec.card_days >= need_days_ && spec.card_mb >= need_mb_) {
        out.days = spec.card_days;
        out.mb = spec.card_mb;
        return SolveStatus::found;  // nothing to buy
    }

    if (!prepared) {
        prepared_group_ = &group;
        prepared_spec_ = spec;
        items_.clear();
        prune(group.adds, false);
        add_count_ = items_.size();
        prune(group.replaces, true);
        day_items_.clear();
        data_items_.clear();
        max_cdays_ = max_cmb_ = 0;
        for (std::uint32_t i = 0; i < add_count_; ++i) {
            if (items_[i].cdays > 0) day_items_.push_back(i);
            if (items_[i].cmb > 0) data_items_.push_back(i);
            max_cdays_ = std::max(max_cdays_, items_[i].cdays);
            max_cmb_ = std::max(max_cmb_, items_[i].cmb);
        }
        build_envelope();
        build_bounds();
        order_moves();
    }
    // Iterative bound (as in IDA*): search with the lower bound of the start plus a small slack, and widen the
    // slack until a cover turns up. A search drops only states whose bound exceeds its own, so the first cover
    // found is optimal; and each search keeps only the states within its slack of the optimum, far fewer than a
    // heuristic upper bound would keep. Prices: the slack doubles from 1/1024 of the bound. Purchases: one more
    // each time. The caller's caps end the widening (nothing above them is of interest).
    if (spec.objective == Objective::fewest) {
        build_fewest();
        std::int64_t root = count_bound_from(0, spec.card_days, spec.card_mb);
        for (std::size_t r = add_count_; r < items_.size(); ++r)
            root = std::min(root, count_bound_from(1, items_[r].days, items_[r].mb));
        for (std::int64_t bound = root; bound <= spec.count_cap && bound < kMax64; ++bound) {
            ub_count_ = bound;
            const SolveStatus status = search(kMax64, out);
            if (status != SolveStatus::none) return status;
        }
        return SolveStatus::none;
    }
    const std::int64_t cap = spec.cost_cap;
    std::int64_t root = lower_bound_from(0, spec.card_days, spec.card_mb);
    for (std::size_t r = add_count_; r < items_.size(); ++r)
        root = std::min(root, lower_bound_from(items_[r].cost, items_[r].days, items_[r].mb));
    if (root == kMax64 || root > cap) return SolveStatus::none;
    std::int64_t slack = std::max<std::int64_t>(1, root / 1024);
    for (;;) {
        const std::int64_t bound = cap - root <= slack ? cap : root + slack;
        const SolveStatus status = search(bound, out);
        if (status != SolveStatus::none || bound == cap) return status;
        slack = slack > kMax64 / 2 ? kMax64 : slack * 2;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// From solutions to picks.

struct Context {
    const RecommendRequest* request = nullptr;
    std::int64_t trip_days = 0, trip_mb = 0;
    std::int64_t card_days = 0, card_mb = 0;
};

// The order of combinations (recommend.h) for picks of one product.
bool pick_less(const Pick& a, const Pick& b) {
    if (a.total.minor != b.total.minor) return a.total.minor < b.total.minor;
    if (a.purchases != b.purchases) return a.purchases < b.purchases;
    if (a.surplus_days != b.surplus_days) return a.surplus_days < b.surplus_days;
    if (a.surplus_mb != b.surplus_mb) return a.surplus_mb < b.surplus_mb;
    // Sorted plan ids, one per purchase.
    std::size_t ia = 0, ib = 0;
    int qa = 0, qb = 0;
    while (ia < a.items.size() && ib < b.items.size()) {
        const int c = a.items[ia].plan->id.compare(b.items[ib].plan->id);
        if (c != 0) return c < 0;
        if (++qa == a.items[ia].quantity) ++ia, qa = 0;
        if (++qb == b.items[ib].quantity) ++ib, qb = 0;
    }
    return ia == a.items.size() && ib < b.items.size();
}

bool same_items(const Pick& a, const Pick& b) {
    if (a.items.size() != b.items.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (a.items[i].plan != b.items[i].plan || a.items[i].quantity != b.items[i].quantity) return false;
    return true;
}

Message message(std::string id, std::vector<MessageArg> args = {}) {
    return Message{std::move(id), std::move(args)};
}

Pick make_pick(const Group& group, const Solution& s, const Context& ctx) {
    Pick pick;
    const std::string& currency = group.plans.front()->price.currency;
    pick.total = Money{s.cost, currency};
    pick.purchases = s.count;
    pick.covered_days = s.days;
    pick.trip_data_mb = s.mb;
    pick.surplus_days = s.days - ctx.trip_days;
    pick.surplus_mb = s.mb - ctx.trip_mb;
    pick.all_refundable = !s.plans.empty();
    const std::int64_t mb_per_day = ctx.request->trip.mb_per_day;
    for (std::size_t i = 0; i < s.plans.size();) {
        std::size_t j = i;
        while (j < s.plans.size() && s.plans[j] == s.plans[i]) ++j;
        const Plan* plan = group.plans[s.plans[i]];
        const int quantity = static_cast<int>(j - i);
        pick.items.push_back(PlanQuantity{plan, quantity});
        pick.days_added += std::int64_t{plan->days} * quantity;
        pick.data_added_mb += counted_mb(*plan, mb_per_day) * quantity;
        pick.includes_unlimited = pick.includes_unlimited || plan->data.unlimited;
        pick.replaces_current = pick.replaces_current || is_replace(*plan);
        pick.all_refundable = pick.all_refundable && plan->refund.policy != RefundPolicy::none;
        i = j;
    }
    std::sort(pick.items.begin(), pick.items.end(),
              [](const PlanQuantity& a, const PlanQuantity& b) { return a.plan->id < b.plan->id; });
    if (pick.replaces_current && (ctx.card_days > 0 || ctx.card_mb > 0))
        pick.notes.push_back(message("recommend.note.replaces_current",
                                     {{"days", std::to_string(ctx.card_days)}, {"data", format_data_amount(ctx.card_mb)}}));
    return pick;
}

std::string money_arg(const Money& m, const Context& ctx) { return format_money(m, ctx.request->locale); }

Message best_reason(const Pick& p, const Context& ctx) {
    if (p.includes_unlimited)
        return message("recommend.reason.cheapest_unlimited",
                       {{"total", money_arg(p.total, ctx)}, {"days", std::to_string(p.days_added)}});
    if (p.days_added == 0)
        return message("recommend.reason.cheapest_data_only",
                       {{"total", money_arg(p.total, ctx)}, {"data", format_data_amount(p.data_added_mb)}});
    return message("recommend.reason.cheapest", {{"total", money_arg(p.total, ctx)},
                                                 {"days", std::to_string(p.days_added)},
                                                 {"data", format_data_amount(p.data_added_mb)}});
}

// Alternatives for the winning product (recommend.h, "the alternatives").
void add_alternatives(const Group& group, const Pick& best, const Solution& best_solution, const Spec& base,
                      const Context& ctx, Solver& solver, std::vector<Pick>& out) {
    std::vector<Pick> found;
    Solution s;
    auto keep = [&](Message reason) {
        if (s.plans.empty()) return;
        Pick pick = make_pick(group, s, ctx);
        if (same_items(pick, best)) return;
        for (const Pick& other : found)
            if (same_items(pick, other)) return;
        pick.reason = std::move(reason);
        found.push_back(std::move(pick));
    };
    if (best.purchases > 1) {
        Spec spec = base;
        spec.objective = Objective::fewest;
        spec.count_cap = best.purchases - 1;
        if (solver.solve(group, spec, s) == SolveStatus::found && s.count < best.purchases)
            keep(message("recommend.reason.fewest_purchases",
                         {{"count", std::to_string(s.count)}, {"total", money_arg(Money{s.cost, best.total.currency}, ctx)}}));
    }
    if (!best.all_refundable) {
        Spec spec = base;
        spec.refundable_only = true;
        if (solver.solve(group, spec, s) == SolveStatus::found)
            keep(message("recommend.reason.refundable", {{"total", money_arg(Money{s.cost, best.total.currency}, ctx)}}));
    }
    {
        Spec spec = base;
        if (ctx.card_days < ctx.trip_days) spec.need_days += kMarginDays;
        if (ctx.card_mb < ctx.trip_mb) spec.need_mb += (ctx.trip_mb * kMarginDataPercent + 99) / 100;
        const bool has_margin = best.covered_days >= spec.need_days && best.trip_data_mb >= spec.need_mb;
        if (!has_margin && spec.need_days <= kMaxTripDays + kMarginDays &&
            solver.solve(group, spec, s) == SolveStatus::found) {
            keep(message("recommend.reason.covers_with_margin",
                         {{"total", money_arg(Money{s.cost, best.total.currency}, ctx)},
                          {"days", std::to_string(s.days - ctx.trip_days)},
                          {"data", format_data_amount(s.mb - ctx.trip_mb)}}));
        }
    }
    {
        // The next cheapest: the best combination without one of the recommendation's plans.
        std::optional<Pick> next;
        for (std::size_t i = 0; i < best_solution.plans.size(); ++i) {
            if (i > 0 && best_solution.plans[i] == best_solution.plans[i - 1]) continue;
            Spec spec = base;
            spec.excluded_plan = best_solution.plans[i];
            if (next) spec.cost_cap = next->total.minor;  // only a cheaper or equal one can replace it
            if (solver.solve(group, spec, s) != SolveStatus::found || s.plans.empty()) continue;
            Pick pick = make_pick(group, s, ctx);
            if (!next || pick_less(pick, *next)) next = std::move(pick);
        }
        if (next) {
            const Money extra{next->total.minor - best.total.minor, best.total.currency};
            bool duplicate = false;
            for (const Pick& other : found) duplicate = duplicate || same_items(*next, other);
            if (!duplicate) {
                next->reason = message("recommend.reason.next_cheapest",
                                       {{"total", money_arg(next->total, ctx)}, {"extra", money_arg(extra, ctx)}});
                found.push_back(std::move(*next));
            }
        }
    }
    std::stable_sort(found.begin(), found.end(), pick_less);
    if (found.size() > static_cast<std::size_t>(kMaxAlternatives)) found.resize(kMaxAlternatives);
    out = std::move(found);
}

// Orders the winners of two products: exactly through the rates when the currencies differ.
bool product_pick_less(const Pick& a, const Pick& b, const ExchangeRates* rates) {
    if (a.total.currency != b.total.currency) {
        std::optional<int> c;
        if (rates) c = compare_money(a.total, b.total, *rates);
        if (!c) return a.total.currency < b.total.currency;
        if (*c != 0) return *c < 0;
        if (a.purchases != b.purchases) return a.purchases < b.purchases;
        return a.items.front().plan->product_id < b.items.front().plan->product_id;
    }
    if (pick_less(a, b)) return true;
    if (pick_less(b, a)) return false;
    return a.items.front().plan->product_id < b.items.front().plan->product_id;
}

}  // namespace

std::string format_data_amount(std::int64_t mb) {
    if (mb < kMbPerGb) return fmt::format("{} MB", mb);
    const std::int64_t tenths = (mb * 10 + kMbPerGb / 2) / kMbPerGb;
    if (tenths % 10 == 0) return fmt::format("{} GB", tenths / 10);
    return fmt::format("{}.{} GB", tenths / 10, tenths % 10);
}

Result<TripDays> count_trip_days(const TripDates& dates) {
    if (!is_trip_date(dates.last_day))
        return make_problem("last_day", "recommend.bad_date", {{"date", format_date(dates.last_day)}});
    const std::int64_t today = jst_day_number(dates.now);
    const std::int64_t last = days_from_civil(dates.last_day);
    if (last < today) return make_problem("last_day", "recommend.trip_ended", {{"date", format_date(dates.last_day)}});
    std::int64_t trip = 0, card = 0;
    const bool valid = dates.card_expiry && *dates.card_expiry > dates.now;
    if (dates.rule == ValidityRule::calendar_jst) {
        trip = last - today + 1;
        // The card covers through the Japan date of its last valid second.
        if (valid) card = jst_day_number(*dates.card_expiry - 1) - today + 1;
    } else {
        const UnixSeconds end = from_civil(CivilDateTime{civil_from_days(last + 1)}, kJstOffsetMinutes);  // 00:00 JST after the last day
        trip = ceil_div_positive(end - dates.now, kSecondsPerDay);
        if (valid) {
            const UnixSeconds expiry = *dates.card_expiry;
            card = expiry >= end ? trip + (expiry - end) / kSecondsPerDay
                                 : trip - ceil_div_positive(end - expiry, kSecondsPerDay);
        }
    }
    if (trip > kMaxTripDays)
        return make_problem("last_day", "recommend.bad_trip_days", {{"max", std::to_string(kMaxTripDays)}});
    constexpr std::int64_t kCardDaysCap = 1'000'000;  // a card valid for centuries is simply "covered"
    return TripDays{static_cast<int>(trip), static_cast<int>(std::clamp<std::int64_t>(card, 0, kCardDaysCap))};
}

Result<RecommendResult> recommend(const RecommendRequest& request, const TripDates& dates) {
    auto days = count_trip_days(dates);
    if (!days) return days.problem();
    RecommendRequest copy = request;
    copy.trip.days_left = days->trip_days;
    copy.card.valid_days_left = days->card_valid_days;
    return recommend(copy);
}

Result<RecommendResult> recommend(const RecommendRequest& request) {
    const TripNeed& trip = request.trip;
    if (trip.days_left < 0 || trip.days_left > kMaxTripDays)
        return make_problem("trip.days_left", "recommend.bad_trip_days", {{"max", std::to_string(kMaxTripDays)}});
    if (trip.mb_per_day < 0 || trip.mb_per_day > kMaxMbPerDay)
        return make_problem("trip.mb_per_day", "recommend.bad_mb_per_day", {{"max", std::to_string(kMaxMbPerDay)}});
    if (request.card.valid_days_left < 0) return make_problem("card.valid_days_left", "recommend.bad_valid_days");
    if (request.card.remaining_mb < 0 || request.card.remaining_mb > kMaxRemainingMb)
        return make_problem("card.remaining_mb", "recommend.bad_remaining_mb", {{"max", std::to_string(kMaxRemainingMb)}});

    Context ctx;
    ctx.request = &request;
    ctx.trip_days = trip.days_left;
    ctx.trip_mb = trip.mb_per_day * trip.days_left;
    ctx.card_days = request.card.valid_days_left;
    ctx.card_mb = ctx.card_days > 0 ? request.card.remaining_mb : 0;  // data lapses with the validity

    RecommendResult result;
    result.trip_days = trip.days_left;
    result.trip_mb = ctx.trip_mb;
    result.days_needed = std::max<std::int64_t>(0, ctx.trip_days - ctx.card_days);
    result.mb_needed = std::max<std::int64_t>(0, ctx.trip_mb - ctx.card_mb);
    if (result.days_needed == 0 && result.mb_needed == 0) {
        result.status = RecommendStatus::already_covered;
        result.message = message("recommend.already_covered",
                                 {{"days", std::to_string(ctx.card_days)}, {"data", format_data_amount(ctx.card_mb)}});
        return result;
    }

    // One pass over the plans: check them, group them by product (in the order they come) and make the items.
    std::vector<Group> groups;
    bool any_days = false, any_data = false;
    const std::string* known_currency = nullptr;  // checked once per run of plans in the same currency
    Group* group = nullptr;
    for (const Plan* plan : request.plans) {
        if (!plan) continue;
        const bool currency_ok = (known_currency && *known_currency == plan->price.currency) ||
                                 currency_exponent(plan->price.currency).has_value();
        if (plan->price.minor <= 0 || !currency_ok)
            return make_problem("plans", "recommend.bad_price", {{"plan", plan->id}});
        if (plan->days < 0 || plan->days > kMaxTripDays || plan->data.mb < 0 || plan->data.mb > kMaxRemainingMb ||
            plan->data.fair_use_mb_per_day < 0)
            return make_problem("plans", "recommend.bad_plan", {{"plan", plan->id}});
        known_currency = &plan->price.currency;
        any_days = any_days || plan->days > 0;
        any_data = any_data || counted_mb(*plan, trip.mb_per_day) > 0;
        auto same_group = [plan](const Group& g) {
            const Plan& first = *g.plans.front();
            return first.product_id == plan->product_id && first.price.currency == plan->price.currency;
        };
        if (!group || !same_group(*group)) {
            auto it = std::find_if(groups.begin(), groups.end(), same_group);
            if (it == groups.end()) {
                groups.emplace_back();
                groups.back().adds.reserve(request.plans.size());
                it = groups.end() - 1;
            }
            group = &*it;
        }
        add_to_group(*group, *plan, trip.mb_per_day, ctx.card_days);
    }
    std::vector<Item> scratch;
    for (Group& g : groups) {
        sort_items(g.adds, g.plans, scratch);
        sort_items(g.replaces, g.plans, scratch);
    }
    result.status = RecommendStatus::cannot_cover;
    const std::string days_arg = std::to_string(result.days_needed), data_arg = format_data_amount(result.mb_needed);
    if (groups.empty()) {
        result.message = message("recommend.no_plans");
        return result;
    }

    Spec base;
    base.need_days = ctx.trip_days;
    base.need_mb = ctx.trip_mb;
    base.card_days = ctx.card_days;
    base.card_mb = ctx.card_mb;

    Solver solver;
    std::optional<Pick> best;
    std::size_t best_group = 0;
    Solution best_solution, s;
    bool too_complex = false;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const SolveStatus status = solver.solve(groups[g], base, s);
        if (status == SolveStatus::too_complex) too_complex = true;
        if (status != SolveStatus::found || s.plans.empty()) continue;
        Pick pick = make_pick(groups[g], s, ctx);
        if (!best || product_pick_less(pick, *best, request.rates)) {
            best = std::move(pick);
            best_group = g;
            best_solution = s;
        }
    }
    if (!best) {
        if (too_complex) return make_problem("plans", "recommend.too_complex");
        if (result.days_needed > 0 && !any_days)
            result.message = message("recommend.cannot_cover_days", {{"days", days_arg}});
        else if (result.mb_needed > 0 && !any_data)
            result.message = message("recommend.cannot_cover_data", {{"data", data_arg}});
        else
            result.message = message("recommend.cannot_cover", {{"days", days_arg}, {"data", data_arg}});
        return result;
    }
    best->reason = best_reason(*best, ctx);
    add_alternatives(groups[best_group], *best, best_solution, base, ctx, solver, result.alternatives);
    result.status = RecommendStatus::recommended;
    result.message = best->reason;
    result.best = std::move(best);
    return result;
}

}  // namespace tabi
