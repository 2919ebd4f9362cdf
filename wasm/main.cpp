// The widget's entry points: a small C ABI that the JavaScript bridge (js/tabi-renew.js) calls, with
// everything that crosses it as UTF-8 JSON text. One module instance hosts one widget, so several
// widgets on a page never share state; this file holds that instance's single WidgetApp.
//
// Exports:  tabi_widget_init(options_json, catalog_text) -> 1 on success, 0 without WebGL2
//           tabi_widget_resize(css_width, css_height, device_pixel_ratio)
//           tabi_widget_frame_count() -> frames drawn (render-on-demand check)
//           tabi_widget_message(json)  a message from the bridge: {"type": ...} (TABI_BRIDGE_MESSAGES in
//               core/bridge_protocol.h)
//           tabi_widget_locale_pack(locale, messages_json, fonts_index_json, font_bytes, font_size)  a locale's
//               pack (its messages, the index of its font slices and slice 000), copied
//           tabi_widget_font_slice(locale, file, font_bytes, font_size)  a font slice the wasm asked for, copied
//           tabi_widget_system_glyphs(locale, answer_json, bitmaps, size)  characters the system's fonts drew
//               ("system-glyphs"; ui/system_glyphs.h), copied
//           tabi_widget_draw_now()  draws the frame the widget waits to draw now (the bridge, once the first
//               frame has all it needs: a display refresh sooner than at the next animation frame)
//           tabi_widget_start_input()  the deferred module is in: listen for input on the canvas
//           tabi_widget_load_failed(failed)  the deferred module could not be had (1) / is being tried again (0)
//           tabi_widget_destroy()
//           tabi_core_call(method, json) -> malloc'ed JSON answer (the headless core API; no widget needed)
// Imports (wasm/bridge_imports.js):  tabi_js_emit(name, json)     an event for the host page
//                                    tabi_js_request(kind, json)  a service from the bridge
//                                        (TABI_BRIDGE_REQUESTS in core/bridge_protocol.h)
//                                    tabi_js_bind_canvas()
//
// Index of this file:
// - helpers: events and requests to the bridge (emit, emit_error, request), the bridge's JSON read
// - WidgetApp, the one widget of this instance:
//   - init, the bridge's messages (message: one case per TABI_BRIDGE_MESSAGES row), the catalogue, resize
//   - what the bridge hands over: locale packs, font slices, the system's glyphs; the deferred module; destroy
//   - locale and look: show_locale / apply_locale, apply_look (theme, appearance, font scale)
//   - fonts: rebuild_fonts, update_glyphs / find_glyphs (the characters a screen needs, and where they come
//     from), atlas_holds, measure_first_glyphs
//   - the frame: frame, tab_leaves, drain (requests and events out), sync_text_input, sync_mirror, schedule_wake
// - the C ABI (extern "C"): the exports listed above, each a thin call into g_app
#include <algorithm>
#include <array>
#include <optional>
#include <cmath>
#include <vector>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <unistd.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include "browser_platform.h"
#include "core/bridge_json.h"
#include "core/bridge_protocol.h"
#include "core/catalog.h"
#include "core/core_api.h"
#include "core/messages.h"
#include "core/session.h"
#include "core/utf8.h"
#include "ui/font_slices.h"
#include "ui/imgui_internals.h"
#include "ui/panel.h"
#include "ui/style.h"
#include "ui/system_glyphs.h"

extern "C" {
void tabi_js_emit(const char* name, const char* json);
void tabi_js_request(const char* kind, const char* json);
void tabi_js_bind_canvas();
}

