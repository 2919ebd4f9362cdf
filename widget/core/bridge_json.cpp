#include "core/bridge_json.h"

#include "core/catalog.h"

namespace tabi {

std::string string_member(const json& obj, const char* key, std::string fallback) {
    if (!obj.is_object()) return fallback;
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

json problem_json(const Problem& p, Locale locale) {
    json args = json::object();
    for (const auto& a : p.args) args[a.name] = a.value;
    return json{{"path", p.where}, {"id", p.message_id}, {"severity", p.is_error() ? "error" : "warning"},
                {"args", args}, {"message", render(locale, p)}};
}

json catalog_problem_json(const Problem& p) {
    return json{{"path", p.where}, {"id", p.message_id}, {"severity", p.is_error() ? "error" : "warning"},
                {"message", catalog_problem_message(p)}};
}

}  // namespace tabi
