// The panel, headless: real ImGui frames driven with simulated mouse, keyboard and text input, asserting on the
// session's state and on what each frame drew (the accessibility mirror lists every heading, text and button
// with its rectangle, so a test can find "Check my card" and click where it is drawn).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "ui/imgui_internals.h"
#include "ui/panel.h"
#include "ui/style.h"

using namespace tabi;
using json = nlohmann::json;

namespace {

constexpr UnixSeconds kNow = 1'795'000'000;
constexpr const char* kIccid = "8981100012345678905";

// One ImGui context with the panel's fonts, a display size, and helpers to drive frames.
class Harness {
public:
    Harness(float width, float height, bool lookup = true, bool pay = true)
        : panel_(ui::PanelHost{[this] { return now; }, [this] { return next_entropy(); }}) {
        ctx_ = ui::create_context();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        ui::apply_theme({});
        ui::load_fonts(1.0f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
        SessionOptions options;
        options.can_lookup = lookup;
        options.can_pay = pay;
        options.currency = "USD";
        options.page_origin = "https://test.example";
        panel_.set_catalog(load_catalog(sample_catalog_json()), options);
        frames(2);
    }
    ~Harness() { ui::destroy_context(ctx_); }

    RenewalSession& session() { return *panel_.session(); }
    ui::Panel& panel() { return panel_; }
    const ui::FrameRecord& record() const { return record_; }

    void frame() {
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        record_.begin();
        panel_.frame(record_);
        ImGui::Render();
        draw_vertices_ = ImGui::GetDrawData()->TotalVtxCount;
        auto requests = session().take_requests();
        requests_.insert(requests_.end(), requests.begin(), requests.end());
        auto events = session().take_events();
        events_.insert(events_.end(), events.begin(), events.end());
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }

    const ui::A11yNode* find(std::string_view role, std::string_view label_start) const {
        for (const auto& n : record_.a11y)
            if (n.role == role && std::string_view(n.label).starts_with(label_start)) return &n;
        return nullptr;
    }
    bool shows(std::string_view text) const {
        return std::any_of(record_.a11y.begin(), record_.a11y.end(),
                           [&](const ui::A11yNode& n) { return n.label.find(text) != std::string::npos; });
    }

    // A real click: move, press, release, at the centre of the item as drawn.
    void click(std::string_view label_start, std::string_view role = "button") {
        const ui::A11yNode* n = find(role, label_start);
        REQUIRE_MESSAGE(n, "no " << role << " starting with '" << label_start << "' on screen " << to_string(session().step()));
        const float x = n->rect.x + n->rect.w * 0.5f, y = n->rect.y + n->rect.h * 0.5f;
        ImGuiIO& io = ImGui::GetIO();
        io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
        io.AddMousePosEvent(x, y);
        frame();
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseButtonEvent(0, false);
        frames(3);
    }
    // A touch tap: the same through the touch source (what the browser platform feeds for a tap).
    void tap(std::string_view label_start, std::string_view role = "button") {
        const ui::A11yNode* n = find(role, label_start);
        REQUIRE_MESSAGE(n, "no " << role << " starting with '" << label_start << "'");
        ImGuiIO& io = ImGui::GetIO();
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(n->rect.x + n->rect.w * 0.5f, n->rect.y + n->rect.h * 0.5f);
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMouseButtonEvent(0, false);
        frame();
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        frames(3);
    }
    void type(const char* text) {
        ImGui::GetIO().AddInputCharactersUTF8(text);
        frames(2);
    }
    void key(ImGuiKey k, int repeat = 1) {
        for (int i = 0; i < repeat; ++i) {
            ImGui::GetIO().AddKeyEvent(k, true);
            frame();
            ImGui::GetIO().AddKeyEvent(k, false);
            frame();
        }
        frames(2);
    }
    // The mirror's button: what a screen reader user presses.
    void activate(std::string_view label_start) {
        const ui::A11yNode* n = find("button", label_start);
        REQUIRE(n);
        record_activate(n->id);
    }
    void record_activate(std::string id) {
        record_.activate = std::move(id);
        frames(3);
        CHECK(record_.activate.empty());
    }

    std::vector<BridgeRequest> take(std::string_view kind) {
        std::vector<BridgeRequest> out;
        for (auto it = requests_.begin(); it != requests_.end();) {
            if (name_of(it->kind) == kind) {
                out.push_back(*it);
                it = requests_.erase(it);
            } else {
                ++it;
            }
        }
        return out;
    }
    bool has_event(std::string_view name) const {
        return std::any_of(events_.begin(), events_.end(), [&](const HostEvent& e) { return e.name == name; });
    }

    // Plays the host: answers the lookup with a status and the payment with `status`.
    void answer_lookup() {
        auto lookups = take("lookup");
        REQUIRE(lookups.size() == 1);
        const int id = json::parse(lookups[0].json)["requestId"];
        json status = {{"card", "sim"}, {"operator", "sakura-mobile-jp"}, {"product", "sakura-visitor-sim"},
                       {"plan_name", "7 days · 5 GB"}, {"activated_at", "2026-11-15T03:00:00Z"},
                       {"validity", "calendar_jst"}, {"days", 7}, {"data_total_mb", 5120}, {"data_used_mb", 4700}};
        session().apply_lookup_answer(json{{"requestId", id}, {"ok", true}, {"value", status}}.dump(), now);
        frames(2);
    }
    json answer_payment(const std::string& status) {
        auto pays = take("pay");
        REQUIRE(pays.size() == 1);
        const json order = json::parse(pays[0].json)["order"];
        json result = {{"orderId", order["orderId"]}, {"status", status}, {"reference", "pi_test"}};
        if (status == "succeeded") result["newExpiry"] = "2026-12-01T14:59:59Z";
        session().apply_payment_answer(json{{"type", "payment-result"}, {"orderId", order["orderId"]}, {"result", result}}.dump(), now);
        frames(2);
        return order;
    }

    int draw_vertices() const { return draw_vertices_; }
    UnixSeconds now = kNow;

private:
    std::string next_entropy() {
        static constexpr char kHex[] = "0123456789abcdef";
        std::string out;
        for (int i = 0; i < 48; ++i) out += kHex[(entropy_counter_ * 7 + i * 13) % 16];
        ++entropy_counter_;
        return out;
    }

    ImGuiContext* ctx_ = nullptr;
    ui::Panel panel_;
    ui::FrameRecord record_;
    std::vector<BridgeRequest> requests_;
    std::vector<HostEvent> events_;
    int draw_vertices_ = 0;
    int entropy_counter_ = 1;
};

// Mouse from identify to the choose screen.
void walk_to_choose(Harness& h) {
    h.click("", "field");
    h.type(kIccid);
    h.click("Check my card");
    REQUIRE(h.session().step() == Step::status);
    h.answer_lookup();
    h.click("Continue");
    REQUIRE(h.session().step() == Step::device);
    h.click("Apple iPhone 16");
    h.click("Continue");
    REQUIRE(h.session().step() == Step::payment_methods);
    h.click("Continue");
    REQUIRE(h.session().step() == Step::choose);
}

}  // namespace

TEST_CASE("widgets: each ImGui context keeps its own state, so a second panel's theme leaves the first's colours") {
    ImGuiContext* light = ui::create_context();
    ui::apply_theme({});
    const ImU32 light_card = ui::palette().card_fill;
    ImGuiContext* dark = ui::create_context();
    CHECK(ImGui::GetCurrentContext() == dark);
    ui::Theme theme;
    theme.dark = true;
    ui::apply_theme(theme);
    CHECK(ui::palette().card_fill != light_card);
    ImGui::SetCurrentContext(light);
    CHECK(ui::palette().card_fill == light_card);
    CHECK(ui::current_record() == nullptr);
    ui::destroy_context(dark);
    CHECK(ImGui::GetCurrentContext() == light);
    ui::destroy_context(light);
    CHECK(ImGui::GetCurrentContext() == nullptr);
}

TEST_CASE("panel: the identify screen draws its heading, field and action, and idles") {
    Harness h(1280, 800);
    CHECK(h.session().step() == Step::identify);
    CHECK(h.find("heading", "Which card do you want to renew?"));
    CHECK(h.find("field", "Card or order number"));
    CHECK(h.find("button", "Check my card"));
    CHECK(h.draw_vertices() > 500);
    CHECK_FALSE(h.panel().next_wake_seconds().has_value());  // nothing on this screen changes by itself
}

TEST_CASE("panel: typing an identifier checks it live and nothing leaves until it is valid") {
    Harness h(390, 844);
    h.click("", "field");
    CHECK(h.record().editing);
    CHECK(h.record().numeric_field);
    h.type("8981 1000 1234");
    CHECK(h.session().identifier_text() == "8981 1000 1234");
    CHECK(h.shows("SIM card number (ICCID) detected"));
    CHECK(h.shows("Issued by"));
    h.click("Check my card");
    CHECK(h.session().step() == Step::identify);
    CHECK(h.take("lookup").empty());
    h.click("", "field");
    h.type("5678905");
    h.click("Check my card");
    CHECK(h.session().step() == Step::status);
    CHECK(h.take("lookup").size() == 1);
}

TEST_CASE("panel: a mouse walk through every step, with the status, comparison, confirm and receipt screens") {
    Harness h(1280, 800);
    walk_to_choose(h);
    CHECK(h.find("heading", "Choose a plan"));
    CHECK(h.shows("Our pick"));
    CHECK(h.shows("Prices shown in USD"));
    h.click("Choose our pick");
    REQUIRE_FALSE(h.session().chosen().empty());
    h.click("Continue");
    REQUIRE(h.session().step() == Step::confirm);
    CHECK(h.find("heading", "Check before you pay"));
    CHECK(h.shows("New expiry"));
    CHECK(h.shows("Refund policy"));
    h.click("Pay");
    REQUIRE(h.session().step() == Step::pay);
    CHECK(h.panel().next_wake_seconds().has_value());  // the spinner animates while waiting
    h.answer_payment("succeeded");
    REQUIRE(h.session().step() == Step::result);
    CHECK(h.find("heading", "Renewed!"));
    CHECK(h.has_event("renewed"));
    h.click("Save receipt");
    h.click("Add a reminder");
    CHECK(h.take("download").size() == 2);
    h.click("Renew another card");
    CHECK(h.session().step() == Step::identify);
}

TEST_CASE("panel: back never loses what was entered, and Escape goes back") {
    Harness h(1280, 800);
    walk_to_choose(h);
    h.click("Days left in your trip +");
    const int days = h.session().trip_days();
    h.key(ImGuiKey_Escape);
    CHECK(h.session().step() == Step::payment_methods);
    h.click("Back");
    CHECK(h.session().step() == Step::device);
    CHECK(h.session().chosen_device() != nullptr);
    h.click("Back");
    h.click("Back");
    CHECK(h.session().step() == Step::identify);
    CHECK(h.session().identifier_text() == kIccid);
    h.click("Check my card");
    h.click("Continue");
    h.click("Continue");
    h.click("Continue");
    CHECK(h.session().step() == Step::choose);
    CHECK(h.session().trip_days() == days);
}

TEST_CASE("panel: on a phone the comparison is a list of cards; a touch walk renews") {
    Harness h(390, 844);
    h.tap("", "field");
    h.type(kIccid);
    h.tap("Check my card");
    h.answer_lookup();
    h.tap("Continue");
    h.tap("I'm not sure");
    h.tap("Continue");
    h.tap("Continue");
    REQUIRE(h.session().step() == Step::choose);
    // Cards: each plan's name is a subheading, with its facts as rows.
    CHECK(h.find("heading", "7 days · 5 GB"));
    CHECK(h.find("heading", "30 days · 20 GB"));
    h.tap("Choose our pick");
    h.tap("Continue");
    REQUIRE(h.session().step() == Step::confirm);
    h.tap("Pay");
    h.answer_payment("succeeded");
    CHECK(h.session().order()->state == OrderState::renewed);
}

TEST_CASE("panel: keyboard only: Tab and Enter walk the first steps") {
    Harness h(1280, 800);
    h.key(ImGuiKey_Tab);  // focus the first item: the identifier field
    h.type(kIccid);
    CHECK(h.session().identifier_text() == kIccid);
    h.key(ImGuiKey_Enter);  // leaves the field
    // Tab to "Check my card" and activate it with Enter (focus order: field, keyboard toggle, action).
    for (int i = 0; i < 6 && h.session().step() == Step::identify; ++i) {
        h.key(ImGuiKey_Tab);
        const ImGuiID focused = ui::imgui_internals::focused_item();
        const ui::A11yNode* check = h.find("button", "Check my card");
        REQUIRE(check);
        if (std::to_string(focused) == check->id) h.key(ImGuiKey_Enter);
    }
    CHECK(h.session().step() == Step::status);
}

TEST_CASE("panel: a failed payment offers retry, another method and the operator's support with the order id") {
    Harness h(1280, 800);
    walk_to_choose(h);
    h.click("Choose our pick");
    h.click("Continue");
    h.click("Pay");
    const json order = h.answer_payment("failed");
    REQUIRE(h.session().step() == Step::result);
    CHECK(h.find("heading", "Payment didn't go through"));
    CHECK(h.find("button", "Try again"));
    CHECK(h.find("button", "Use another payment method"));
    CHECK(h.shows("Sakura Connect"));
    CHECK(h.shows(order["orderId"].get<std::string>()));
    h.click("Use another payment method");
    const auto pays = h.take("pay");
    REQUIRE(pays.size() == 1);
    CHECK(json::parse(pays[0].json)["order"]["idempotencyKey"] != order["idempotencyKey"]);
}

TEST_CASE("panel: the accessibility mirror's buttons act like clicks") {
    Harness h(1280, 800);
    h.click("", "field");
    h.type(kIccid);
    h.activate("Check my card");
    CHECK(h.session().step() == Step::status);
}

TEST_CASE("panel: the pay screen shows the host's continue URL as a QR code for that order only") {
    Harness h(390, 844);
    walk_to_choose(h);
    h.click("Choose our pick");
    h.click("Continue");
    h.click("Pay");
    REQUIRE(h.session().step() == Step::pay);
    const std::string id = h.session().order()->id;
    h.panel().set_continue_url("TR-OTHER-0000", "https://shop.example/pay/other");
    h.frames(2);
    CHECK_FALSE(h.shows("https://shop.example/pay/other"));
    CHECK_FALSE(h.panel().set_continue_url(id, "javascript:alert(1)"));
    h.frames(2);
    CHECK_FALSE(h.shows("javascript:"));
    CHECK_FALSE(h.panel().set_continue_url(id, "https://shop.example/" + std::string(1000, 'a')));
    const int before = h.draw_vertices();
    CHECK(h.panel().set_continue_url(id, "https://shop.example/pay/" + id));
    h.frames(2);
    CHECK(h.shows("No data left?"));
    CHECK(h.shows("https://shop.example/pay/" + id));
    CHECK(h.draw_vertices() > before + 400);  // the modules are drawn
}

TEST_CASE("panel: a screen reached by keyboard puts the focus on its action once it is enabled") {
    Harness h(1280, 800);
    h.key(ImGuiKey_Tab);
    h.type(kIccid);
    h.key(ImGuiKey_Enter);
    for (int i = 0; i < 6 && h.session().step() == Step::identify; ++i) {
        h.key(ImGuiKey_Tab);
        const ui::A11yNode* check = h.find("button", "Check my card");
        REQUIRE(check);
        if (std::to_string(ui::imgui_internals::focused_item()) == check->id) h.key(ImGuiKey_Enter);
    }
    REQUIRE(h.session().step() == Step::status);
    h.answer_lookup();
    h.frames(3);
    const ui::A11yNode* next = h.find("button", "Continue");
    REQUIRE(next);
    CHECK(std::to_string(ui::imgui_internals::focused_item()) == next->id);
    h.key(ImGuiKey_Enter);
    CHECK(h.session().step() == Step::device);
}

namespace {
// Tabs (or Shift+Tabs) until the keyboard focus is on the button starting with `label`; false after `max` presses.
bool tab_to(Harness& h, std::string_view label, bool shift = false, int max = 40) {
    for (int i = 0; i <= max; ++i) {
        const ui::A11yNode* n = h.find("button", label);
        if (n && std::to_string(ui::imgui_internals::focused_item()) == n->id) return true;
        if (i == max) break;
        if (shift) ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, true);
        h.key(ImGuiKey_Tab);
        if (shift) ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, false);
    }
    return false;
}
}  // namespace