namespace {

using json = nlohmann::ordered_json;  // the one JSON type of the build (see core)

void emit(const char* name, const json& payload) {
    const std::string text = payload.dump();
    tabi_js_emit(name, text.c_str());
}

// The host's `error` event: {kind, problems}.
void emit_error(const char* kind, json problems) { emit("error", {{"kind", kind}, {"problems", std::move(problems)}}); }

// One problem whose message is written already (the bridge's words, or this file's), as a list of one.
json written_problem(const char* path, const char* id, tabi::Severity severity, std::string message) {
    return json::array({tabi::written_problem_json(path, id, severity, std::move(message))});
}

// A service from the bridge (core/bridge_protocol.h).
void request(tabi::BridgeRequestKind kind, const char* json) { tabi_js_request(std::string(tabi::name_of(kind)).c_str(), json); }

json problems_json(const std::vector<tabi::Problem>& problems) {
    json list = json::array();
    for (const auto& p : problems) list.push_back(tabi::catalog_problem_json(p));
    return list;
}

// Seconds between the Unix epoch and the page's time origin (performance.now() == 0).
double time_origin_seconds() {
    return EM_ASM_DOUBLE({ return (performance.timeOrigin || (Date.now() - performance.now())) / 1000; });
}

std::string string_field(const json& obj, const char* key) { return tabi::string_member(obj, key); }

tabi::ui::Theme theme_from(const json& options) {
    tabi::ui::Theme theme;
    theme.dark = string_field(options, "theme") == "dark";
    if (options.is_object()) {
        auto a = options.find("accent");
        if (a != options.end() && a->is_number_unsigned()) theme.accent_rgb = a->get<std::uint32_t>() & 0xFFFFFF;
    }
    return theme;
}

std::vector<std::string> string_list(const json& obj, const char* key) {
    std::vector<std::string> out;
    if (!obj.is_object()) return out;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

bool bool_field(const json& obj, const char* key) {
    if (!obj.is_object()) return false;
    auto it = obj.find(key);
    return it != obj.end() && it->is_boolean() && it->get<bool>();
}

double number_field(const json& obj, const char* key) {
    if (!obj.is_object()) return 0;
    auto it = obj.find(key);
    return it != obj.end() && it->is_number() ? it->get<double>() : 0;
}

// Random hex from the browser's crypto.getRandomValues (Emscripten's getentropy).
std::string random_hex(std::size_t digits) {
    std::string out;
    unsigned char bytes[64];
    const std::size_t n = std::min<std::size_t>(sizeof bytes, (digits + 1) / 2);
    if (getentropy(bytes, n) != 0) return out;
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < n; ++i) {
        out += kHex[bytes[i] >> 4];
        out += kHex[bytes[i] & 15];
    }
    return out;
}

tabi::UnixSeconds now_seconds() { return static_cast<tabi::UnixSeconds>(std::floor(emscripten_get_now() / 1000.0 + time_origin_seconds())); }

class WidgetApp {
public:
    WidgetApp()
        : panel_(tabi::ui::PanelHost{[] { return now_seconds(); },
                                     [] { return random_hex(tabi::kOrderEntropyHexDigits + 6); }}) {}

    bool init(const json& options, const char* catalog_text) {
        imgui_ = tabi::ui::create_context();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // no file system, nothing to persist
        io.LogFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        options_ = options;
        apply_look(options, false);
        panel_.set_offered_locales({tabi::kLocales.begin(), tabi::kLocales.end()});
        // The renderer's shaders compile in the GPU process while the fonts and the catalogue are built here.
        tabi_js_bind_canvas();
        if (!platform_.init([this] { frame(); })) return false;
        platform_.set_tab_leaves([this](bool backwards) { return tab_leaves(backwards); });
        // The fonts are built once here, in English (a CJK locale's are built when its pack arrives), at the
        // device's pixel ratio. They used to be built here at 1, again by show_locale, and on a phone again at its
        // pixel ratio on the first resize: ~25 ms each on a desktop, before the first frame.
        const double ratio = number_field(options, "pixelRatio");
        fonts_ratio_ = ratio > 0 && ratio <= 8 ? ratio : 1.0;
        rebuild_fonts();
        // The first frame waits for the locale's pack (if it needs one): no flash of English.
        show_locale(tabi::negotiate_locale(string_field(options, "locale"), string_list(options, "languages")));
        waiting_first_pack_ = awaited_locale_.has_value();
        set_catalog(catalog_text, string_field(options, "catalogError"));
        return platform_.finish_init();
    }

