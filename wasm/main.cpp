// The widget's entry points: a small C ABI that the JavaScript bridge (js/tabi-renew.js) calls, with
// everything that crosses it as UTF-8 JSON text. One module instance hosts one widget, so several
// widgets on a page never share state; this file holds that instance's single WidgetApp.
//
// Exports:  tabi_widget_init(options_json, catalog_text) -> 1 on success, 0 without WebGL2
//           tabi_widget_resize(css_width, css_height, device_pixel_ratio)
//           tabi_widget_frame_count() -> frames drawn (render-on-demand check)
//           tabi_widget_message(json)  a message from the bridge: {"type": "set-locale" | "set-theme" | ...}
//           tabi_widget_destroy()
//           tabi_core_call(method, json) -> malloc'ed JSON answer (the headless core API; no widget needed)
// Imports (wasm/bridge_imports.js):  tabi_js_emit(name, json)     an event for the host page
//                                    tabi_js_request(kind, json)  a service from the bridge (lookup, pay, ...)
//                                    tabi_js_bind_canvas()
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include "browser_platform.h"
#include "core/catalog.h"
#include "core/core_api.h"
#include "ui/panel.h"
#include "ui/style.h"

extern "C" {
void tabi_js_emit(const char* name, const char* json);
void tabi_js_request(const char* kind, const char* json);
void tabi_js_bind_canvas();
}

namespace {

using nlohmann::json;

void emit(const char* name, const json& payload) {
    const std::string text = payload.dump();
    tabi_js_emit(name, text.c_str());
}

json problems_json(const std::vector<tabi::Problem>& problems) {
    json list = json::array();
    for (const auto& p : problems) {
        const std::string message = p.message_id == "catalog.fetch_failed" ? p.arg("reason") : tabi::describe_catalog_problem(p);
        list.push_back({{"path", p.where},
                        {"id", p.message_id},
                        {"severity", p.is_error() ? "error" : "warning"},
                        {"message", message}});
    }
    return list;
}

std::string string_field(const json& obj, const char* key) {
    if (!obj.is_object()) return {};
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

tabi::ui::Theme theme_from(const json& options) {
    tabi::ui::Theme theme;
    theme.dark = string_field(options, "theme") == "dark";
    if (options.is_object()) {
        auto a = options.find("accent");
        if (a != options.end() && a->is_number_unsigned()) theme.accent_rgb = a->get<std::uint32_t>() & 0xFFFFFF;
    }
    return theme;
}

class WidgetApp {
public:
    bool init(const json& options, const char* catalog_text) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // no file system, nothing to persist
        io.LogFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        tabi::ui::apply_theme(theme_from(options));
        tabi::ui::load_fonts(1.0f);
        fonts_ratio_ = 1.0;

        tabi_js_bind_canvas();
        if (!platform_.init([this] { frame(); })) return false;
        set_catalog(catalog_text, string_field(options, "catalogError"));
        return true;
    }

    // A message from the bridge.
    void message(const json& m) {
        const std::string type = string_field(m, "type");
        if (type == "set-theme") {
            tabi::ui::apply_theme(theme_from(m));
        } else if (type == "text") {
            platform_.text_from_agent(string_field(m, "text").c_str());
        } else if (type == "key") {
            platform_.key_from_agent(string_field(m, "key").c_str());
        } else if (type == "text-blur") {
            platform_.agent_blurred();
        } else if (type == "set-catalog") {
            const std::string text = string_field(m, "catalog");
            const bool sample = !m.contains("catalog") || m["catalog"].is_null();
            set_catalog(sample ? nullptr : text.c_str(), string_field(m, "catalogError"));
        }
        platform_.request_frame();
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
        panel_.set_catalog(std::move(load));
        // "ready" is sent after the first frame is drawn, so the host knows the panel is visible.
        if (ok) pending_ready_ = json{{"plans", plans}, {"warnings", problems}};
        else emit("error", {{"kind", "catalog"}, {"problems", problems}});
        platform_.request_frame();
    }

    void resize(double css_width, double css_height, double dpr) {
        if (std::fabs(dpr - fonts_ratio_) > 0.01) {
            tabi::ui::load_fonts(static_cast<float>(dpr));
            fonts_ratio_ = dpr;
            platform_.reload_fonts();
        }
        platform_.set_size(css_width, css_height, dpr);
    }

    unsigned frame_count() const { return platform_.frame_count(); }

    void destroy() {
        platform_.shutdown();
        ImGui::DestroyContext();
    }

private:
    void frame() {
        ImGui::NewFrame();
        panel_.frame();
        ImGui::Render();
        if (!pending_ready_.is_null()) {
            // Emitted after this frame's draw data is complete; the platform renders it right after.
            emit("ready", pending_ready_);
            pending_ready_ = nullptr;
        }
    }

    tabi::wasm::BrowserPlatform platform_;
    tabi::ui::Panel panel_;
    double fonts_ratio_ = 1.0;
    json pending_ready_;
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

EMSCRIPTEN_KEEPALIVE void tabi_widget_destroy() {
    if (!g_app) return;
    g_app->destroy();
    g_app.reset();
}

}  // extern "C"
