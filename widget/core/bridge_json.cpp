#include "core/bridge_json.h"

#include "core/catalog.h"

namespace tabi {

std::string string_member(const json& obj, const char* key, std::string fallback) {
    if (!obj.is_object()) return fallback;
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string_view severity_name(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

json args_json(const std::vector<MessageArg>& args) {
    json out = json::object();
    for (const auto& a : args) out[a.name] = a.value;
    return out;
}

json problem_json(const Problem& p, Locale locale) {
    return json{{"path", p.where}, {"id", p.message_id}, {"severity", severity_name(p.severity)},
                {"args", args_json(p.args)}, {"message", render(locale, p)}};
}

json written_problem_json(std::string_view path, std::string_view id, Severity severity, std::string message) {
    return json{{"path", path}, {"id", id}, {"severity", severity_name(severity)}, {"message", std::move(message)}};
}

json catalog_problem_json(const Problem& p) {
    return written_problem_json(p.where, p.message_id, p.severity, catalog_problem_message(p));
}

}  // namespace tabi
