// The JSON that crosses between core and the bridge (events, the core API, the wasm's messages): the one JSON
// type of the build and the few shapes every side writes the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "core/problem.h"

namespace tabi {

// Ordered: hosts read members in the order we write them. One type in the whole build: a second
// instantiation of nlohmann would double its share of the wasm.
using json = nlohmann::ordered_json;

// obj[key] when obj is an object and that member is a string; `fallback` otherwise (absent, null, another type).
std::string string_member(const json& obj, const char* key, std::string fallback = {});

std::string_view severity_name(Severity severity);  // "error" | "warning"

// A message's arguments as one JSON object, {name: value}.
json args_json(const std::vector<MessageArg>& args);

// A problem as hosts read it: { path, id, severity, args, message (in `locale`) }.
json problem_json(const Problem& p, Locale locale);

// A problem whose message is already written (English: the wasm's own load failures, the bridge's words, the
// catalogue checker's): { path, id, severity, message }. Every problem object is written by one of these three.
json written_problem_json(std::string_view path, std::string_view id, Severity severity, std::string message);

// A catalogue problem as hosts read it: { path, id, severity, message (English: catalog_problem_message) }.
json catalog_problem_json(const Problem& p);

}  // namespace tabi