    // A message from the bridge (core/bridge_protocol.h); one of another name changes nothing.
    void message(const json& m) {
        const auto type = tabi::bridge_message_type(string_field(m, "type"));
        if (!type) return;
        tabi::RenewalSession* session = panel_.session();
        const tabi::UnixSeconds now = now_seconds();
        using T = tabi::BridgeMessageType;
        switch (*type) {
        case T::set_theme:
            apply_look(m, true);
            break;
        case T::set_locale:
            show_locale(tabi::negotiate_locale(string_field(m, "locale"), string_list(m, "languages")));
            break;
        case T::set_currency:
            // Kept for a session a new catalogue starts, and given to the one under way.
            if (options_.is_object()) options_["currency"] = string_field(m, "currency");
            if (session) session->set_currency(string_field(m, "currency"));
            break;
        case T::set_catalog: {
            const std::string text = string_field(m, "catalog");
            const bool sample = !m.contains("catalog") || m["catalog"].is_null();
            set_catalog(sample ? nullptr : text.c_str(), string_field(m, "catalogError"));
            break;
        }
        case T::locale_pack_failed:
            // Stay in (or fall back to) the locale shown; the host hears why.
            emit_error("locale", written_problem("", "locale.pack_failed", tabi::Severity::error, string_field(m, "message")));
            awaited_locale_.reset();
            waiting_first_pack_ = false;
            break;
        case T::font_slices_loaded: {
            // Slices that could not be fetched (the bridge tried each twice) leave their characters as boxes.
            const auto locale = tabi::match_locale(string_field(m, "locale"));
            json problems = json::array();
            if (locale && m.contains("failed") && m["failed"].is_array())
                for (const auto& f : m["failed"]) {
                    fonts_[static_cast<std::size_t>(*locale)].fetch_failed(string_field(f, "file"));
                    json problem = tabi::written_problem_json("", "font.slice_failed", tabi::Severity::error,
                                                              string_field(f, "message"));
                    problem["file"] = string_field(f, "file");
                    problems.push_back(std::move(problem));
                }
            if (!problems.empty()) emit_error("font", std::move(problems));
            if (locale == locale_) update_glyphs();
            break;
        }
        case T::text:
            platform_.text_from_agent(string_field(m, "text").c_str());
            break;
        case T::key:
            platform_.key_from_agent(string_field(m, "key").c_str());
            break;
        case T::text_blur:
            platform_.agent_blurred();
            break;
        case T::continue_url: {
            const std::string url = string_field(m, "url");
            if (!panel_.set_continue_url(string_field(m, "orderId"), url))
                emit_error("continueUrl", written_problem("", "host.continue_url", tabi::Severity::warning,
                                                          "continueUrl gave \"" + tabi::quoted_in_problem(url) +
                                                              "\": return an http: or https: URL of at most 1000 characters"));
            break;
        }
        case T::a11y_activate:
            record_.activate = string_field(m, "id");
            break;
        case T::a11y_input:
            record_.input_id = string_field(m, "id");
            record_.input_text = string_field(m, "text");
            break;
        case T::lookup_result:
            if (!session) break;
            session->apply_lookup_answer(m.dump(), now);
            // The host's words about the card (a plan name, a note) may need characters of other slices.
            append_strings(m, host_text_);
            update_glyphs();
            break;
        case T::payment_result:
        case T::payment_unanswered:
            if (session) session->apply_payment_answer(m.dump(), now);
            break;
        case T::restore:
            if (session) session->apply_restored_record(string_field(m, "record"), now);
            break;
        case T::storage_result:
            if (session) session->set_storage_saved(m.value("saved", true));
            break;
        }
        drain();
        platform_.relayout();
    }

    void set_catalog(const char* catalog_text, const std::string& fetch_error) {
        tabi::CatalogLoad load;
        if (!fetch_error.empty()) {
            // The bridge could not fetch the host's catalogue: say so in the panel, never go blank.
            load.problems.push_back(tabi::make_problem("", "catalog.fetch_failed", {{"reason", fetch_error}}));
        } else {
            load = tabi::load_catalog(catalog_text ? std::string_view(catalog_text) : tabi::sample_catalog_json());
        }
        const bool ok = load.catalog.has_value();
        const std::size_t plans = ok ? load.catalog->plans.size() : 0;
        json problems = problems_json(load.problems);
        tabi::SessionOptions session_options;
        session_options.currency = string_field(options_, "currency");
        session_options.can_lookup = bool_field(options_, "canLookup");
        session_options.can_pay = bool_field(options_, "canPay");
        session_options.page_origin = string_field(options_, "origin");
        if (options_.is_object() && options_.contains("utcOffsetMinutes") && options_["utcOffsetMinutes"].is_number_integer())
            session_options.utc_offset_minutes = options_["utcOffsetMinutes"].get<int>();
        catalog_texts_ = std::move(load.texts);
        panel_.set_catalog(std::move(load), session_options);
        // "ready" is sent after the first frame is drawn, so the host knows the panel is visible.
        if (ok) pending_ready_ = json{{"plans", plans}, {"warnings", problems}};
        else emit_error("catalog", std::move(problems));
        update_glyphs();
        drain();
        platform_.relayout();
    }

    void resize(double css_width, double css_height, double dpr) {
        if (std::fabs(dpr - fonts_ratio_) > 0.01) {
            fonts_ratio_ = dpr;
            rebuild_fonts();
            update_glyphs();  // the system's glyphs are drawn again at the new sizes
        }
        platform_.set_size(css_width, css_height, dpr);
    }

    // A locale pack from the bridge: the catalogue is installed, the font index and slice 000 (the messages'
    // characters) kept for when the locale is shown.
    void locale_pack(const char* tag, const char* messages, const char* fonts_index, const unsigned char* font,
                     int font_size) {
        const auto locale = tabi::match_locale(tag ? tag : "");
        if (!locale || !messages || !fonts_index || !font || font_size <= 0) return;
        // A pack this instance has (the bridge gives each once, but the wasm does not count on it) changes nothing.
        if (tabi::has_messages(*locale) && fonts_[static_cast<std::size_t>(*locale)].has_index()) return;
        if (auto problem = tabi::install_messages(*locale, messages))
            emit_error("locale", problems_json({*problem}));
        auto& slices = fonts_[static_cast<std::size_t>(*locale)];
        if (!slices.read_index(fonts_index) || !slices.add(slices.file(0), font, static_cast<std::size_t>(font_size))) {
            emit_error("font", written_problem("", "font.index_unreadable", tabi::Severity::error,
                                               "the font index of " + std::string(tag) + " is not one this widget can read"));
            slices = tabi::ui::FontSlices{};
        }
        if (awaited_locale_ == *locale) apply_locale(*locale);
        waiting_first_pack_ = false;
        platform_.wake();
    }