TEST_CASE("panel: keyboard only: a whole renewal with Tab, Shift+Tab and Enter") {
    Harness h(1280, 800);
    h.key(ImGuiKey_Tab);
    h.type(kIccid);
    h.key(ImGuiKey_Enter);
    REQUIRE(tab_to(h, "Check my card"));
    h.key(ImGuiKey_Enter);
    REQUIRE(h.session().step() == Step::status);
    h.answer_lookup();
    REQUIRE(tab_to(h, "Continue"));
    h.key(ImGuiKey_Enter);
    REQUIRE(h.session().step() == Step::device);
    REQUIRE(tab_to(h, "I'm not sure", true));
    h.key(ImGuiKey_Space);
    REQUIRE(tab_to(h, "Continue"));
    h.key(ImGuiKey_Enter);
    REQUIRE(h.session().step() == Step::payment_methods);
    REQUIRE(tab_to(h, "Continue"));
    h.key(ImGuiKey_Enter);
    REQUIRE(h.session().step() == Step::choose);
    REQUIRE(tab_to(h, "Choose our pick"));
    h.key(ImGuiKey_Enter);
    REQUIRE(tab_to(h, "Continue", true));
    h.key(ImGuiKey_Enter);
    REQUIRE(h.session().step() == Step::confirm);
    REQUIRE(tab_to(h, "Pay"));
    h.key(ImGuiKey_Enter);
    REQUIRE(h.session().step() == Step::pay);
    h.answer_payment("succeeded");
    CHECK(h.session().order()->state == OrderState::renewed);
}

