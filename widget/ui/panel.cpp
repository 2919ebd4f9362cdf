// Index of this file (search for the "// ---" headers):
// - frame(): logic first (tick, Escape), then the screen of the current step; begin_screen/end_screen
// - each screen: its body, then its footer with the primary action (draw_identify ... draw_result)
// - footer, focus and announcements; header, notice, catalogue problems
// - one section per screen's body: identify, status, device, payment methods, choose (recommendation, plan
//   table), confirm, pay, result

#include "ui/panel.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>
#include <imgui.h>

#include "core/card_status.h"
#include "core/date_text.h"
#include "core/messages.h"
#include "core/recommend.h"
#include "ui/imgui_internals.h"

namespace tabi::ui {
namespace {

constexpr float kNarrowWidth = 760.0f;         // below this (CSS px) the comparison table becomes cards

std::string_view step_title_id(Step s) {
    switch (s) {
        case Step::identify: return "ui.step.identify";
        case Step::status: return "ui.step.status";
        case Step::device: return "ui.step.device";
        case Step::payment_methods: return "ui.step.payment";
        case Step::choose: return "ui.step.choose";
        case Step::confirm: return "ui.step.confirm";
        case Step::pay: return "ui.step.pay";
        case Step::result: return "ui.step.result";
    }
    return "ui.step.identify";
}

std::string card_id(CardKind k) { return fmt::format("ui.card.{}", to_string(k)); }

// A basket line as the traveller reads it: "7 days · 5 GB × 2", just the name for one.
std::string with_quantity(const std::string& name, std::int64_t quantity) {
    return quantity > 1 ? fmt::format("{} \u00d7 {}", name, quantity) : name;
}

std::string language_id(Locale l) {
    switch (l) {
        case Locale::en: return "ui.language.en";
        case Locale::zh_Hans: return "ui.language.zh_hans";
        case Locale::zh_Hant: return "ui.language.zh_hant";
        case Locale::ja: return "ui.language.ja";
        case Locale::ko: return "ui.language.ko";
    }
    return "ui.language.en";
}

Tone verdict_tone(DeviceVerdict v) {
    switch (v) {
        case DeviceVerdict::good: return Tone::good;
        case DeviceVerdict::partial: return Tone::warning;
        case DeviceVerdict::poor: return Tone::bad;
        default: return Tone::neutral;
    }
}

std::string bands_text(const std::vector<int>& bands, const char* prefix) {
    std::string out;
    for (int b : bands) {
        if (!out.empty()) out += ", ";
        out += fmt::format("{}{}", prefix, b);
    }
    return out;
}

}  // namespace

Panel::Panel(PanelHost host) : host_(std::move(host)) {}

void Panel::set_catalog(CatalogLoad load, SessionOptions options) {
    load_ = std::move(load);
    session_.reset();
    options.locale = locale_;
    if (load_.catalog) session_ = std::make_unique<RenewalSession>(std::make_shared<const Catalog>(*load_.catalog), options);
}

bool Panel::set_continue_url(std::string order_id, std::string url) {
    const bool web = url.starts_with("https://") || url.starts_with("http://");
    const bool shown = web && url.size() <= 1000;
    if (!shown) url.clear();
    continue_order_id_ = std::move(order_id);
    continue_url_ = std::move(url);
    return shown;
}

void Panel::set_locale(Locale locale) {
    locale_ = locale;
    if (session_) session_->set_locale(locale);
}

const char* Panel::t(std::string_view id) const { return message_text(locale_, id).data(); }

std::string Panel::r(std::string_view id, const std::vector<MessageArg>& args) const { return render(locale_, id, args); }

std::string Panel::money(const Money& m) const { return format_money(m, locale_tag(locale_)); }

std::string Panel::jst_time(UnixSeconds at) const {
    return instant_text(locale_, at, kJstOffsetMinutes, year_shown(at, now_, kJstOffsetMinutes));
}

std::string Panel::local_time(UnixSeconds at) const {
    const int offset = session_ ? session_->options().utc_offset_minutes : 0;
    return instant_text(locale_, at, offset, year_shown(at, now_, offset));
}

std::string Panel::rate_date(const std::string& as_of) const {
    const Result<CivilDate> d = parse_date(as_of);
    return d ? jst_day(*d) : as_of;  // the catalogue check refuses a bad date; shown as written all the same
}

std::string Panel::jst_day(CivilDate d) const {
    const bool this_year = d.year == to_civil(now_, kJstOffsetMinutes).date.year;
    return date_text(locale_, d, this_year ? YearShown::no : YearShown::yes);
}

void Panel::wake_in(double seconds) {
    if (!next_wake_ || seconds < *next_wake_) next_wake_ = seconds;
}

void Panel::frame(FrameRecord& record) {
    record_ = &record;
    current_record() = &record;
    record.announce = announcement_;
    choice_id_.clear();
    next_wake_.reset();
    now_ = host_.now ? host_.now() : 0;

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    narrow_ = vp->Size.x < kNarrowWidth;
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                       ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("Tabi Renew", nullptr, flags);
    ImGui::PopStyleVar();
    // Losing the browser focus (a click on the page, the mirror) leaves ImGui without a navigation window, and
    // Tab would then do nothing when the canvas gets the focus back.
    imgui_internals::keep_navigation_in_current_window();
    if (load_failed_) draw_load_failed();
    else if (!session_) draw_problems();
    else draw_session();
    ImGui::End();
    current_record() = nullptr;
}

void Panel::draw_session() {
    RenewalSession& s = *session_;
    // Logic before drawing (as eframe runs logic() before ui()): time passing, and Escape going back unless a
    // text field is being edited (where Escape leaves the field), so the frame draws the screen they lead to.
    s.tick(now_);
    if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGuiKey_Escape, false) && s.can_go_back()) s.back();
    draw_header();
    // Each screen draws its body and then its footer (its primary action and Back).
    switch (s.step()) {
        case Step::identify: draw_identify(); break;
        case Step::status: draw_status(); break;
        case Step::device: draw_device(); break;
        case Step::payment_methods: draw_payment_methods(); break;
        case Step::choose: draw_choose(); break;
        case Step::confirm: draw_confirm(); break;
        case Step::pay: draw_pay(); break;
        case Step::result: draw_result(); break;
    }
}