    // A font slice the bridge fetched for update_glyphs(); the atlas is rebuilt when the whole set is here.
    void font_slice(const char* tag, const char* file, const unsigned char* font, int font_size) {
        const auto locale = tabi::match_locale(tag ? tag : "");
        if (!locale || !file || !font || font_size <= 0) return;
        fonts_[static_cast<std::size_t>(*locale)].add(file, font, static_cast<std::size_t>(font_size));
    }

    // Characters the system's fonts drew for update_glyphs() (or could not): into the atlas with the rest.
    void system_glyphs(const char* tag, const char* answer, const unsigned char* bitmaps, int size) {
        const auto locale = tabi::match_locale(tag ? tag : "");
        if (!locale || !answer || size < 0 || (size > 0 && !bitmaps)) return;
        auto& system = system_glyphs_[static_cast<std::size_t>(*locale)];
        // Between this wasm and its own bridge: an answer that cannot be read is a bug, and its characters come
        // from the slices instead.
        if (system && !system->add(answer, bitmaps, static_cast<std::size_t>(size)))
            emit_error("font", written_problem("", "font.system_glyphs_unreadable", tabi::Severity::warning,
                                               "the system's glyphs could not be read"));
        if (locale == locale_) update_glyphs();
    }

    unsigned frame_count() const { return platform_.frame_count(); }

    void draw_now() { platform_.draw_requested_now(); }

    void start_input() {
        platform_.start_input();
        input_started_ = true;
        update_glyphs();
    }

    void load_failed(bool failed) {
        panel_.set_load_failed(failed);
        platform_.relayout();
    }

    void destroy() {
        if (wake_timer_) emscripten_clear_timeout(wake_timer_);
        platform_.shutdown();
        tabi::ui::destroy_context(imgui_);
        imgui_ = nullptr;
    }

private:
    // Shows a locale now when it is English or its pack is here; otherwise asks the bridge for the pack and
    // keeps showing the current one until it arrives.
    void show_locale(tabi::Locale locale) {
        const bool ready = locale == tabi::Locale::en ||
                           (tabi::has_messages(locale) && fonts_[static_cast<std::size_t>(locale)].has_index());
        if (ready) {
            apply_locale(locale);
            return;
        }
        if (awaited_locale_ == locale) return;
        awaited_locale_ = locale;
        request(tabi::BridgeRequestKind::locale_pack, json{{"locale", tabi::locale_tag(locale)}}.dump().c_str());
    }

    void apply_locale(tabi::Locale locale) {
        awaited_locale_.reset();
        if (locale == locale_ && fonts_loaded_for_ == locale) return;
        locale_ = locale;
        panel_.set_locale(locale);
        atlas_chars_.clear();
        if (input_started_) {
            update_glyphs();
        } else {
            // The first frame measures what it draws and builds the atlas with that (measure_first_glyphs).
            first_glyphs_measured_ = false;
        }
    }

    // Theme, accent and appearance from init options or a set-theme message. The appearance is checked again here
    // (the bridge checked it first): a bad one keeps the look shown and the host hears which variable was wrong.
    // Only a changed font scale rebuilds the atlas; colours, radius and density are style values.
    void apply_look(const json& m, bool fonts_built) {
        tabi::ui::Theme theme = theme_from(m);
        tabi::ui::Appearance next = appearance_;
        if (m.is_object() && m.contains("appearance")) {
            const std::string problem = tabi::ui::parse_appearance(m["appearance"], next);
            if (!problem.empty())
                emit_error("appearance", written_problem("appearance", "appearance.invalid", tabi::Severity::error, problem));
        }
        const bool scale_changed = next.font_scale != appearance_.font_scale;
        appearance_ = next;
        theme.appearance = next;
        if (!theme.appearance.primary) theme.appearance.primary = theme.accent_rgb;
        tabi::ui::apply_theme(theme);
        json warnings = json::array();
        for (const auto& w : tabi::ui::contrast_warnings(tabi::ui::resolve_colours(theme.dark, theme.appearance)))
            warnings.push_back(tabi::written_problem_json("appearance", "appearance.contrast", tabi::Severity::warning, w));
        if (!warnings.empty()) emit_error("appearance", std::move(warnings));
        if (fonts_built && scale_changed) {
            rebuild_fonts();
            update_glyphs();  // the system's glyphs are drawn again at the new sizes
        }
    }

