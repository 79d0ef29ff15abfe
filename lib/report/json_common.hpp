// JSON pieces both tools' JSON contracts share.
#pragma once

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"

namespace boundaudit::report {

nlohmann::json to_json(const Finding& f);
nlohmann::json to_json(const InputError& e);

// Every string in the JSON formats goes through valid_utf8 (display_path for file names), so dump()
// never meets an invalid byte; the replacing error handler is only a backstop, so that a string
// that missed it still cannot abort the output.
std::string dump(const nlohmann::json& doc);

}  // namespace boundaudit::report
