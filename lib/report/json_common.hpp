// JSON pieces both tools' JSON contracts share.
#pragma once

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"

namespace boundaudit::report {

nlohmann::json to_json(const Finding& f);
nlohmann::json to_json(const InputError& e);

}  // namespace boundaudit::report