    // The atlas: the Latin font, and the shown locale's CJK characters in atlas_chars_ from the slices here or,
    // for those no slice here holds, as the system's fonts drew them.
    void rebuild_fonts(bool redraw = true) {
        const auto& slices = fonts_[static_cast<std::size_t>(locale_)];
        std::vector<tabi::ui::CjkFontPart> parts;
        for (auto& part : slices.parts_for(atlas_chars_)) parts.push_back({part.font, std::move(part.chars)});
        const float scale = appearance_.font_scale.value_or(1.0f);
        // The system's glyphs come once the widget takes input (a first frame draws from slice 000 only).
        if (system_glyphs_[static_cast<std::size_t>(locale_)]) {
            fonts_atlas_ = load_fonts_with_drawn(parts, scale);
        } else {
            tabi::ui::load_fonts(static_cast<float>(fonts_ratio_), parts, scale);
            fonts_atlas_ = atlas_chars_;
        }
        atlas_waiting_ = false;
        fonts_loaded_for_ = locale_;
        platform_.reload_fonts(redraw);
    }

    // The atlas with the characters of atlas_chars_ that no slice here holds, as the system's fonts drew them;
    // returns the characters it holds. Drawn at other sizes (a new pixel ratio or font scale), they are not held
    // until update_glyphs has them drawn again.
    [[gnu::noinline]] tabi::ui::CodePoints load_fonts_with_drawn(const std::vector<tabi::ui::CjkFontPart>& parts,
                                                                float scale) {
        const tabi::ui::SystemGlyphs& system = shown_system_glyphs();
        tabi::ui::CodePoints held = fonts_[static_cast<std::size_t>(locale_)].here(atlas_chars_);
        std::vector<tabi::ui::DrawnGlyph> drawn;
        for (char32_t c : system.here(atlas_chars_)) {
            if (std::binary_search(held.begin(), held.end(), c)) continue;
            for (int font : {0, 1})
                if (const auto* g = system.find(c, font)) drawn.push_back({c, g});
        }
        tabi::ui::load_fonts(static_cast<float>(fonts_ratio_), parts, scale, drawn);
        for (const auto& d : drawn) held.push_back(d.c);
        std::sort(held.begin(), held.end());
        held.erase(std::unique(held.begin(), held.end()), held.end());
        return held;
    }

    // The shown locale's system glyphs, at the sizes the atlas is built at now (bitmaps of other sizes are dropped,
    // and update_glyphs asks for them again).
    tabi::ui::SystemGlyphs& shown_system_glyphs() {
        auto& held = system_glyphs_[static_cast<std::size_t>(locale_)];
        if (!held) held = std::make_unique<tabi::ui::SystemGlyphs>();
        auto& system = *held;
        const auto [body_px, heading_px] =
            tabi::ui::system_glyph_sizes(static_cast<float>(fonts_ratio_), appearance_.font_scale.value_or(1.0f));
        system.set_sizes(body_px, heading_px);
        return system;
    }

    // What the widget may draw in the shown locale beyond the Latin font: its messages, the catalogue's texts in
    // that locale and what the host said about the card.
    tabi::ui::CodePoints needed_chars() const {
        tabi::ui::CodePoints chars;
        if (locale_ == tabi::Locale::en) return chars;
        std::string text = host_text_;
        for (const auto& e : tabi::builtin_messages(locale_).entries()) text += e.text;
        for (const auto& t : catalog_texts_)
            if (tabi::shown_in(t, locale_)) text += t.text;
        tabi::ui::add_code_points(text, chars);
        return tabi::ui::beyond_latin(chars);
    }

    // Once the widget takes input (its whole code is here), and whenever its texts change: finds each character
    // still missing a glyph, and rebuilds the atlas once with every needed character here. A character comes,
    // in this order, from a slice here (000 holds the messages'), from the system's fonts (no download), or from
    // the slice that holds it, fetched only for what the system cannot draw.
    void update_glyphs() {
        if (input_started_) find_glyphs();
    }