TEST_CASE("panel: dates and times as the traveller's language writes them, each zone named") {
    Harness h(1280, 800);
    h.click("", "field");
    h.type(kIccid);
    h.click("Check my card");
    REQUIRE(h.session().step() == Step::status);
    h.answer_lookup();
    // Activated 2026-11-15 12:00 JST for 7 calendar days: valid until Sat 21 Nov 23:59:59 JST (14:59:59 UTC).
    CHECK(h.shows("Expires (Japan time): Sat 21 Nov, 23:59 JST"));
    CHECK(h.shows("In your time zone: Sat 21 Nov, 14:59 UTC"));
    CHECK(h.shows("Renew by Sat 21 Nov, 23:59 JST"));
    h.panel().set_locale(Locale::ja);
    h.frames(2);
    CHECK(h.shows("11月21日(土) 23:59 JST"));
    CHECK(h.shows("11月21日(土) 14:59 UTC"));
    h.panel().set_locale(Locale::ko);
    h.frames(2);
    CHECK(h.shows("11월 21일 (토) 23:59 JST"));
    h.panel().set_locale(Locale::zh_Hant);
    h.frames(2);
    CHECK(h.shows("11月21日 週六 23:59 JST"));
    h.panel().set_locale(Locale::en);
    h.frames(2);
    h.click("Continue");
    h.click("Apple iPhone 16");
    h.click("Continue");
    h.click("Continue");
    REQUIRE(h.session().step() == Step::choose);
    h.click("Choose our pick");
    h.click("Continue");
    REQUIRE(h.session().step() == Step::confirm);
    h.click("Pay");
    h.answer_payment("succeeded");
    REQUIRE(h.session().step() == Step::result);
    CHECK(h.shows("Valid until Tue 1 Dec, 23:59 JST"));  // the host's newExpiry 2026-12-01T14:59:59Z
}

