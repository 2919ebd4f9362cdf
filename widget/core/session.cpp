// Index of this file (search for the "// ---" headers): walk, identify, status, device, choose, pay, reload
// recovery; each section holds the commands of that step and the answers the bridge brings for it.

#include "core/session.h"

#include <algorithm>
#include <array>

#include "core/bridge_json.h"
#include "core/receipt.h"

namespace tabi {
namespace {

constexpr std::array<std::string_view, kStepCount> kStepNames = {
    "identify", "status", "device", "payment_methods", "choose", "confirm", "pay", "result"};

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Note note_from(const Problem& p) { return Note{{p.message_id, p.args}, p.severity}; }

// Receipt and reminder labels in the traveller's language (templates as written: receipt.cpp fills them).
ReceiptLabels receipt_labels(Locale locale) {
    const auto t = [locale](std::string_view id) { return std::string(message_template(locale, id)); };
    ReceiptLabels l;
    l.title = t("receipt.label.title");
    l.order_id = t("receipt.label.order_id");
    l.reference = t("receipt.label.reference");
    l.paid_at = t("receipt.label.paid_at");
    l.card = t("receipt.label.card");
    l.items = t("receipt.label.items");
    l.total = t("receipt.label.total");
    l.valid_until = t("receipt.label.valid_until");
    l.operator_name = t("receipt.label.operator_name");
    l.support = t("receipt.label.support");
    l.phone = t("receipt.label.phone");
    l.email = t("receipt.label.email");
    l.chat = t("receipt.label.chat");
    l.hours = t("receipt.label.hours");
    l.daily = t("receipt.label.daily");
    l.weekdays = t("receipt.label.weekdays");
    l.weekends = t("receipt.label.weekends");
    l.quote_order_id = t("receipt.label.quote_order_id");
    l.kind_sim = t("receipt.label.kind_sim");
    l.kind_esim = t("receipt.label.kind_esim");
    l.kind_wifi = t("receipt.label.kind_wifi");
    l.reminder_summary = t("receipt.label.reminder_summary");
    l.reminder_description = t("receipt.label.reminder_description");
    return l;
}

}  // namespace

std::string_view to_string(Step s) { return kStepNames[static_cast<std::size_t>(s)]; }

RenewalSession::RenewalSession(std::shared_ptr<const Catalog> catalog, SessionOptions options)
    : catalog_(std::move(catalog)), options_(std::move(options)) {
    identifier_ = identify("", catalog_->operators);
    // Ask the bridge for an order a reload may have interrupted before anything else can be paid.
    request(BridgeRequestKind::restore, dump({{"key", storage_key()}}));
}

void RenewalSession::set_locale(Locale locale) {
    options_.locale = locale;
    recommendation_stale_ = true;  // the reasons' amounts are formatted per locale
}

void RenewalSession::set_currency(std::string currency) {
    if (currency == options_.currency) return;
    options_.currency = std::move(currency);
    comparison_stale_ = true;
}

// --- walk

std::vector<Step> RenewalSession::walk() const {
    std::vector<Step> steps{Step::identify};
    if (options_.can_lookup) steps.push_back(Step::status);
    const auto kind = card_kind();
    if (!kind || *kind != CardKind::wifi) steps.push_back(Step::device);
    steps.insert(steps.end(), {Step::payment_methods, Step::choose, Step::confirm, Step::pay, Step::result});
    return steps;
}

int RenewalSession::step_number() const {
    const auto steps = walk();
    const auto it = std::find(steps.begin(), steps.end(), step_);
    return it == steps.end() ? 1 : static_cast<int>(it - steps.begin()) + 1;
}

bool RenewalSession::can_go_back() const {
    if (step_ == Step::identify) return false;
    if (step_ == Step::pay) return true;  // "Cancel": back to confirm, the order kept
    if (step_ == Step::result) return order_ && order_->state != OrderState::renewed && !waiting_for_host();
    return true;
}

void RenewalSession::back() {
    if (!can_go_back()) return;
    if (step_ == Step::pay) {
        leave_payment();
        return;
    }
    if (step_ == Step::result) {
        go(Step::confirm);
        return;
    }
    const auto steps = walk();
    auto it = std::find(steps.begin(), steps.end(), step_);
    if (it != steps.end() && it != steps.begin()) go(*(it - 1));
}

void RenewalSession::go(Step step) {
    notice_.reset();
    if (step_ == step) return;
    step_ = step;
    const auto steps = walk();
    event("step", dump({{"step", to_string(step)}, {"number", step_number()}, {"of", steps.size()}}));
}

void RenewalSession::refuse(std::string id, std::vector<MessageArg> args) {
    notice_ = Note{{std::move(id), std::move(args)}, Severity::error};
}

void RenewalSession::request(BridgeRequestKind kind, std::string body) {
    requests_.push_back({kind, kind == BridgeRequestKind::lookup ? std::move(body) : without_identifier(std::move(body))});
}
void RenewalSession::event(std::string name, std::string body) {
    events_.push_back({std::move(name), without_identifier(std::move(body))});
}

std::string RenewalSession::without_identifier(std::string text) const {
    const std::string& id = identifier_.normalized;
    if (!identifier_.acceptable() || id.empty() || text.find(id) == std::string::npos) return text;  // the usual case
    return identifier_masked(text);
}

// Apart from without_identifier, which every event passes through: the first frame's code (the split's primary
// module) carries only the check.
[[gnu::noinline]] std::string RenewalSession::identifier_masked(std::string_view text) const {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return std::string(text);
    const std::string& id = identifier_.normalized;
    const auto mask = [&](auto& self, json& node) -> void {
        if (node.is_string()) {
            std::string& s = node.get_ref<std::string&>();
            for (auto at = s.find(id); at != std::string::npos; at = s.find(id, at + identifier_.masked.size()))
                s.replace(at, id.size(), identifier_.masked);
        } else if (node.is_structured()) {
            for (auto& child : node) self(self, child);
        }
    };
    mask(mask, j);
    return dump(j);
}

std::vector<BridgeRequest> RenewalSession::take_requests() { return std::exchange(requests_, {}); }
std::vector<HostEvent> RenewalSession::take_events() { return std::exchange(events_, {}); }

// --- identify

std::optional<CardKind> RenewalSession::card_kind() const {
    if (status_) return status_->card;
    return identifier_.card;
}

void RenewalSession::set_identifier_text(std::string text) {
    if (waiting_for_host()) {
        refuse("session.payment_in_progress", {{"id", order_->id}});
        return;
    }
    if (text == identifier_text_) return;
    identifier_text_ = std::move(text);
    const auto before = identifier_.normalized;
    identifier_ = identify(identifier_text_, catalog_->operators);
    notice_.reset();
    if (identifier_.normalized != before) {
        // Another card: what we knew about the last one no longer applies.
        status_.reset();
        lookup_problem_.reset();
        lookup_state_ = LookupState::not_asked;
        ++lookup_request_id_;  // an answer still on its way is for the old card
        invalidate_choice();
    }
}

bool RenewalSession::submit_identifier(UnixSeconds now) {
    if (!identifier_.acceptable()) {
        if (identifier_.state == IdentifierState::empty) refuse("session.identifier_empty");
        else refuse("session.identifier_not_ready");
        return false;
    }
    lookup_now_ = now;
    if (options_.can_lookup) {
        if (lookup_state_ != LookupState::done) ask_lookup();
        go(Step::status);
    } else {
        lookup_state_ = LookupState::unavailable;
        const auto steps = walk();
        go(steps[1]);
    }
    return true;
}

void RenewalSession::ask_lookup() {
    lookup_state_ = LookupState::waiting;
    lookup_problem_.reset();
    ++lookup_request_id_;
    request(BridgeRequestKind::lookup, dump({{"requestId", lookup_request_id_},
                            {"identifier", identifier_.normalized},
                            {"kind", to_string(identifier_.kind)}}));
}

// --- status

void RenewalSession::apply_lookup_answer(std::string_view answer_json, UnixSeconds now) {
    const json answer = json::parse(answer_json, nullptr, false);
    if (!answer.is_object()) return;
    auto id = answer.find("requestId");
    if (id == answer.end() || !id->is_number_integer() || id->get<std::int64_t>() != lookup_request_id_) return;
    if (lookup_state_ != LookupState::waiting) return;
    lookup_now_ = now;
    const auto ok = answer.find("ok");
    if (ok == answer.end() || !ok->is_boolean() || !ok->get<bool>()) {
        const std::string reason = string_member(answer, "reason");
        lookup_state_ = LookupState::failed;
        if (reason == "timeout") lookup_problem_ = Note{{"ui.identify.lookup_timeout", {}}};
        else lookup_problem_ = Note{{"ui.identify.lookup_failed", {{"reason", string_member(answer, "message")}}}};
        return;
    }
    const auto value = answer.find("value");
    const std::string text = value == answer.end() ? std::string("null") : dump(*value);
    auto parsed = parse_card_status(text);
    if (!parsed) {
        lookup_state_ = LookupState::failed;
        lookup_problem_ = note_from(parsed.problem());
        event("error", dump({{"kind", "lookup"}, {"problems", json::array({problem_json(parsed.problem(), options_.locale)})}}));
        return;
    }
    if (identifier_.card && parsed->card != *identifier_.card) {
        // The host's answer is about another kind of card than the one typed: do not guess which is right.
        lookup_state_ = LookupState::failed;
        lookup_problem_ = Note{{"session.lookup_other_card",
                                {{"found", std::string(to_string(parsed->card))},
                                 {"typed", std::string(to_string(*identifier_.card))}}}};
        return;
    }
    status_ = std::move(parsed).value();
    lookup_state_ = LookupState::done;
    invalidate_choice();
}

void RenewalSession::retry_lookup(UnixSeconds now) {
    if (!options_.can_lookup || !identifier_.acceptable()) return;
    lookup_now_ = now;
    ask_lookup();
}

std::optional<StatusSummary> RenewalSession::status_summary(UnixSeconds now) const {
    if (!status_) return std::nullopt;
    return summarize_status(*status_, catalog_->plans, now, options_.utc_offset_minutes, options_.locale);
}

void RenewalSession::continue_from_status() {
    const auto steps = walk();
    auto it = std::find(steps.begin(), steps.end(), Step::status);
    if (it != steps.end()) go(*(it + 1));
}

bool RenewalSession::download_status_reminder(UnixSeconds now) {
    if (!status_) return false;
    // A one-off order-shaped record for the reminder: the current expiry, the card masked.
    Order o;
    o.state = OrderState::renewed;
    o.id = "TR-0000-0000";
    o.card = OrderCard{status_->card, identifier_.masked};
    o.locale = std::string(locale_tag(options_.locale));
    o.new_expiry = status_->expires_at;
    o.created_at = o.updated_at = now;
    const Operator* op = catalog_->find_operator(status_->operator_id);
    static const Operator kNoOperator{};
    auto ics = reminder_ics(o, op ? *op : kNoOperator, now, receipt_labels(options_.locale));
    if (!ics) return false;
    request(BridgeRequestKind::download, dump({{"filename", "tabi-renew-reminder.ics"}, {"mime", "text/calendar"}, {"text", *ics}}));
    return true;
}

// --- device

void RenewalSession::set_device_query(std::string query) { device_query_ = std::move(query); }

std::vector<DeviceMatch> RenewalSession::device_matches(std::size_t limit) const {
    return find_devices(*catalog_, device_query_, limit);
}

const Device* RenewalSession::chosen_device() const {
    if (!device_index_ || *device_index_ >= catalog_->devices.size()) return nullptr;
    return &catalog_->devices[*device_index_];
}

void RenewalSession::choose_device(std::size_t index) {
    if (index >= catalog_->devices.size()) return;
    device_index_ = index;
    device_not_sure_ = false;
    notice_.reset();
}

void RenewalSession::choose_device_not_sure() {
    device_index_.reset();
    device_not_sure_ = true;
    notice_.reset();
}

void RenewalSession::clear_device_choice() {
    device_index_.reset();
    device_not_sure_ = false;
    notice_.reset();
}

std::optional<DeviceReport> RenewalSession::device_report() const {
    if (!device_index_ && !device_not_sure_) return std::nullopt;
    // The networks of the plans this card can buy, in catalogue order, each once.
    std::vector<std::string> networks;
    const auto scope = plans_for_card(*catalog_, plan_scope_product(), scope_card());
    if (scope)
        for (const Plan* p : *scope)
            for (const auto& n : p->networks)
                if (std::find(networks.begin(), networks.end(), n) == networks.end()) networks.push_back(n);
    return check_device(chosen_device(), card_kind(), networks);
}

void RenewalSession::continue_from_device() {
    if (!device_index_ && !device_not_sure_) {
        refuse("session.device_not_chosen");
        return;
    }
    go(Step::payment_methods);
}

void RenewalSession::continue_from_payment_methods() { go(Step::choose); }

// --- choose

std::string RenewalSession::plan_scope_product() const {
    if (status_) {
        // The card's own product, when the host told us and the catalogue sells it.
        for (const Plan& p : catalog_->plans)
            if (p.product_id == status_->product_id) return status_->product_id;
    }
    return {};
}

std::optional<CardKind> RenewalSession::scope_card() const { return card_kind(); }

void RenewalSession::set_trip_days(int days) {
    days = std::clamp(days, 1, kMaxTripDays);
    if (days == trip_days_) return;
    trip_days_ = days;
    recommendation_stale_ = true;
}

void RenewalSession::set_mb_per_day(std::int64_t mb) {
    mb = std::clamp<std::int64_t>(mb, 0, 100 * 1024);
    if (mb == mb_per_day_) return;
    mb_per_day_ = mb;
    recommendation_stale_ = true;
}

void RenewalSession::set_filter(CompareFilter filter) {
    filter_ = filter;
    comparison_stale_ = true;
}

void RenewalSession::sort_by(CompareColumn column) {
    if (column == sort_column_) {
        sort_direction_ = sort_direction_ == SortDirection::ascending ? SortDirection::descending : SortDirection::ascending;
    } else {
        sort_column_ = column;
        sort_direction_ = SortDirection::ascending;
    }
    comparison_stale_ = true;
}

const Result<Comparison>& RenewalSession::comparison() {
    if (comparison_stale_) {
        CompareQuery q;
        q.product_id = plan_scope_product();
        q.card = scope_card();
        q.currency = options_.currency;
        q.filter = filter_;
        q.sort_by = sort_column_;
        q.direction = sort_direction_;
        comparison_ = compare_plans(*catalog_, q);
        if (!comparison_ && !options_.currency.empty() && comparison_.problem().message_id == "compare.unknown_currency") {
            q.currency.clear();  // an unknown traveller currency: show the plans' own rather than nothing
            comparison_ = compare_plans(*catalog_, q);
        }
        comparison_stale_ = false;
    }
    return comparison_;
}

const Result<RecommendResult>& RenewalSession::recommendation() {
    if (recommendation_stale_) {
        auto scope = plans_for_card(*catalog_, plan_scope_product(), scope_card());
        if (!scope) {
            recommendation_ = scope.problem();
        } else {
            scope_plans_ = std::move(scope).value();
            RecommendRequest req;
            req.plans = scope_plans_;
            req.trip = TripNeed{trip_days_, mb_per_day_};
            req.rates = &catalog_->exchange_rates;
            req.locale = std::string(locale_tag(options_.locale));
            if (status_) {
                const DataLeft data = data_left(*status_);
                req.card.remaining_mb = data.unlimited ? mb_per_day_ * trip_days_ : data.left_mb;
                TripDates dates;
                dates.now = lookup_now_;
                dates.last_day = civil_from_days(jst_day_number(lookup_now_) + trip_days_ - 1);
                dates.card_expiry = status_->expires_at;
                dates.rule = status_->validity.value_or(ValidityRule::calendar_jst);
                recommendation_ = recommend(req, dates);
            } else {
                recommendation_ = recommend(req);
            }
        }
        recommendation_stale_ = false;
    }
    return recommendation_;
}

void RenewalSession::invalidate_choice() {
    comparison_stale_ = true;
    recommendation_stale_ = true;
    // Chosen plans the card can no longer buy go; the rest stay.
    auto scope = plans_for_card(*catalog_, plan_scope_product(), scope_card());
    for (auto it = chosen_.begin(); it != chosen_.end();) {
        const bool in_scope = scope && std::any_of(scope->begin(), scope->end(),
                                                   [&](const Plan* p) { return p->id == it->first; });
        it = in_scope ? std::next(it) : chosen_.erase(it);
    }
    if (order_ && (order_->state == OrderState::draft)) {
        order_.reset();
        preview_.reset();
    }
}

void RenewalSession::set_quantity(std::string_view plan_id, int quantity) {
    if (refuse_while_locked()) return;
    if (!catalog_->find_plan(plan_id)) return;
    quantity = std::clamp(quantity, 0, static_cast<int>(kMaxItemQuantity));
    if (quantity == 0) chosen_.erase(std::string(plan_id));
    else chosen_[std::string(plan_id)] = quantity;
    notice_.reset();
    // A different basket is a different order (a failed one is simply replaced: nothing was charged).
    if (order_ && order_->state != OrderState::renewed) discard_order();
}

bool RenewalSession::refuse_while_locked() {
    if (waiting_for_host()) {
        refuse("session.payment_in_progress", {{"id", order_->id}});
        return true;
    }
    if (checking_restored_ && order_) {
        refuse("session.checking_restored", {{"id", order_->id}});
        return true;
    }
    return false;
}

void RenewalSession::discard_order() {
    if (order_ && (order_->state == OrderState::failed || order_->state == OrderState::cancelled))
        request(BridgeRequestKind::forget, dump({{"key", storage_key()}}));
    order_.reset();
    preview_.reset();
    payment_problem_.reset();
    restored_unchecked_ = false;
}

void RenewalSession::choose_only(std::string_view plan_id) {
    if (refuse_while_locked()) return;
    const bool only_this = chosen_.size() == 1 && chosen_.begin()->first == plan_id;
    if (only_this) return;
    for (const auto& [id, q] : std::map<std::string, int>(chosen_)) set_quantity(id, 0);
    set_quantity(plan_id, 1);
}

void RenewalSession::use_recommendation() {
    const auto& rec = recommendation();
    if (!rec || !rec->best) return;
    choose_items(rec->best->items);
}

bool RenewalSession::chosen_is(std::span<const PlanQuantity> items) const {
    if (chosen_.size() != items.size()) return false;
    for (const PlanQuantity& q : items) {
        auto it = chosen_.find(q.plan->id);
        if (it == chosen_.end() || it->second != q.quantity) return false;
    }
    return true;
}

void RenewalSession::choose_items(std::span<const PlanQuantity> items) {
    for (const auto& [id, q] : std::map<std::string, int>(chosen_)) set_quantity(id, 0);
    for (const PlanQuantity& q : items) set_quantity(q.plan->id, q.quantity);
}

std::optional<Money> RenewalSession::chosen_total() const {
    if (chosen_.empty()) return std::nullopt;
    std::optional<Money> total;
    for (const auto& [id, q] : chosen_) {
        const Plan* p = catalog_->find_plan(id);
        if (!p) continue;
        auto line = multiply(p->price, q);
        if (!line) return std::nullopt;
        if (!total) total = *line;
        else if (auto sum = add(*total, *line)) total = *sum;
        else return std::nullopt;
    }
    return total;
}

bool RenewalSession::continue_to_confirm(UnixSeconds now) {
    if (order_ && (waiting_for_host() || order_->state != OrderState::draft)) {
        // The order is already out (or failed / cancelled and kept for a retry): show it as it is.
        go(Step::confirm);
        return true;
    }
    if (chosen_.empty()) {
        refuse("session.no_plan_chosen");
        return false;
    }
    const CardKind kind = card_kind().value_or(CardKind::sim);
    auto made = order_for_choice(*catalog_, chosen_, OrderCard{kind, identifier_.masked}, options_.locale, now);
    if (!made) {
        refuse(made.problem().message_id, made.problem().args);
        return false;
    }
    order_ = std::move(made).value();
    preview_.reset();
    if (status_) {
        const std::vector<PlanQuantity> items = chosen_in_catalog_order(*catalog_, chosen_);
        auto p = preview_renewal(*status_, items, now, options_.locale);
        if (p) preview_ = std::move(p).value();
    }
    payment_problem_.reset();
    go(Step::confirm);
    return true;
}

// --- pay

bool RenewalSession::waiting_for_host() const { return order_ && needs_host_check(order_->state); }

bool RenewalSession::pay(UnixSeconds now, std::string_view entropy_hex) {
    if (!order_) {
        refuse("session.no_plan_chosen");
        return false;
    }
    if (!options_.can_pay) {
        refuse("ui.pay.unavailable");
        return false;
    }
    if (checking_restored_) {
        // Still no word on the restored order: ask again (the first question may have been lost) and wait.
        check_payment_status();
        refuse("session.checking_restored", {{"id", order_->id}});
        return false;
    }
    Result<Transition> step = Transition{};
    switch (order_->state) {
        case OrderState::draft:
            step = confirm(*order_, entropy_hex, now);
            if (step) step = request_payment(*order_, now);
            break;
        case OrderState::confirmed:
            step = request_payment(*order_, now);
            break;
        case OrderState::awaiting_payment:
        case OrderState::pending:
            step = resend_payment(*order_, now);  // the same key: the host never charges twice
            break;
        case OrderState::failed:
        case OrderState::cancelled:
            step = retry(*order_, entropy_hex, now);
            if (step) step = request_payment(*order_, now);
            break;
        case OrderState::renewed:
            return false;
    }
    if (!step) {
        refuse(step.problem().message_id, step.problem().args);
        return false;
    }
    payment_problem_.reset();
    persist_order();
    const std::string host_order = order_to_host_json(*order_);
    event("paymentrequest", "{\"order\":" + host_order + "}");
    request(BridgeRequestKind::pay, "{\"order\":" + host_order + "}");
    go(Step::pay);
    return true;
}

void RenewalSession::persist_order() {
    if (!order_) return;
    request(BridgeRequestKind::persist, dump({{"key", storage_key()}, {"record", serialize_order(*order_, storage_namespace())}}));
}

void RenewalSession::leave_payment() {
    if (step_ == Step::pay) go(Step::confirm);
}

bool RenewalSession::retry_payment(UnixSeconds now, std::string_view entropy_hex) {
    if (!order_) return false;
    if (waiting_for_host()) {
        // No answer yet: hand the same order over again (same key).
        return pay(now, entropy_hex);
    }
    if (order_->state != OrderState::failed && order_->state != OrderState::cancelled) return false;
    return pay(now, entropy_hex);
}

void RenewalSession::check_payment_status() {
    if (!waiting_for_host() && !(checking_restored_ && order_)) return;
    request(BridgeRequestKind::payment_status, "{\"order\":" + order_to_host_json(*order_) + "}");
}

void RenewalSession::recheck_payment_now(UnixSeconds now) {
    check_payment_status();
    last_status_check_ = now;
}

void RenewalSession::tick(UnixSeconds now) {
    const bool pending = order_ && (order_->state == OrderState::pending || order_->state == OrderState::awaiting_payment);
    if (!pending) waiting_since_ = 0;
    if (step_ != Step::result || !pending) return;
    if (waiting_since_ == 0) waiting_since_ = now;
    if (now - last_status_check_ >= kPendingRecheckSeconds) {
        if (last_status_check_ != 0) check_payment_status();
        last_status_check_ = now;
    }
}

std::optional<Note> RenewalSession::pending_too_long(UnixSeconds now) const {
    if (!waiting_for_host() || waiting_since_ == 0 || now - waiting_since_ < kPendingTooLongSeconds) return std::nullopt;
    return Note{{"session.pending_too_long", {{"id", order_->id}, {"minutes", std::to_string(kPendingTooLongSeconds / 60)}}},
                Severity::warning};
}

void RenewalSession::apply_payment_answer(std::string_view answer_json, UnixSeconds now) {
    const json answer = json::parse(answer_json, nullptr, false);
    if (!answer.is_object() || !order_) return;
    const std::string type = string_member(answer, "type");
    if (string_member(answer, "orderId") != order_->id) return;  // about an order this session no longer holds
    if (checking_restored_) {
        apply_restored_check_answer(answer_json, now);
        return;
    }
    if (type == name_of(BridgeMessageType::payment_unanswered)) {
        const std::string attempt = string_member(answer, "idempotencyKey");
        if (!waiting_for_host() || (!attempt.empty() && attempt != order_->idempotency_key)) return;
        const std::string reason = string_member(answer, "reason");
        if (reason == "timeout") payment_problem_ = Note{{"ui.pay.timeout", {}}};
        else if (reason == "missing") payment_problem_ = Note{{"ui.pay.unavailable", {}}};
        else payment_problem_ = Note{{"session.host_payment_error", {{"reason", string_member(answer, "message")}}}};
        return;
    }
    if (type != name_of(BridgeMessageType::payment_result)) return;
    json result = answer.contains("result") ? answer["result"] : json(nullptr);
    // The bridge says which attempt (idempotency key) the host answered; a host that does not echo the key
    // gets it filled in, so a decline of a retry is not taken for a late copy of the first decline.
    const std::string key = string_member(answer, "idempotencyKey");
    if (result.is_object() && !key.empty() && !result.contains("idempotencyKey")) result["idempotencyKey"] = key;
    const std::string text = dump(result);
    auto step = apply_payment_result(*order_, text, now);
    const bool settled_unpaid = order_->state == OrderState::failed || order_->state == OrderState::cancelled;
    if (!step && settled_unpaid && string_member(answer, "via") == "status" && key == order_->idempotency_key) {
        // The host's answer to "what became of this order?" says money was taken after all, though a decline came
        // first: a replayed decline of an older attempt (the order was restored from a record the storage had
        // rolled back), while the host's books hold a later attempt that succeeded. The host's word on money
        // wins; the order is shown paid and never charged again.
        if (auto parsed = parse_payment_result(text); parsed && parsed->status == PaymentStatus::succeeded)
            if (auto reconciled = reconcile(*order_, *parsed, now)) step = reconciled;
    }
    if (!step) {
        // Another order, amount or currency, or nonsense: refused, nothing changes; the host hears why.
        refuse_payment_result(step.problem());
        return;
    }
    // The host's answer to the status question is its word on the order: a decline it gives needs no second
    // check (and the bridge would join that question to the one still answering: no answer would come).
    if (string_member(answer, "via") == "status") restored_unchecked_ = false;
    handle_transition(*step);
}

void RenewalSession::refuse_payment_result(const Problem& problem) {
    event("error", dump({{"kind", "payment-result"},
                         {"orderId", order_->id},
                         {"problems", json::array({problem_json(problem, options_.locale)})}}));
    payment_problem_ = note_from(problem);
}

void RenewalSession::apply_restored_check_answer(std::string_view answer_json, UnixSeconds now) {
    const json answer = json::parse(answer_json, nullptr, false);
    const std::string type = string_member(answer, "type");
    if (type == name_of(BridgeMessageType::payment_unanswered)) {
        if (string_member(answer, "reason") == "missing") {
            // No onPaymentStatus: the host cannot be asked, so the declined record is all there is to go by.
            checking_restored_ = false;
            notice_.reset();
            return;
        }
        // A timeout or an error: the order stays locked; Pay asks again.
        payment_problem_ = string_member(answer, "reason") == "timeout"
                               ? Note{{"ui.pay.timeout", {}}}
                               : Note{{"session.host_payment_error", {{"reason", string_member(answer, "message")}}}};
        return;
    }
    // Only the host's answer to this question counts (the bridge names the call and the key it asked about):
    // an answer it did not ask for cannot turn a declined order into a paid one.
    const std::string key = string_member(answer, "idempotencyKey");
    if (type != name_of(BridgeMessageType::payment_result) || string_member(answer, "via") != "status" || key != order_->idempotency_key) return;
    json result = answer.contains("result") ? answer["result"] : json(nullptr);
    if (result.is_object() && !result.contains("idempotencyKey")) result["idempotencyKey"] = key;
    auto parsed = parse_payment_result(dump(result));
    if (!parsed) {
        refuse_payment_result(parsed.problem());
        return;
    }
    if (parsed->status == PaymentStatus::failed || parsed->status == PaymentStatus::cancelled) {
        // The host confirms nothing moved: the traveller may pay again under a new key.
        checking_restored_ = false;
        notice_.reset();
        payment_problem_.reset();
        return;
    }
    auto step = reconcile(*order_, *parsed, now);
    if (!step) {
        refuse_payment_result(step.problem());
        return;
    }
    // A later attempt the record had lost succeeded or is under way: show it, never charge it again.
    checking_restored_ = false;
    notice_.reset();
    handle_transition(*step);
}

void RenewalSession::handle_transition(const Transition& t) {
    if (t.duplicate) return;
    payment_problem_.reset();
    persist_order();  // the record follows the order: pending stays recoverable, renewed keeps its receipt
    const std::string total = to_decimal_string(order_->total);
    switch (order_->state) {
        case OrderState::renewed: {
            json detail = {{"orderId", order_->id},
                           {"reference", order_->host_reference},
                           {"total", {{"currency", order_->total.currency}, {"minor", order_->total.minor}, {"value", total}}},
                           {"card", {{"kind", to_string(order_->card.kind)}, {"maskedId", order_->card.masked_id}}},
                           {"newExpiry", order_->new_expiry ? json(format_iso8601_utc(*order_->new_expiry)) : json(nullptr)}};
            event("renewed", dump(detail));
            break;
        }
        case OrderState::pending:
            // The host's provider has not settled yet: the host hears which order waits, and the panel re-checks.
            event("pending", dump({{"orderId", order_->id},
                                   {"reference", order_->host_reference},
                                   {"card", {{"kind", to_string(order_->card.kind)}, {"maskedId", order_->card.masked_id}}}}));
            break;
        case OrderState::failed:
        case OrderState::cancelled:
            event("failed", dump({{"orderId", order_->id},
                                  {"status", to_string(order_->state)},
                                  {"reason", order_->failure_reason}}));
            if (restored_unchecked_) {
                restored_unchecked_ = false;
                checking_restored_ = true;
                check_payment_status();
            }
            break;
        default:
            break;
    }
    go(Step::result);
}

const Operator* RenewalSession::order_operator() const {
    if (!order_ || order_->items.empty()) return nullptr;
    const Plan* p = catalog_->find_plan(order_->items.front().plan_id);
    return p ? catalog_->find_operator(p->operator_id) : nullptr;
}

bool RenewalSession::download_receipt() {
    const Operator* op = order_operator();
    if (!order_ || !op) return false;
    auto text = receipt_text(*order_, *op, receipt_labels(options_.locale));
    if (!text) return false;
    request(BridgeRequestKind::download, dump({{"filename", "tabi-renew-receipt-" + order_->id + ".txt"},
                              {"mime", "text/plain;charset=utf-8"},
                              {"text", *text}}));
    return true;
}

bool RenewalSession::download_reminder(UnixSeconds now) {
    const Operator* op = order_operator();
    if (!order_ || !op) return false;
    auto ics = reminder_ics(*order_, *op, now, receipt_labels(options_.locale));
    if (!ics) return false;
    request(BridgeRequestKind::download, dump({{"filename", "tabi-renew-reminder-" + order_->id + ".ics"},
                              {"mime", "text/calendar;charset=utf-8"},
                              {"text", *ics}}));
    return true;
}

void RenewalSession::copy_order_id() {
    if (order_ && !order_->id.empty()) request(BridgeRequestKind::copy, dump({{"text", order_->id}}));
}

void RenewalSession::start_over() {
    if (refuse_while_locked()) return;
    if (order_ && order_->state != OrderState::renewed) discard_order();
    restored_unchecked_ = false;
    order_.reset();
    preview_.reset();
    payment_problem_.reset();
    chosen_.clear();
    identifier_text_.clear();
    identifier_ = identify("", catalog_->operators);
    status_.reset();
    lookup_problem_.reset();
    lookup_state_ = LookupState::not_asked;
    ++lookup_request_id_;
    device_index_.reset();
    device_not_sure_ = false;
    device_query_.clear();
    comparison_stale_ = recommendation_stale_ = true;
    go(Step::identify);
}

// --- reload recovery

std::string RenewalSession::storage_namespace() const {
    return order_storage_namespace(catalog_->name, options_.page_origin);
}

std::string RenewalSession::storage_key() const { return order_storage_key(catalog_->name, options_.page_origin); }

std::optional<Note> RenewalSession::storage_notice() const {
    // Only while there is an order the record was for and it is not settled yet: after renewal, the receipt
    // is on screen to download.
    if (!storage_failed_ || !order_ || order_->state == OrderState::renewed) return std::nullopt;
    return Note{{"session.storage_unavailable", {}}, Severity::warning};
}

void RenewalSession::apply_restored_record(std::string_view record_text, UnixSeconds now) {
    if (record_text.empty() || order_) return;
    auto restored = restore_order(record_text, storage_namespace());
    if (!restored) {
        // Corrupt or foreign: say so to the host, drop it, and carry on as a fresh visit.
        event("error", dump({{"kind", "restore"},
                             {"problems", json::array({problem_json(restored.problem(), options_.locale)})}}));
        request(BridgeRequestKind::forget, dump({{"key", storage_key()}}));
        return;
    }
    Order o = std::move(restored).value();
    if (o.state == OrderState::renewed) {
        // The last receipt stays available after a reload.
        order_ = std::move(o);
        go(Step::result);
        return;
    }
    if (o.state == OrderState::failed || o.state == OrderState::cancelled) {
        // Declined or cancelled: everything chosen comes back, on the result screen where the traveller can pay
        // again under a new key. The record may be older than the host's books (storage rolled back, or a stale
        // tab wrote it after a later attempt was charged), so the host is asked what became of the order first;
        // until it answers, nothing can be paid (apply_restored_check_answer).
        order_ = std::move(o);
        for (const auto& item : order_->items) chosen_[item.plan_id] = static_cast<int>(item.quantity);
        checking_restored_ = true;
        restored_unchecked_ = false;
        check_payment_status();
        go(Step::result);
        return;
    }
    if (!needs_host_check(o.state)) return;  // nothing is moving: a fresh start is safe
    order_ = std::move(o);
    restored_unchecked_ = true;
    for (const auto& item : order_->items) chosen_[item.plan_id] = static_cast<int>(item.quantity);
    (void)now;
    // Money may be moving: ask the host for this order's state before anything else can be paid.
    check_payment_status();
    go(Step::result);
}

}  // namespace tabi