    // update_glyphs' work, in a function of its own: the first frame calls update_glyphs before the widget takes
    // input, and wasm-split keeps what the first frame runs in its module; this it never runs.
    [[gnu::noinline]] void find_glyphs() {
        auto& slices = fonts_[static_cast<std::size_t>(locale_)];
        tabi::ui::SystemGlyphs& system = shown_system_glyphs();
        const tabi::ui::CodePoints needed = needed_chars();
        const tabi::ui::CodePoints in_slices = slices.here(needed);
        tabi::ui::CodePoints rest;
        std::set_difference(needed.begin(), needed.end(), in_slices.begin(), in_slices.end(), std::back_inserter(rest));
        if (const auto ask = system.to_ask(rest); !ask.empty()) {
            std::string chars;
            for (char32_t c : ask) tabi::append_utf8(chars, c);
            request(tabi::BridgeRequestKind::system_glyphs,
                    json{{"locale", tabi::locale_tag(locale_)}, {"chars", chars},
                         {"sizes", {system.body_px(), system.heading_px()}}, {"limit", system.bitmap_limit()}}
                        .dump().c_str());
        }
        if (const auto fetch = slices.to_fetch(system.refused(rest)); !fetch.empty()) {
            json list = json::array();
            for (std::size_t i : fetch) list.push_back({{"file", slices.file(i)}, {"integrity", slices.integrity(i)}});
            request(tabi::BridgeRequestKind::font_slices, json{{"locale", tabi::locale_tag(locale_)}, {"slices", std::move(list)}}.dump().c_str());
        }
        tabi::ui::CodePoints here = in_slices;  // asking changes what is here in neither
        const tabi::ui::CodePoints drawn = system.here(rest);
        here.insert(here.end(), drawn.begin(), drawn.end());
        std::sort(here.begin(), here.end());
        // For tests and anyone inspecting the page: the characters the widget needs and cannot draw yet.
        std::string missing;
        for (char32_t c : needed)
            if (!std::binary_search(here.begin(), here.end(), c)) tabi::append_utf8(missing, c);
        if (here != atlas_chars_) {
            // The canvas keeps showing the last frame. If that frame lacked none of its characters, the fuller
            // atlas waits for the first frame that draws one it lacks (frame()): built now, every later frame,
            // even one that changes nothing, would differ from the one shown by its glyphs' places, and an idle
            // widget would draw (issue 11).
            atlas_chars_ = std::move(here);
            atlas_waiting_ = atlas_holds(record_);
            if (!atlas_waiting_) rebuild_fonts();
        }
        if (missing != last_missing_glyphs_) {  // told on change (and the first time)
            last_missing_glyphs_ = missing;
            request(tabi::BridgeRequestKind::missing_glyphs, json{{"chars", missing}}.dump().c_str());
        }
    }

    // Whether the atlas holds every character a frame's record shows that it can hold (one a slice here has).
    bool atlas_holds(const tabi::ui::FrameRecord& record) const {
        const tabi::ui::CodePoints shown = shown_chars(record);
        tabi::ui::CodePoints drawable;
        std::set_intersection(shown.begin(), shown.end(), atlas_chars_.begin(), atlas_chars_.end(),
                              std::back_inserter(drawable));
        return std::includes(fonts_atlas_.begin(), fonts_atlas_.end(), drawable.begin(), drawable.end());
    }

    // The characters a frame drew, read off its accessibility record (every text it shows is there).
    static tabi::ui::CodePoints shown_chars(const tabi::ui::FrameRecord& record) {
        tabi::ui::CodePoints chars;
        for (const auto& node : record.a11y) tabi::ui::add_code_points(node.label, chars);
        return chars;
    }

    static void append_strings(const json& value, std::string& out) {
        if (value.is_string()) out += value.get<std::string>();
        else if (value.is_structured())
            for (const auto& item : value) append_strings(item, out);
    }

    // The first frame in a CJK locale rasterises only the characters it draws (a few dozen, not the messages'
    // hundreds at two sizes: that was most of its time): one pass lays the screen out with the Latin atlas and
    // reads the texts off the accessibility record, the atlas is built with those, then the real frame is drawn.
    // The rest follows once the widget takes input (update_glyphs).
    void measure_first_glyphs() {
        first_glyphs_measured_ = true;
        if (locale_ == tabi::Locale::en) return;
        record_.begin();
        ImGui::NewFrame();
        panel_.frame(record_);
        ImGui::EndFrame();
        atlas_chars_ = fonts_[static_cast<std::size_t>(locale_)].here(tabi::ui::beyond_latin(shown_chars(record_)));
        rebuild_fonts();
    }

    // The ready event's warnings: catalogue texts with characters no font of the widget holds in the shown locale.
    json glyph_warnings() const {
        std::vector<tabi::Problem> problems;
        const auto& slices = fonts_[static_cast<std::size_t>(locale_)];
        for (const auto& t : catalog_texts_) {
            if (!tabi::shown_in(t, locale_)) continue;
            tabi::ui::CodePoints chars;
            tabi::ui::add_code_points(t.text, chars);
            std::string lacking;
            for (char32_t c : slices.uncovered(tabi::ui::beyond_latin(chars))) tabi::append_utf8(lacking, c);
            if (!lacking.empty())
                problems.push_back(tabi::make_problem(t.pointer, "catalog.glyph_missing",
                                                      {{"chars", lacking}, {"locale", std::string(tabi::locale_tag(locale_))}}));
        }
        return problems_json(problems);
    }

