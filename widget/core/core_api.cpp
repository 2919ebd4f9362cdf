#include "core/core_api.h"

#include <nlohmann/json.hpp>

#include "core/catalog.h"

namespace tabi {
namespace {

using json = nlohmann::json;

json error_answer(std::string_view id, std::string_view message) {
    return json{{"error", {{"id", id}, {"message", message}}}};
}

json problem_json(const Problem& p) {
    return json{{"path", p.where}, {"id", p.message_id}, {"message", describe_catalog_problem(p)}};
}

json check_catalog(std::string_view text) {
    const CatalogLoad load = load_catalog(text);
    json errors = json::array(), warnings = json::array();
    for (const auto& p : load.problems) (p.is_error() ? errors : warnings).push_back(problem_json(p));
    json out{{"ok", load.catalog.has_value()}, {"errors", errors}, {"warnings", warnings}};
    if (load.catalog) out["plans"] = load.catalog->plans.size();
    return out;
}

}  // namespace

std::string call_core_api(std::string_view method, std::string_view input_json) {
    json answer;
    if (method == "checkCatalog") answer = check_catalog(input_json);
    else answer = error_answer("api.unknown_method", std::string("unknown method: ") + std::string(method));
    return answer.dump();
}

}  // namespace tabi