// Issue 16: an enabled Continue that cannot go on yet says why, in view of the button, and takes the keyboard
// focus to the control that supplies what is missing; the mirror gets the same words as an announcement.
TEST_CASE("panel: Continue before a phone model is chosen shows why and focuses the first model") {
    for (const bool phone : {false, true}) {
        CAPTURE(phone);
        Harness h(phone ? 390.0f : 1280.0f, phone ? 844.0f : 800.0f);
        h.click("", "field");
        h.type(kIccid);
        h.click("Check my card");
        h.answer_lookup();
        h.click("Continue");
        REQUIRE(h.session().step() == Step::device);
        const ui::A11yNode* first = h.find("button", "Apple iPhone 16");
        REQUIRE(first);
        CHECK(first->pressed == std::optional<bool>(false));
        CHECK(h.find("button", "I'm not sure")->pressed == std::optional<bool>(false));
        CHECK(h.record().announce.seq == 0);
        if (phone) h.tap("Continue");
        else h.click("Continue");
        CHECK(h.session().step() == Step::device);
        const ui::A11yNode* why = h.find("alert", "Pick your phone model");
        REQUIRE(why);
        const ui::A11yNode* next = h.find("button", "Continue");
        REQUIRE(next);
        // Drawn in the footer, right above the button (visible whatever the list is scrolled to).
        CHECK(why->rect.y < next->rect.y);
        CHECK(why->rect.y + why->rect.h > next->rect.y - 60.0f);
        CHECK(h.record().announce.seq == 1);
        CHECK(h.record().announce.text == "Pick your phone model, or tick “I'm not sure”.");
        CHECK(h.record().announce.focus == h.find("button", "Apple iPhone 16")->id);
        CHECK(std::to_string(ui::imgui_internals::focused_item()) == h.find("button", "Apple iPhone 16")->id);
        // Pressed again: announced again.
        h.click("Continue");
        CHECK(h.record().announce.seq == 2);
        h.click("I'm not sure");
        CHECK(h.find("button", "I'm not sure")->pressed == std::optional<bool>(true));
        CHECK_FALSE(h.find("alert", "Pick your phone model"));  // the choice made, the message goes
        h.click("Apple iPhone 16");
        CHECK(h.find("button", "Apple iPhone 16")->pressed == std::optional<bool>(true));
        CHECK(h.find("button", "I'm not sure")->pressed == std::optional<bool>(false));
        // Toggles: pressed again, nothing is chosen (a press always changes something).
        h.click("Apple iPhone 16");
        CHECK(h.find("button", "Apple iPhone 16")->pressed == std::optional<bool>(false));
        CHECK(h.session().chosen_device() == nullptr);
        h.click("I'm not sure");
        h.click("I'm not sure");
        CHECK_FALSE(h.session().device_not_sure());
        h.click("Apple iPhone 16");
        h.click("Continue");
        CHECK(h.session().step() == Step::payment_methods);
    }
}