    void frame() {
        if (!waiting_first_pack_ && !first_glyphs_measured_) measure_first_glyphs();
        ImGui::NewFrame();
        if (waiting_first_pack_) {
            // An empty frame until the locale pack is here; "ready" waits for the first real one.
            ImGui::Render();
            return;
        }
        record_.begin();
        panel_.frame(record_);
        if (atlas_waiting_ && !atlas_holds(record_)) {
            // This frame draws characters the atlas held back by update_glyphs() lacks: the atlas takes them all
            // and the frame is laid out again before anything is shown. What the first pass acted on (input,
            // a mirror press) is done and is not done twice.
            ImGui::EndFrame();
            rebuild_fonts(false);
            record_.activate.clear();
            record_.input_id.clear();
            record_.input_text.clear();
            record_.begin();
            ImGui::NewFrame();
            panel_.frame(record_);
        }
        ImGui::Render();
        if (const char* cursor = platform_.changed_cursor(); *cursor)
            request(tabi::BridgeRequestKind::cursor, json{{"cursor", cursor}}.dump().c_str());
        if (!first_frame_told_) {
            // The bridge now fetches the deferred code and holds what would need it (wasm/split.cmake).
            first_frame_told_ = true;
            request(tabi::BridgeRequestKind::first_frame, "{}");
        }
        if (!pending_ready_.is_null()) {
            // Emitted after this frame's draw data is complete; the platform renders it right after.
            pending_ready_["locale"] = tabi::locale_tag(locale_);
            for (auto& w : glyph_warnings()) pending_ready_["warnings"].push_back(std::move(w));
            emit("ready", pending_ready_);
            pending_ready_ = nullptr;
        }
        if (auto l = panel_.take_locale_request()) {
            show_locale(*l);
            platform_.request_frame();
        }
        // A mirror press for a button this frame did not draw is dropped, not kept for a later screen.
        record_.activate.clear();
        record_.input_id.clear();
        drain();
        sync_text_input();
        sync_mirror();
        schedule_wake();
    }

    // Tab on the last item (Shift+Tab on the first, or with nothing focused) hands focus back to the page.
    bool tab_leaves(bool backwards) {
        std::vector<const std::string*> stops;
        for (const auto& n : record_.a11y)
            if ((n.role == "button" || n.role == "field") && n.tab_stop && !n.disabled) stops.push_back(&n.id);
        if (stops.empty()) return true;
        const ImGuiID nav = tabi::ui::imgui_internals::focused_item();
        const std::string focused = nav ? std::to_string(nav) : std::string();
        const bool leave = backwards ? (focused.empty() || focused == *stops.front()) : focused == *stops.back();
        if (leave) tabi::ui::imgui_internals::unfocus();
        return leave;
    }


    // Hands the session's requests to the bridge and its events to the host page.
    void drain() {
        tabi::RenewalSession* session = panel_.session();
        if (!session) return;
        for (const auto& e : session->take_events()) tabi_js_emit(e.name.c_str(), e.json.c_str());
        for (const auto& r : session->take_requests()) request(r.kind, r.json.c_str());
    }

    // The hidden text input follows the active field (phone keyboards, IME), told only on change.
    void sync_text_input() {
        json fields = json::array();
        for (const auto& f : record_.text_fields) fields.push_back({{"x", f.x}, {"y", f.y}, {"w", f.w}, {"h", f.h}});
        const auto& a = record_.active_field;
        json state = {{"active", record_.editing},
                      {"rect", {{"x", a.x}, {"y", a.y}, {"w", a.w}, {"h", a.h}}},
                      {"fields", fields},
                      {"inputmode", record_.numeric_field ? "numeric" : "text"}};
        std::string text = state.dump();
        if (text != last_text_input_) {
            request(tabi::BridgeRequestKind::text_input, text.c_str());
            last_text_input_ = std::move(text);
        }
    }

    // The off-screen DOM mirror for screen readers, told only on change.
    void sync_mirror() {
        json nodes = json::array();
        for (const auto& n : record_.a11y) {
            json node = {{"role", n.role}, {"label", n.label}};
            if (!n.id.empty()) node["id"] = n.id;
            if (n.disabled) node["disabled"] = true;
            if (n.pressed) node["pressed"] = *n.pressed;
            nodes.push_back(std::move(node));
        }
        tabi::RenewalSession* session = panel_.session();
        const ImGuiID nav = tabi::ui::imgui_internals::focused_item();
        json mirror = {{"step", session ? std::string(tabi::to_string(session->step())) : std::string("error")},
                       {"lang", tabi::locale_tag(locale_)},
                       {"focus", nav ? std::to_string(nav) : std::string()},
                       {"nodes", std::move(nodes)}};
        if (const auto& a = record_.announce; a.seq > 0)
            mirror["announce"] = {{"seq", a.seq}, {"text", a.text}, {"focus", a.focus}};
        std::string text = mirror.dump(-1, ' ', false, json::error_handler_t::replace);
        if (text != last_mirror_) {
            request(tabi::BridgeRequestKind::a11y, text.c_str());
            last_mirror_ = std::move(text);
        }
    }

    // A visible countdown or a pending payment needs frames with no input: one timer, never a loop.
    void schedule_wake() {
        if (wake_timer_) {
            emscripten_clear_timeout(wake_timer_);
            wake_timer_ = 0;
        }
        const auto seconds = panel_.next_wake_seconds();
        if (!seconds) return;
        wake_timer_ = emscripten_set_timeout(
            [](void* self) {
                auto* app = static_cast<WidgetApp*>(self);
                app->wake_timer_ = 0;
                app->platform_.request_frame();
            },
            *seconds * 1000.0, this);
    }

