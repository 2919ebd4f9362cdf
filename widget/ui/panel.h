// The Tabi Renew panel: draws the traveller's walk (core's RenewalSession) with Dear ImGui and turns clicks,
// taps and keys into the session's commands. Knows core and ImGui, nothing of the browser: the platform feeds
// ImGui's IO, gives the time and random bytes, calls frame() and renders the draw data, then drains the
// session's requests and events.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/session.h"
#include "ui/widgets.h"

namespace tabi::ui {

// What the panel needs from its platform.
struct PanelHost {
    std::function<UnixSeconds()> now;           // seconds since the epoch (UTC)
    std::function<std::string()> entropy_hex;   // kOrderEntropyHexDigits or more random hex digits
};

class Panel {
public:
    explicit Panel(PanelHost host);

    // A valid catalogue starts a renewal session; problems are shown instead.
    void set_catalog(CatalogLoad load, SessionOptions options);
    const CatalogLoad& catalog_load() const { return load_; }
    RenewalSession* session() { return session_ ? session_.get() : nullptr; }
    const RenewalSession* session() const { return session_ ? session_.get() : nullptr; }

    void set_locale(Locale locale);
    Locale locale() const { return locale_; }
    // Locales the traveller may switch to from the panel (those whose fonts the platform can load).
    void set_offered_locales(std::vector<Locale> locales) { offered_locales_ = std::move(locales); }
    // The traveller picked another language in the panel (the platform loads its font, then set_locale).
    std::optional<Locale> take_locale_request() { return std::exchange(locale_request_, std::nullopt); }

    // The host's continueUrl for an order: the pay screen shows it as a QR code, so a traveller with no data
    // left can pay on another device. Only http(s) URLs up to 1000 characters are shown (the one place that rule
    // is written; the bridge resolves a relative URL and hands over the rest): false for any other.
    bool set_continue_url(std::string order_id, std::string url);

    // Part of the widget's code could not be loaded (the bridge fetches the deferred wasm module after the first
    // frame): while set, the panel shows only that, with the way to try again, and keeps everything else as it was.
    void set_load_failed(bool failed) { load_failed_ = failed; }

    // Draws one frame into the current ImGui context, filling the whole display. `record` receives the text
    // fields and the accessibility mirror; its `activate` may name a button the mirror pressed.
    void frame(FrameRecord& record);

    // Seconds until the panel next needs a frame with no input (a visible countdown ticks once a second, a
    // pending payment is re-checked); nullopt when nothing on screen changes by itself.
    std::optional<double> next_wake_seconds() const { return next_wake_; }

private:
    void draw_session();  // the header and the screen of the session's step
    void draw_header();
    void draw_problems();
    // Each screen (its body, then its footer with the primary action) is a function of its own in the wasm (never
    // inlined into frame()): the wasm is split by which functions the first frame calls, so the identify screen
    // must not carry the code of choosing, confirming and paying.
    [[gnu::noinline]] void draw_load_failed();
    [[gnu::noinline]] void draw_identify();
    [[gnu::noinline]] void draw_status();
    [[gnu::noinline]] void draw_device();
    [[gnu::noinline]] void draw_payment_methods();
    [[gnu::noinline]] void draw_choose();
    [[gnu::noinline]] void draw_confirm();
    [[gnu::noinline]] void draw_pay();
    [[gnu::noinline]] void draw_result();
    [[gnu::noinline]] void draw_identify_body();
    [[gnu::noinline]] void draw_status_body();
    [[gnu::noinline]] void draw_device_body();
    [[gnu::noinline]] void draw_payment_methods_body();
    [[gnu::noinline]] void draw_choose_body();
    [[gnu::noinline]] void draw_plan_table(const Comparison& cmp, bool narrow);
    [[gnu::noinline]] void draw_recommendation();
    [[gnu::noinline]] void draw_confirm_body();
    [[gnu::noinline]] void draw_pay_body();
    [[gnu::noinline]] void draw_result_body();
    [[gnu::noinline]] void draw_support();
    void draw_notice();
    void draw_storage_notice();
    // A screen's scrolling body starts; on a new screen it starts at its top with the keyboard focus reset.
    void begin_screen();
    // The body ends and the footer is drawn (see footer()); returns true when primary was pressed.
    bool end_screen(std::string_view primary, bool primary_enabled = true, bool show_back = true, bool focus_ready = true);
    // Footer: the screen's primary action (and Back); returns true when primary was pressed.
    // `focus_ready`: a keyboard user arriving on the screen may be given the primary action now (not while the
    // screen still needs a choice: Tab would then start past it).
    bool footer(std::string_view primary, bool primary_enabled = true, bool show_back = true, bool focus_ready = true);
    void focus_last_item();
    // Continue pressed before the screen's choice was made: says what is missing (the footer shows the session's
    // notice in view of the button; the mirror reads it out) and, on the next frame, focuses the control that
    // can supply it (`choice_id_`, the first such control drawn).
    void refused_for_choice();
    void focus_choice_if_asked();
    void announce(std::string text, std::string focus = {});

    const char* t(std::string_view id) const;  // a message without arguments (null-terminated, static)
    std::string r(std::string_view id, const std::vector<MessageArg>& args = {}) const;
    std::string money(const Money& m) const;
    std::string jst_time(UnixSeconds t) const;
    std::string local_time(UnixSeconds t) const;
    std::string jst_day(CivilDate d) const;  // a date in Japan (a rental's return date)
    std::string rate_date(const std::string& as_of) const;  // an exchange rate's "as_of" date
    void wake_in(double seconds);

    PanelHost host_;
    CatalogLoad load_;
    std::unique_ptr<RenewalSession> session_;
    Locale locale_ = Locale::en;
    std::vector<Locale> offered_locales_{Locale::en};
    std::optional<Locale> locale_request_;
    std::optional<double> next_wake_;
    UnixSeconds now_ = 0;
    float footer_height_ = 0.0f;
    bool narrow_ = false;
    bool identifier_letters_ = false;  // the identifier field asks for a text keyboard (rental order numbers)
    int min_data_gb_ = 0;
    FrameRecord* record_ = nullptr;
    Step drawn_step_ = Step::identify;
    bool focus_primary_ = false;
    std::string choice_id_;      // this frame's first control that supplies the screen's choice (mirror id)
    int focus_choice_ = 0;       // frames left in which that control takes the keyboard focus and is scrolled to
    Announcement announcement_;  // copied into every frame's record: the mirror reads each new one out
    bool load_failed_ = false;
    std::string continue_order_id_;
    std::string continue_url_;
};

}  // namespace tabi::ui