TEST_CASE("panel: Continue before a plan is chosen is enabled, says why and focuses our pick") {
    Harness h(1280, 800);
    walk_to_choose(h);
    const ui::A11yNode* next = h.find("button", "Continue");
    REQUIRE(next);
    CHECK_FALSE(next->disabled);
    h.key(ImGuiKey_Tab);  // a keyboard user
    h.click("Continue");
    CHECK(h.session().step() == Step::choose);
    REQUIRE(h.find("alert", "Choose at least one plan."));
    CHECK(h.record().announce.text == "Choose at least one plan.");
    const ui::A11yNode* pick = h.find("button", "Choose our pick");
    REQUIRE(pick);
    CHECK(h.record().announce.focus == pick->id);
    CHECK(std::to_string(ui::imgui_internals::focused_item()) == pick->id);
    // Each plan is a toggle named after it; our pick's price is text, not a heading.
    const auto toggle_of = [&](const std::string& name) -> const ui::A11yNode* {
        for (const auto& n : h.record().a11y)
            if (n.role == "button" && n.label == "Choose " + name && n.pressed) return &n;
        return nullptr;
    };
    REQUIRE(toggle_of("7 days · 5 GB"));
    CHECK(toggle_of("7 days · 5 GB")->pressed == std::optional<bool>(false));
    for (const auto& n : h.record().a11y)
        if (n.role == "heading") CHECK_MESSAGE(n.label.find("$") == std::string::npos, n.label);
    h.key(ImGuiKey_Enter);  // on our pick
    REQUIRE_FALSE(h.session().chosen().empty());
    CHECK_FALSE(h.find("alert", "Choose at least one plan."));
    CHECK(h.shows("Chosen"));
    for (const auto& [id, quantity] : std::map<std::string, int>(h.session().chosen())) {
        const Plan* plan = h.session().catalog().find_plan(id);
        REQUIRE(plan);
        const ui::A11yNode* toggle = toggle_of(plan->name_in(Locale::en));
        REQUIRE(toggle);
        CHECK(toggle->pressed == std::optional<bool>(true));
        CHECK_FALSE(toggle->tab_stop);  // the mirror's own: the canvas shows − ✓ 1 +
        CHECK(h.find("button", plan->name_in(Locale::en) + " +"));
        h.record_activate(toggle->id);  // the mirror's toggle takes it out again
        CHECK(h.session().chosen().count(id) == 0);
    }
    CHECK(h.session().chosen().empty());
    h.activate("Choose our pick");
    h.click("Continue");
    REQUIRE(h.session().step() == Step::confirm);
    for (const auto& n : h.record().a11y)
        if (n.role == "heading") CHECK_MESSAGE(n.label.find("Total") == std::string::npos, n.label);
    CHECK(h.shows("Total"));
}