    ImGuiContext* imgui_ = nullptr;  // with the widgets' state (ui::create_context)
    tabi::wasm::BrowserPlatform platform_;
    tabi::ui::Panel panel_;
    tabi::ui::FrameRecord record_;
    json options_;
    tabi::Locale locale_ = tabi::Locale::en;
    std::optional<tabi::Locale> awaited_locale_;
    std::optional<tabi::Locale> fonts_loaded_for_;
    bool waiting_first_pack_ = false;
    bool first_frame_told_ = false;
    std::array<tabi::ui::FontSlices, tabi::kLocales.size()> fonts_;  // per locale: its font slices
    // Per locale: what the system's fonts drew (made when first asked: a first frame never needs it).
    std::array<std::unique_ptr<tabi::ui::SystemGlyphs>, tabi::kLocales.size()> system_glyphs_;
    tabi::ui::CodePoints atlas_chars_;   // the CJK characters the atlas should hold
    tabi::ui::CodePoints fonts_atlas_;   // ... and those it holds (they differ while atlas_waiting_)
    bool atlas_waiting_ = false;
    bool first_glyphs_measured_ = false;
    bool input_started_ = false;
    std::vector<tabi::CatalogText> catalog_texts_;  // the strings of the catalogue shown (they need glyphs)
    std::string host_text_;              // what lookupCard answered, for the same reason
    std::optional<std::string> last_missing_glyphs_;
    double fonts_ratio_ = 1.0;
    tabi::ui::Appearance appearance_;  // the host's last valid appearance (kept when a bad one arrives)
    json pending_ready_;
    std::string last_text_input_;
    std::string last_mirror_;
    long wake_timer_ = 0;
};

std::unique_ptr<WidgetApp> g_app;  // one widget per module instance (see the header comment)

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int tabi_widget_init(const char* options_json, const char* catalog_text) {
    if (g_app) return 1;
    json options = json::parse(options_json ? options_json : "{}", nullptr, false);
    g_app = std::make_unique<WidgetApp>();
    if (!g_app->init(options, catalog_text)) {
        g_app.reset();
        return 0;
    }
    return 1;
}

EMSCRIPTEN_KEEPALIVE void tabi_widget_resize(double css_width, double css_height, double device_pixel_ratio) {
    if (g_app) g_app->resize(css_width, css_height, device_pixel_ratio);
}

EMSCRIPTEN_KEEPALIVE unsigned tabi_widget_frame_count() { return g_app ? g_app->frame_count() : 0; }

EMSCRIPTEN_KEEPALIVE void tabi_widget_message(const char* message_json) {
    if (!g_app || !message_json) return;
    const json m = json::parse(message_json, nullptr, false);
    if (m.is_object()) g_app->message(m);
}

// The headless core API; the caller frees the answer with free().
EMSCRIPTEN_KEEPALIVE char* tabi_core_call(const char* method, const char* input_json) {
    const std::string answer = tabi::call_core_api(method ? method : "", input_json ? input_json : "");
    char* out = static_cast<char*>(std::malloc(answer.size() + 1));
    if (out) std::memcpy(out, answer.c_str(), answer.size() + 1);
    return out;
}

// A locale pack fetched by the bridge (wasm-loader.mjs): the locale's messages and its CJK font; copied.
EMSCRIPTEN_KEEPALIVE void tabi_widget_locale_pack(const char* locale, const char* messages, const char* fonts_index,
                                                  const unsigned char* font, int font_size) {
    if (g_app) g_app->locale_pack(locale, messages, fonts_index, font, font_size);
}

// Characters the wasm asked the system's fonts for ("system-glyphs"): their metrics as JSON and their bitmaps; copied.
EMSCRIPTEN_KEEPALIVE void tabi_widget_system_glyphs(const char* locale, const char* answer, const unsigned char* bitmaps,
                                                    int size) {
    if (g_app) g_app->system_glyphs(locale, answer, bitmaps, size);
}

// A font slice the wasm asked for ("font-slices"), fetched and checked by the bridge; copied.
EMSCRIPTEN_KEEPALIVE void tabi_widget_font_slice(const char* locale, const char* file, const unsigned char* font,
                                                 int font_size) {
    if (g_app) g_app->font_slice(locale, file, font, font_size);
}

EMSCRIPTEN_KEEPALIVE void tabi_widget_draw_now() {
    if (g_app) g_app->draw_now();
}

EMSCRIPTEN_KEEPALIVE void tabi_widget_start_input() {
    if (g_app) g_app->start_input();
}

EMSCRIPTEN_KEEPALIVE void tabi_widget_load_failed(int failed) {
    if (g_app) g_app->load_failed(failed != 0);
}

EMSCRIPTEN_KEEPALIVE void tabi_widget_destroy() {
    if (!g_app) return;
    g_app->destroy();
    g_app.reset();
}

}  // extern "C"
