// tabi-catalog-check: validates Tabi Renew plan catalogues the way the widget does, for hosts' CI.
//
//   tabi-catalog-check [--json] [--strict] FILE...      ('-' reads standard input)
//
// Prints every problem as "FILE:POINTER: error|warning: reason" (just "FILE: ..." for the whole document), then
// one count line. Exit status: 0 without errors, 1 with errors (or, with --strict, warnings), 2 when the command
// line is wrong or a file cannot be read. --json prints one JSON document instead (see docs/catalog.md).
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/bridge_json.h"
#include "core/catalog.h"

namespace {

constexpr std::string_view kUsage =
    "usage: tabi-catalog-check [--json] [--strict] FILE...\n"
    "Checks Tabi Renew plan catalogues (format v{version}); FILE '-' reads standard input.\n"
    "  --json     print the problems as one JSON document\n"
    "  --strict   count warnings as errors\n"
    "  -h, --help show this help\n"
    "Exit status: 0 no errors, 1 errors, 2 usage or I/O problem.\n";

struct Options {
    bool json = false;
    bool strict = false;
    std::vector<std::string> files;
};

struct FileResult {
    std::string name;        // as given, "<stdin>" for '-'
    std::string read_error;  // why the file could not be read, or ""
    tabi::CatalogLoad load;
    std::size_t errors = 0;
    std::size_t warnings = 0;
};

// Reads a whole file (or standard input for "-"); on failure returns false and sets `error`.
bool read_all(const std::string& path, std::string& out, std::string& error) {
    std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) {
        error = std::strerror(errno);
        return false;
    }
    char buffer[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
    const bool failed = std::ferror(f) != 0;
    if (failed) error = errno ? std::strerror(errno) : "read error";
    if (f != stdin) std::fclose(f);
    return !failed;
}

std::string plural(std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

void print_text(const std::vector<FileResult>& results, std::size_t errors, std::size_t warnings) {
    for (const FileResult& r : results) {
        if (!r.read_error.empty()) {
            fmt::print(stderr, "{}: cannot read: {}\n", r.name, r.read_error);
            continue;
        }
        for (const tabi::Problem& p : r.load.problems) {
            // An empty pointer is the whole document: print "FILE: error: ..." like a compiler does.
            const std::string where = p.where.empty() ? r.name : r.name + ":" + p.where;
            fmt::print("{}: {}: {}\n", where, tabi::severity_name(p.severity), tabi::catalog_problem_text(p));
        }
    }
    const auto unreadable = std::count_if(results.begin(), results.end(), [](const FileResult& r) { return !r.read_error.empty(); });
    fmt::print("{} checked: {}, {}{}\n", plural(results.size(), "file"), plural(errors, "error"), plural(warnings, "warning"),
               unreadable > 0 ? fmt::format(", {} unreadable", unreadable) : std::string());
}

void print_json(const std::vector<FileResult>& results, std::size_t errors, std::size_t warnings) {
    using nlohmann::ordered_json;
    ordered_json files = ordered_json::array();
    for (const FileResult& r : results) {
        ordered_json file = {{"file", r.name}};
        if (!r.read_error.empty()) {
            file["read_error"] = r.read_error;
            files.push_back(std::move(file));
            continue;
        }
        ordered_json problems = ordered_json::array();
        for (const tabi::Problem& p : r.load.problems) {
            ordered_json problem = tabi::written_problem_json(p.where, p.message_id, p.severity, tabi::catalog_problem_text(p));
            problem["args"] = tabi::args_json(p.args);
            problems.push_back(std::move(problem));
        }
        file["valid"] = r.load.catalog.has_value();
        file["errors"] = r.errors;
        file["warnings"] = r.warnings;
        file["problems"] = std::move(problems);
        files.push_back(std::move(file));
    }
    const ordered_json out = {{"catalog_version", tabi::kCatalogVersion},
                              {"files", std::move(files)},
                              {"errors", errors},
                              {"warnings", warnings}};
    // File names come from the command line and may not be UTF-8: replace what cannot be encoded.
    fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    bool only_files = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (!only_files && arg == "--") {
            only_files = true;
        } else if (!only_files && arg == "--json") {
            options.json = true;
        } else if (!only_files && arg == "--strict") {
            options.strict = true;
        } else if (!only_files && (arg == "-h" || arg == "--help")) {
            fmt::print(fmt::runtime(kUsage), fmt::arg("version", tabi::kCatalogVersion));
            return 0;
        } else if (!only_files && arg.size() > 1 && arg[0] == '-') {
            fmt::print(stderr, "tabi-catalog-check: unknown option {}\n", arg);
            fmt::print(stderr, fmt::runtime(kUsage), fmt::arg("version", tabi::kCatalogVersion));
            return 2;
        } else {
            options.files.emplace_back(arg);
        }
    }
    if (options.files.empty()) {
        fmt::print(stderr, fmt::runtime(kUsage), fmt::arg("version", tabi::kCatalogVersion));
        return 2;
    }

    std::vector<FileResult> results;
    results.reserve(options.files.size());
    std::size_t errors = 0, warnings = 0;
    bool read_failed = false;
    std::string text;
    for (const std::string& path : options.files) {
        FileResult r;
        r.name = path == "-" ? "<stdin>" : path;
        text.clear();
        if (!read_all(path, text, r.read_error)) {
            read_failed = true;
        } else {
            r.load = tabi::load_catalog(text);
            r.errors = r.load.error_count();
            r.warnings = r.load.problems.size() - r.errors;
            errors += r.errors;
            warnings += r.warnings;
        }
        results.push_back(std::move(r));
    }

    if (options.json) print_json(results, errors, warnings);
    else print_text(results, errors, warnings);

    if (read_failed) return 2;
    if (errors > 0 || (options.strict && warnings > 0)) return 1;
    return 0;
}