// The screen scrolls between the header and the footer; the footer keeps the primary action in reach.
void Panel::begin_screen() {
    RenewalSession& s = *session_;
    const float body_height = std::max(120.0f, ImGui::GetContentRegionAvail().y - footer_height_);
    ImGui::BeginChild("screen", ImVec2(0, body_height), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    if (drawn_step_ != s.step()) {
        ImGui::SetScrollY(0.0f);  // a new screen starts at its top
        drawn_step_ = s.step();
        // The item that had keyboard focus is gone: a keyboard user lands on the new screen's primary action,
        // anyone else starts afresh (Tab then begins at the top).
        focus_primary_ = imgui_internals::keyboard_focus_on_item();
        // Keyboard navigation belongs to the screen's window again (the window it last ran in may be a card
        // that is gone; the screen is flattened into the panel's focus scope), with nothing focused: Tab starts
        // at the top.
        imgui_internals::restart_navigation_in_current_window();
    }
}

bool Panel::end_screen(std::string_view primary, bool primary_enabled, bool show_back, bool focus_ready) {
    gap(8);
    ImGui::EndChild();
    const float before = ImGui::GetCursorPosY();
    const bool pressed = footer(primary, primary_enabled, show_back, focus_ready);
    footer_height_ = ImGui::GetCursorPosY() - before;
    return pressed;
}

// --- each screen: its body, then its footer with the primary action (and Back)

void Panel::draw_identify() {
    begin_screen();
    draw_identify_body();
    RenewalSession& s = *session_;
    if (end_screen(s.options().can_lookup ? t("ui.identify.check") : t("ui.next"), true, false) &&
        !s.submit_identifier(now_))
        refused_for_choice();  // says what is wrong with the number and leads back to its field
}

void Panel::draw_status() {
    begin_screen();
    draw_status_body();
    RenewalSession& s = *session_;
    if (end_screen(t("ui.next"), s.lookup_state() != LookupState::waiting)) s.continue_from_status();
}

void Panel::draw_device() {
    begin_screen();
    draw_device_body();
    if (end_screen(t("ui.next"))) {
        session_->continue_from_device();
        if (session_->step() == Step::device) refused_for_choice();
    }
}

void Panel::draw_payment_methods() {
    begin_screen();
    draw_payment_methods_body();
    if (end_screen(t("ui.next"))) session_->continue_from_payment_methods();
}

void Panel::draw_choose() {
    begin_screen();
    draw_choose_body();
    RenewalSession& s = *session_;
    const auto total = s.chosen_total();
    // Enabled before a plan is chosen: pressing it then says so and leads to the plans (a disabled button
    // would be skipped by Tab and a screen reader's focus, and say nothing when clicked).
    if (end_screen(total ? r("session.continue_with_total", {{"total", money(*total)}}) + "###next"
                         : std::string(t("ui.next")) + "###next",
                   true, true, total.has_value()) &&
        !s.continue_to_confirm(now_) && s.step() == Step::choose)
        refused_for_choice();
}

void Panel::draw_confirm() {
    begin_screen();
    draw_confirm_body();
    RenewalSession& s = *session_;
    const bool can = s.order() && s.order()->state != OrderState::renewed;
    const std::string label = s.order() ? r("ui.confirm.pay", {{"total", money(s.order()->total)}}) : std::string(t("ui.next"));
    if (end_screen(label + "###pay", can && s.options().can_pay))
        s.pay(now_, host_.entropy_hex ? host_.entropy_hex() : std::string());
}

void Panel::draw_pay() {
    begin_screen();
    draw_pay_body();
    end_screen({}, false, true);
}

void Panel::draw_result() {
    begin_screen();
    draw_result_body();
    RenewalSession& s = *session_;
    if (s.order() && s.order()->state == OrderState::renewed) {
        if (end_screen(t("ui.result.start_over"), true, false)) s.start_over();
    } else {
        end_screen({}, false, s.can_go_back());
    }
}

// Gives the keyboard focus (with its highlight) to the item just drawn.
void Panel::focus_last_item() {
    imgui_internals::focus_last_item();
}

void Panel::announce(std::string text, std::string focus) {
    announcement_ = Announcement{announcement_.seq + 1, std::move(text), std::move(focus)};
    if (record_) record_->announce = announcement_;
}

void Panel::refused_for_choice() {
    const auto& n = session_->notice();
    if (!n) return;
    announce(r(n->message_id, n->args), choice_id_);
    focus_choice_ = 2;
}

void Panel::focus_choice_if_asked() {
    if (focus_choice_ == 0) return;
    --focus_choice_;
    focus_last_item();
    // Into view, in its card and in the screen; again on the next frame, when the footer has grown by the message.
    imgui_internals::scroll_to_last_item();
}

// Notices that say which choice a screen still needs: shown by the footer, next to the button that asked.
static bool is_missing_choice(const Note& n) {
    return n.message_id == "session.device_not_chosen" || n.message_id == "session.no_plan_chosen";
}

bool Panel::footer(std::string_view primary, bool primary_enabled, bool show_back, bool focus_ready) {
    RenewalSession& s = *session_;
    ImGui::Separator();
    // Right above the button that was pressed, whatever the screen is scrolled to.
    if (const auto& n = s.notice(); n && is_missing_choice(*n)) toned(Tone::bad, r(n->message_id, n->args));
    bool pressed = false;
    const bool back = show_back && s.can_go_back();
    const char* back_label = s.step() == Step::pay ? t("ui.pay.cancel") : t("ui.back");
    // A keyboard user's focus goes to the new screen's primary action as soon as it can be taken (a status
    // still loading enables it a moment later), unless they have moved the focus themselves meanwhile.
    for (ImGuiKey k : {ImGuiKey_Tab, ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_LeftArrow, ImGuiKey_RightArrow})
        if (ImGui::IsKeyPressed(k, false)) focus_primary_ = false;
    const bool focus = focus_primary_ && !primary.empty() && primary_enabled && focus_ready;
    if (focus) focus_primary_ = false;
    if (back && !primary.empty()) {
        // Back on the left, the primary action on the right, on one line even on a phone.
        const float width = ImGui::GetContentRegionAvail().x;
        const float back_width = std::max(96.0f, width * 0.3f);
        ImGui::BeginGroup();
        ImGui::PushItemWidth(back_width);
        ImGui::BeginChild("footer-back", ImVec2(back_width, full_width_button_height() + 8.0f), ImGuiChildFlags_None,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
        if (secondary_button(std::string(back_label) + "###back")) s.back();
        ImGui::EndChild();
        ImGui::PopItemWidth();
        ImGui::SameLine();
        ImGui::BeginChild("footer-primary", ImVec2(0, full_width_button_height() + 8.0f), ImGuiChildFlags_None,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
        pressed = primary_button(primary, primary_enabled);
        if (focus) focus_last_item();
        ImGui::EndChild();
        ImGui::EndGroup();
        return pressed;
    }
    if (!primary.empty()) pressed = primary_button(primary, primary_enabled);
    if (focus) focus_last_item();
    if (back && secondary_button(std::string(back_label) + "###back")) s.back();
    return pressed;
}

void Panel::draw_header() {
    RenewalSession& s = *session_;
    // Title and language picker on one line.
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(r("ui.step_of", {{"n", std::to_string(s.step_number())},
                                             {"total", std::to_string(s.walk().size())}}).c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(t(step_title_id(s.step())));
    if (offered_locales_.size() > 1) {
        const char* current = t(language_id(locale_));
        const float combo_w = std::min(150.0f, width * 0.4f);
        ImGui::SameLine(width - combo_w + ImGui::GetStyle().WindowPadding.x);
        ImGui::SetNextItemWidth(combo_w);
        a11y_node("text", t("ui.language"));
        if (ImGui::BeginCombo("###language", current)) {
            for (Locale l : offered_locales_) {
                if (ImGui::Selectable(t(language_id(l)), l == locale_) && l != locale_) locale_request_ = l;
            }
            ImGui::EndCombo();
        }
        for (Locale l : offered_locales_) {
            // The mirror offers each language as a button (the combo itself is not reachable there).
            const std::string id = fmt::format("###lang-{}", locale_tag(l));
            const ImGuiID lang_id = ImGui::GetID(id.c_str());
            if (mirror_pressed(lang_id)) locale_request_ = l;
            a11y_node("button", t(language_id(l)), std::to_string(lang_id), l == locale_);
            a11y_mirror_only();
        }
    }
    // Progress: one segment per step of this walk.
    const auto steps = s.walk();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float seg_gap = 4.0f, h = 4.0f;
    const float seg = (width - seg_gap * static_cast<float>(steps.size() - 1)) / static_cast<float>(steps.size());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Palette& colours = palette();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const float x = pos.x + static_cast<float>(i) * (seg + seg_gap);
        const bool done = static_cast<int>(i) < s.step_number();
        dl->AddRectFilled(ImVec2(x, pos.y), ImVec2(x + seg, pos.y + h), done ? colours.accent : colours.muted_fill, h);
    }
    ImGui::Dummy(ImVec2(width, h));
}

void Panel::draw_notice() {
    const auto& n = session_->notice();
    if (n && !is_missing_choice(*n)) toned(n->severity == Severity::warning ? Tone::warning : Tone::bad, r(n->message_id, n->args));
}

void Panel::draw_problems() {
    heading(t("ui.error.catalog"));
    std::size_t shown = 0;
    for (const Problem& p : load_.problems) {
        if (!p.is_error()) continue;
        const std::string text = catalog_problem_message(p);
        toned(Tone::bad, p.where.empty() ? text : fmt::format("{}: {}", p.where, text));
        if (++shown == 20) break;
    }
}

// The deferred code did not arrive. Until it does, the widget takes no input of its own: the bridge turns a tap
// or a key on the panel, or this button in the mirror, into a new attempt, so the whole panel is the button.
void Panel::draw_load_failed() {
    heading(t("ui.error.load"));
    body(t("ui.error.load_help"));
    gap(8);
    primary_button(fmt::format("{}###load-retry", t("ui.error.load_retry")));
}

// --- identify

void Panel::draw_identify_body() {
    RenewalSession& s = *session_;
    heading(t("ui.identify.heading"));
    muted(t("ui.identify.help"));
    gap(4);
    std::string text = s.identifier_text();
    if (text_field("###identifier", t("ui.identify.field"), text, t("ui.identify.placeholder"), !identifier_letters_,
                   *record_))
        s.set_identifier_text(text);
    choice_id_ = std::to_string(ImGui::GetItemID());
    focus_choice_if_asked();
    if (link_button(identifier_letters_ ? "123###keyboard" : "ABC###keyboard")) identifier_letters_ = !identifier_letters_;
    ImGui::SameLine();
    muted(t(identifier_letters_ ? "session.keyboard_letters" : "session.keyboard_digits"));

    const IdentifierCheck& id = s.identifier();
    if (id.kind != IdentifierKind::unknown && id.state != IdentifierState::empty) {
        badge(id.acceptable() ? Tone::good : Tone::neutral,
              r("ui.identify.detected", {{"kind", t(fmt::format("ui.kind.{}", to_string(id.kind)))}}));
        if (!id.issuer.empty()) muted(r("ui.identify.issuer", {{"issuer", id.issuer}}));
    }
    for (const Problem& p : id.problems)
        toned(p.is_error() ? Tone::bad : Tone::warning, render(locale_, p));
    if (id.state == IdentifierState::incomplete && id.hint) muted(render(locale_, *id.hint));
    if (id.state == IdentifierState::valid) toned(Tone::good, t("session.identifier_ok"));
    draw_notice();
    if (!s.options().can_lookup) {
        gap(4);
        muted(t("ui.identify.no_lookup"));
    }
}

// --- status

void Panel::draw_status_body() {
    RenewalSession& s = *session_;
    const CardKind kind = s.card_kind().value_or(CardKind::sim);
    heading(r("ui.status.heading", {{"card", t(card_id(kind))}}));
    muted(s.identifier().masked);
    switch (s.lookup_state()) {
        case LookupState::waiting:
            spinner();
            wake_in(0.05);
            ImGui::SameLine();
            body(t("ui.identify.checking"));
            return;
        case LookupState::failed:
            if (s.lookup_problem()) toned(Tone::bad, r(s.lookup_problem()->message_id, s.lookup_problem()->args));
            if (secondary_button(std::string(t("ui.identify.retry")) + "###retry-lookup")) s.retry_lookup(now_);
            muted(t("ui.identify.skip"));
            return;
        case LookupState::not_asked:
        case LookupState::unavailable:
            muted(t("ui.status.unknown"));
            return;
        case LookupState::done:
            break;
    }
    const auto summary = s.status_summary(now_);
    if (!summary) return;
    const CardStatus& st = *s.card_status();
    begin_card("status-card");
    // The catalogue's plan (in the traveller's language) when the host names it by id, else the host's name.
    const Plan* current = st.plan_id.empty() ? nullptr : s.catalog().find_plan(st.plan_id);
    const std::string& plan_name = current ? current->name_in(locale_) : st.plan_name;
    if (!plan_name.empty()) key_value(t("ui.status.plan"), plan_name);
    key_value(t("ui.status.expires_jst"), jst_time(summary->expiry.at));
    key_value(t("ui.status.expires_local"), local_time(summary->expiry.at));
    const Countdown& c = summary->countdown;
    if (c.expired) {
        toned(Tone::bad, r("ui.status.expired", {{"when", jst_time(summary->expiry.at)}}));
    } else {
        const bool soon = c.total_seconds <= kExpirySoonSeconds;
        badge(soon ? Tone::warning : Tone::good,
              r("ui.status.countdown", {{"days", std::to_string(c.days)}, {"hours", std::to_string(c.hours)},
                                        {"minutes", std::to_string(c.minutes)}}));
        // The countdown shows minutes: wake when the next minute starts.
        wake_in(static_cast<double>(c.seconds) + 1.0);
    }
    gap(4);
    body(t("ui.status.data"));
    const DataLeft& d = summary->data;
    if (d.unlimited) {
        data_bar(1.0f, Tone::good, t("ui.status.unlimited"));
    } else {
        const Tone tone = d.permille_left < kDataLowPercent * 10 ? Tone::bad : Tone::accent;
        data_bar(static_cast<float>(d.permille_left) / 1000.0f, tone,
                 r("ui.status.data_amount", {{"left", format_data_amount(d.left_mb)}, {"total", format_data_amount(d.total_mb)}}));
    }
    if (st.rental_return_date) muted(r("ui.status.return_by", {{"date", jst_day(*st.rental_return_date)}}));
    end_card();
    for (const Problem& w : summary->warnings) toned(w.is_error() ? Tone::bad : Tone::warning, render(locale_, w));
    if (summary->forecast.available && !summary->forecast.message.message_id.empty())
        body(r(summary->forecast.message.message_id, summary->forecast.message.args));
    if (!c.expired) {
        toned(Tone::accent, r("ui.status.renew_by", {{"when", jst_time(summary->renew_by.at)}}));
        if (link_button(std::string(t("ui.status.remind_me")) + "###remind-status") && s.download_status_reminder(now_))
            announce(t("ui.announce.reminder_saved"));  // a download changes nothing on screen: say it happened
    }
}

// --- device

void Panel::draw_device_body() {
    RenewalSession& s = *session_;
    heading(t("ui.device.heading"));
    std::string query = s.device_query();
    if (text_field("###device-search", t("ui.device.search"), query, "iPhone, Pixel, Galaxy…", false, *record_))
        s.set_device_query(query);
    const auto matches = s.device_matches(6);
    if (matches.empty() && !query.empty()) muted(r("ui.device.no_match", {{"query", query}}));
    for (const DeviceMatch& m : matches) {
        const std::string label = fmt::format("{}###device-{}", device_display_name(*m.device), m.index);
        const bool pressed = selectable_row(label, s.chosen_device() == m.device);
        if (choice_id_.empty()) {
            choice_id_ = std::to_string(ImGui::GetItemID());
            focus_choice_if_asked();
        }
        // A toggle: the chosen model pressed again is no longer chosen.
        if (pressed && s.chosen_device() == m.device) s.clear_device_choice();
        else if (pressed) s.choose_device(m.index);
    }
    bool not_sure = s.device_not_sure();
    const bool not_sure_changed = checkbox(std::string(t("ui.device.not_sure")) + "###not-sure", not_sure);
    if (choice_id_.empty()) {  // no model matches the search: "I'm not sure" is the choice left
        choice_id_ = std::to_string(ImGui::GetItemID());
        focus_choice_if_asked();
    }
    if (not_sure_changed) {
        if (not_sure) s.choose_device_not_sure();
        else s.clear_device_choice();
    }
    draw_notice();
    const auto report = s.device_report();
    if (!report) return;
    gap(4);
    begin_card("device-report", verdict_tone(report->verdict));
    if (const Device* d = s.chosen_device()) subheading(device_display_name(*d));
    badge(verdict_tone(report->verdict), t(fmt::format("ui.device.verdict.{}", to_string(report->verdict))));
    if (!report->headline.message_id.empty()) body(r(report->headline.message_id, report->headline.args));
    for (const CarrierFit& fit : report->carriers) {
        if (!s.chosen_device()) break;
        ImGui::Separator();
        body(r("ui.device.network", {{"carrier", t(fmt::format("ui.network.{}", to_string(fit.carrier)))}}));
        ImGui::SameLine();
        badge(verdict_tone(fit.verdict), t(fmt::format("ui.device.verdict.{}", to_string(fit.verdict))));
        std::vector<int> missing = fit.missing_essential;
        missing.insert(missing.end(), fit.missing_coverage.begin(), fit.missing_coverage.end());
        if (!missing.empty()) muted(r("ui.device.missing", {{"bands", bands_text(missing, "B")}}));
        if (!fit.five_g_message.message_id.empty()) muted(r(fit.five_g_message.message_id, fit.five_g_message.args));
    }
    for (const DeviceMessage& n : report->notes)
        toned(n.level == NoteLevel::blocker ? Tone::bad : n.level == NoteLevel::warning ? Tone::warning : Tone::neutral,
              r(n.message_id, n.args));
    end_card();
}

// --- payment methods

void Panel::draw_payment_methods_body() {
    RenewalSession& s = *session_;
    heading(t("ui.payment.heading"));
    body(t("ui.payment.methods"));
    begin_card("methods");
    for (const std::string& m : s.catalog().payment_methods) {
        const std::string id = "ui.method." + m;
        const std::string_view text = message_template(locale_, id);
        body(fmt::format("\u2713  {}", text.empty() ? m : std::string(text)));
    }
    end_card();
    begin_card("international", Tone::warning);
    body(t("ui.payment.international"));
    end_card();
    if (!s.options().can_pay) toned(Tone::warning, t("ui.pay.unavailable"));
}

// --- choose

void Panel::draw_choose_body() {
    RenewalSession& s = *session_;
    heading(t("ui.choose.heading"));
    // The trip: steppers work with a thumb and need no keyboard.
    std::int64_t days = s.trip_days();
    const std::string days_text = render_count(locale_, "ui.choose.days_value", days, {{"days", std::to_string(days)}});
    if (stepper("trip-days", t("ui.choose.trip_days"), days, 1, 1, 90, days_text)) s.set_trip_days(static_cast<int>(days));
    std::int64_t mb = s.mb_per_day();
    if (stepper("mb-per-day", t("ui.choose.mb_per_day"), mb, 256, 0, 20 * 1024, format_data_amount(mb)))
        s.set_mb_per_day(mb);
    gap(4);
    draw_recommendation();
    gap(4);

    // Filters.
    CompareFilter filter = s.filter();
    bool refundable = filter.refundable_only;
    if (checkbox(std::string(t("ui.choose.filter.refundable")) + "###refundable", refundable)) {
        filter.refundable_only = refundable;
        s.set_filter(filter);
    }
    ImGui::SameLine();
    static constexpr std::array<int, 5> kMinGb = {0, 1, 3, 5, 10};
    const std::string min_label = min_data_gb_ ? r("ui.choose.filter.min_data", {{"gb", std::to_string(min_data_gb_)}})
                                               : std::string(t("session.filter.any_data"));
    ImGui::SetNextItemWidth(std::min(200.0f, ImGui::GetContentRegionAvail().x));
    if (ImGui::BeginCombo("###min-data", min_label.c_str())) {
        for (int gb : kMinGb) {
            const std::string l = gb ? r("ui.choose.filter.min_data", {{"gb", std::to_string(gb)}}) : std::string(t("session.filter.any_data"));
            if (ImGui::Selectable(l.c_str(), gb == min_data_gb_)) {
                min_data_gb_ = gb;
                filter.min_data_mb = static_cast<std::int64_t>(gb) * kMbPerGb;
                s.set_filter(filter);
            }
        }
        ImGui::EndCombo();
    }

    const auto& cmp = s.comparison();
    if (!cmp) {
        toned(Tone::bad, render(locale_, cmp.problem()));
        return;
    }
    if (cmp->rate) {
        const ExchangeRate& rate = *cmp->rate;
        muted(r("ui.choose.rate", {{"currency", rate.to}, {"base", rate.from}, {"rate", rate_to_string(rate)},
                                   {"date", rate_date(rate.as_of)}}));
    }
    // A rental: what an extension costs against simply returning late.
    if (const auto& st = s.card_status(); st && st->late_fee_per_day) {
        for (const auto& [id, qty] : s.chosen()) {
            const Plan* p = s.catalog().find_plan(id);
            if (!p || p->kind != PlanKind::rental_extension) continue;
            if (auto cmp_fee = compare_extension_to_late_fee(*st, *p, locale_tag(locale_)))
                toned(cmp_fee->cheaper == CheaperOption::late_fee ? Tone::warning : Tone::accent,
                      r(cmp_fee->message.message_id, cmp_fee->message.args));
        }
    }
    if (cmp->rows.empty()) muted(t("ui.choose.none"));
    else draw_plan_table(*cmp, narrow_);
    draw_notice();
}

void Panel::draw_recommendation() {
    RenewalSession& s = *session_;
    const auto& rec = s.recommendation();
    if (!rec) {
        toned(Tone::bad, render(locale_, rec.problem()));
        return;
    }
    begin_card("recommendation", Tone::accent);
    badge(Tone::accent, t("ui.choose.recommended"));
    if (!rec->best) {
        body(r(rec->message.message_id, rec->message.args));
        end_card();
        return;
    }
    const Pick& best = *rec->best;
    for (const PlanQuantity& q : best.items)
        body(with_quantity(q.plan->name_in(locale_), q.quantity));
    emphasis(money(best.total));
    muted(r(best.reason.message_id, best.reason.args));
    if (s.chosen_is(best.items)) {
        badge(Tone::good, t("ui.choose.selected"));
    } else {
        const bool use = primary_button(std::string(t("session.choose_recommended")) + "###use-recommendation");
        if (choice_id_.empty()) {
            choice_id_ = std::to_string(ImGui::GetItemID());
            focus_choice_if_asked();
        }
        if (use) s.use_recommendation();
    }
    for (std::size_t i = 0; i < rec->alternatives.size(); ++i) {
        const Pick& alt = rec->alternatives[i];
        ImGui::Separator();
        std::string names;
        for (const PlanQuantity& q : alt.items) {
            if (!names.empty()) names += " + ";
            names += with_quantity(q.plan->name_in(locale_), q.quantity);
        }
        body(fmt::format("{}  \u00b7  {}", names, money(alt.total)));
        muted(r(alt.reason.message_id, alt.reason.args));
        if (s.chosen_is(alt.items)) {
            badge(Tone::good, t("ui.choose.selected"));  // not a link that would change nothing
        } else if (link_button(fmt::format("{}###alt-{}", t("ui.choose.select"), i),
                               fmt::format("{} {} \u00b7 {}", t("ui.choose.select"), names, money(alt.total)))) {
            s.choose_items(alt.items);
        }
    }
    end_card();
}

void Panel::draw_plan_table(const Comparison& cmp, bool narrow) {
    RenewalSession& s = *session_;
    const auto days_text = [&](const Plan& p) {
        return p.days == 0 ? std::string(t("ui.choose.keeps_expiry"))
                           : render_count(locale_, "ui.choose.days_value", p.days, {{"days", std::to_string(p.days)}});
    };
    const auto data_text = [&](const Plan& p) {
        return p.data.unlimited ? std::string(t("ui.choose.unlimited")) : format_data_amount(p.data.mb);
    };
    const auto speed_text = [&](const Plan& p) {
        if (p.data.unlimited && p.data.fair_use_mb_per_day == 0) return std::string("\u2014");
        if (p.speed_after_cap_kbps == 0) return std::string(t("ui.choose.no_service"));
        if (p.speed_after_cap_kbps >= 1000 && p.speed_after_cap_kbps % 1000 == 0)
            return r("ui.choose.mbps", {{"mbps", std::to_string(p.speed_after_cap_kbps / 1000)}});
        return r("ui.choose.kbps", {{"kbps", std::to_string(p.speed_after_cap_kbps)}});
    };
    const auto refund_text = [&](const Plan& p) {
        const std::string id = fmt::format("ui.refund.{}", to_string(p.refund.policy));
        return render_count(locale_, id, p.refund.within_days, {{"days", std::to_string(p.refund.within_days)}});
    };
    const auto per = [&](const std::optional<Money>& m) { return m ? money(*m) : std::string("\u2014"); };
    const auto choose_control = [&](const Plan& p) {
        auto it = s.chosen().find(p.id);
        ImGui::PushID(p.id.c_str());
        // In the mirror each plan is a toggle named after it ("Choose 7 days · 5 GB", pressed once chosen), so a
        // screen reader says which plans are in the basket; its quantity buttons name the plan too.
        const std::string name = p.name_in(locale_);
        const std::string toggle = fmt::format("{} {}", t("ui.choose.select"), name);
        if (it == s.chosen().end()) {
            const bool pressed = small_button(std::string(t("ui.choose.select")) + "###choose", toggle);
            a11y_pressed(false);
            if (choice_id_.empty()) {
                choice_id_ = std::to_string(ImGui::GetItemID());
                focus_choice_if_asked();
            }
            if (pressed) s.set_quantity(p.id, 1);
        } else {
            std::int64_t q = it->second;
            // The canvas shows "− ✓ 1 +"; the mirror's toggle (no ImGui item of its own) takes the plan out.
            const ImGuiID toggle_id = ImGui::GetID("###choose");
            if (mirror_pressed(toggle_id)) s.set_quantity(p.id, 0);
            a11y_node("button", toggle, std::to_string(toggle_id));
            a11y_pressed(true);
            a11y_mirror_only();
            if (small_button("\u2212###less", name + " \u2212")) s.set_quantity(p.id, static_cast<int>(q - 1));
            ImGui::SameLine();
            ImGui::TextUnformatted(fmt::format("\u2713 {}", q).c_str());
            ImGui::SameLine();
            if (small_button("+###more", name + " +", q < kMaxItemQuantity)) s.set_quantity(p.id, static_cast<int>(q + 1));
        }
        ImGui::PopID();
    };

    if (narrow) {
        // Phones: one card per plan, the facts as key/value rows, sorting from a combo.
        static constexpr std::array<CompareColumn, 6> kSortable = {CompareColumn::price, CompareColumn::price_per_day,
                                                                   CompareColumn::price_per_gb, CompareColumn::days,
                                                                   CompareColumn::data, CompareColumn::refundable};
        const auto col_id = [](CompareColumn c) -> std::string_view {
            switch (c) {
                case CompareColumn::price: return "ui.choose.col.price";
                case CompareColumn::price_per_day: return "ui.choose.col.per_day";
                case CompareColumn::price_per_gb: return "ui.choose.col.per_gb";
                case CompareColumn::days: return "ui.choose.col.days";
                case CompareColumn::data: return "ui.choose.col.data";
                default: return "ui.choose.col.refund";
            }
        };
        const std::string current = fmt::format("{} {}", t(col_id(s.sort_column())),
                                                s.sort_direction() == SortDirection::ascending ? "\u2191" : "\u2193");
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::BeginCombo("###sort", current.c_str())) {
            for (CompareColumn c : kSortable)
                if (ImGui::Selectable(t(col_id(c)), c == s.sort_column())) s.sort_by(c);
            ImGui::EndCombo();
        }
        for (const CompareRow& row : cmp.rows) {
            const Plan& p = *row.plan;
            const bool chosen = s.chosen().count(p.id) > 0;
            begin_card(p.id.c_str(), chosen ? Tone::accent : Tone::neutral);
            subheading(p.name_in(locale_));
            muted(fmt::format("{} \u00b7 {}", p.product_name_in(locale_), t(fmt::format("ui.plan_kind.{}", to_string(p.kind)))));
            key_value(t("ui.choose.col.price"), money(row.shown_price));
            if (row.converted) muted(money(p.price));
            key_value(t("ui.choose.col.days"), days_text(p));
            key_value(t("ui.choose.col.data"), data_text(p));
            key_value(t("ui.choose.col.per_day"), per(row.price_per_day));
            key_value(t("ui.choose.col.per_gb"), per(row.price_per_gb));
            key_value(t("ui.choose.col.speed"), speed_text(p));
            key_value(t("ui.choose.col.refund"), refund_text(p));
            choose_control(p);
            end_card();
        }
        return;
    }

    constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Sortable |
                                      ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("plans", 9, flags)) return;
    const auto col = [&](const char* id, CompareColumn c, float weight, ImGuiTableColumnFlags extra = 0) {
        ImGui::TableSetupColumn(fmt::format("{}###{}", t(id), static_cast<int>(c)).c_str(),
                                ImGuiTableColumnFlags_WidthStretch | extra, weight, static_cast<ImGuiID>(c));
    };
    col("ui.choose.col.plan", CompareColumn::networks, 2.6f, ImGuiTableColumnFlags_NoSort);
    col("ui.choose.col.price", CompareColumn::price, 1.2f, ImGuiTableColumnFlags_DefaultSort);
    col("ui.choose.col.days", CompareColumn::days, 1.0f);
    col("ui.choose.col.data", CompareColumn::data, 1.0f);
    col("ui.choose.col.per_day", CompareColumn::price_per_day, 1.0f);
    col("ui.choose.col.per_gb", CompareColumn::price_per_gb, 1.0f);
    col("ui.choose.col.speed", CompareColumn::speed_after_cap, 1.0f);
    col("ui.choose.col.refund", CompareColumn::refundable, 1.6f);
    ImGui::TableSetupColumn("###choose", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 110.0f);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            const auto column = static_cast<CompareColumn>(specs->Specs[0].ColumnUserID);
            const bool asc = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            if (column != s.sort_column()) s.sort_by(column);
            if ((s.sort_direction() == SortDirection::ascending) != asc) s.sort_by(column);
        }
        specs->SpecsDirty = false;
    }
    for (const CompareRow& row : cmp.rows) {
        const Plan& p = *row.plan;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.name_in(locale_).c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        ImGui::TextUnformatted(t(fmt::format("ui.plan_kind.{}", to_string(p.kind))));
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(row.shown_price).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(days_text(p).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(data_text(p).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(per(row.price_per_day).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(per(row.price_per_gb).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(speed_text(p).c_str());
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(refund_text(p).c_str());
        ImGui::PopTextWrapPos();
        ImGui::TableNextColumn();
        choose_control(p);
        a11y_node("text", fmt::format("{}: {}, {}, {}, {}", p.name_in(locale_), money(row.shown_price), days_text(p), data_text(p),
                                      refund_text(p)));
    }
    ImGui::EndTable();
}

// --- confirm

void Panel::draw_confirm_body() {
    RenewalSession& s = *session_;
    heading(t("ui.confirm.heading"));
    if (!s.order()) return;
    const Order& o = *s.order();
    begin_card("summary");
    key_value(t("ui.confirm.card"), fmt::format("{} {}", t(card_id(o.card.kind)), o.card.masked_id));
    ImGui::Separator();
    body(t("ui.confirm.items"));
    for (const OrderItem& item : o.items) {
        key_value(with_quantity(item.name, item.quantity), money(item.line_total));
    }
    ImGui::Separator();
    if (const auto& pv = s.preview()) {
        if (pv->after.rental_return_date) key_value(t("ui.confirm.new_return"), jst_day(*pv->after.rental_return_date));
        else key_value(t("ui.confirm.new_expiry"), jst_time(pv->after.expires_at));
        key_value(t("ui.confirm.new_data"), pv->after.unlimited ? std::string(t("ui.choose.unlimited"))
                                                                : format_data_amount(pv->after.data_left_mb));
        for (const PreviewLine& line : pv->lines)
            if (!line.message.message_id.empty()) muted(r(line.message.message_id, line.message.args));
        for (const Problem& n : pv->notes) toned(Tone::warning, render(locale_, n));
    }
    emphasis(fmt::format("{}  {} ({})", t("ui.confirm.total"), money(o.total), o.total.currency));
    end_card();
    body(t("ui.confirm.refund"));
    for (const OrderItem& item : o.items) {
        if (const Plan* p = s.catalog().find_plan(item.plan_id)) {
            const std::string id = fmt::format("ui.refund.{}", to_string(p->refund.policy));
            muted(r("ui.confirm.refund_line",
                    {{"plan", p->name_in(locale_)},
                     {"policy", render_count(locale_, id, p->refund.within_days,
                                             {{"days", std::to_string(p->refund.within_days)}})}}));
        }
    }
    if (s.waiting_for_host()) toned(Tone::warning, r("session.payment_in_progress", {{"id", o.id}}));
    if (!s.options().can_pay) toned(Tone::warning, t("ui.pay.unavailable"));
    draw_storage_notice();
    draw_notice();
}

// Storage that would not keep the order: payment goes on, and the traveller learns what a reload would cost.
void Panel::draw_storage_notice() {
    if (const auto n = session_->storage_notice()) toned(Tone::warning, r(n->message_id, n->args));
}

// --- pay

void Panel::draw_pay_body() {
    RenewalSession& s = *session_;
    heading(t("ui.pay.heading"));
    if (s.order()) muted(r("ui.result.order_id", {{"id", s.order()->id}}));
    draw_storage_notice();
    if (const auto& problem = s.payment_problem()) {
        toned(Tone::warning, r(problem->message_id, problem->args));
        if (primary_button(std::string(t("ui.pay.retry")) + "###retry-pay"))
            s.retry_payment(now_, host_.entropy_hex ? host_.entropy_hex() : std::string());
        return;
    }
    spinner(14.0f);
    wake_in(0.05);
    ImGui::SameLine();
    body(t("ui.pay.waiting"));
    if (s.order() && s.order()->id == continue_order_id_ && !continue_url_.empty()) {
        gap(8);
        begin_card("other-device");
        body(t("ui.pay.other_device"));
        const float size = std::min(220.0f, ImGui::GetContentRegionAvail().x);
        if (qr_code(continue_url_, size)) a11y_node("text", continue_url_);
        muted(continue_url_);
        end_card();
    }
}

// --- result

void Panel::draw_support() {
    RenewalSession& s = *session_;
    const Operator* op = s.order_operator();
    if (!op) return;
    begin_card("support");
    subheading(r("ui.result.support", {{"operator", op->name}}));
    if (!op->phone.empty()) key_value(t("ui.result.phone"), op->phone);
    if (!op->email.empty()) key_value(t("ui.result.email"), op->email);
    if (!op->chat_url.empty()) key_value(t("ui.result.chat"), op->chat_url);
    const auto hhmm = [](int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); };
    muted(r("ui.result.hours", {{"open", hhmm(op->hours.open_minute)}, {"close", hhmm(op->hours.close_minute)},
                                {"days", t("ui.result.days." + op->hours.days)}}));
    if (s.order()) toned(Tone::accent, r("ui.result.quote_order", {{"id", s.order()->id}}));
    end_card();
}

void Panel::draw_result_body() {
    RenewalSession& s = *session_;
    if (!s.order()) return;
    const Order& o = *s.order();
    const UnixSeconds now = now_;
    switch (o.state) {
        case OrderState::renewed: {
            heading(t("ui.result.success"));
            begin_card("receipt", Tone::good);
            if (o.new_expiry) toned(Tone::good, r("ui.result.valid_until", {{"when", jst_time(*o.new_expiry)}}));
            body(r("ui.result.order_id", {{"id", o.id}}));
            ImGui::SameLine();
            if (small_button(std::string(t("ui.result.copy")) + "###copy-order")) {
                s.copy_order_id();
                announce(t("ui.result.copied"));
            }
            if (!o.host_reference.empty()) muted(r("ui.result.reference", {{"reference", o.host_reference}}));
            key_value(t("ui.confirm.total"), money(o.total));
            end_card();
            if (secondary_button(std::string(t("ui.result.receipt")) + "###receipt") && s.download_receipt())
                announce(t("ui.announce.receipt_saved"));
            if (o.new_expiry && secondary_button(std::string(t("ui.result.reminder")) + "###reminder") &&
                s.download_reminder(now))
                announce(t("ui.announce.reminder_saved"));
            return;
        }
        case OrderState::pending:
        case OrderState::awaiting_payment: {
            heading(t("ui.result.pending"));
            body(t("ui.result.pending_body"));
            spinner();
            ImGui::SameLine();
            muted(t("ui.result.checking"));
            wake_in(0.05);
            muted(r("ui.result.order_id", {{"id", o.id}}));
            draw_storage_notice();
            if (const auto& problem = s.payment_problem()) toned(Tone::warning, r(problem->message_id, problem->args));
            if (const auto n = s.pending_too_long(now)) toned(Tone::warning, r(n->message_id, n->args));
            // The session's tick() keeps asking the host while pending; this asks at once.
            if (secondary_button(std::string(t("session.check_now")) + "###check-now")) s.recheck_payment_now(now);
            draw_support();
            return;
        }
        case OrderState::failed:
        case OrderState::cancelled: {
            heading(t(o.state == OrderState::failed ? "ui.result.failed" : "ui.result.cancelled"));
            if (!o.failure_reason.empty()) toned(Tone::bad, r("ui.result.failed_reason", {{"reason", o.failure_reason}}));
            muted(t("session.nothing_charged"));
            if (s.checking_restored_order()) {
                // Restored from a record that may be older than the host's books: no new attempt until it answers.
                toned(Tone::warning, r("session.checking_restored", {{"id", o.id}}));
                if (const auto& problem = s.payment_problem()) toned(Tone::warning, r(problem->message_id, problem->args));
            }
            draw_storage_notice();
            draw_notice();
            const auto entropy = [this] { return host_.entropy_hex ? host_.entropy_hex() : std::string(); };
            if (primary_button(std::string(t("ui.result.retry")) + "###retry")) s.retry_payment(now, entropy());
            // The host shows its own method picker for the new attempt; everything chosen is kept.
            if (secondary_button(std::string(t("ui.result.other_method")) + "###other-method")) s.retry_payment(now, entropy());
            draw_support();
            return;
        }
        default:
            return;
    }
}

}  // namespace tabi::ui
