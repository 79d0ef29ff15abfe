// loopaudit's JSON contract as a value (report/loop_json.hpp writes it). Internal: it needs
// nlohmann/json, which the installed package does not ship, so this header is not installed.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "loops/audit.hpp"

namespace boundaudit::report {

nlohmann::json loop_audit_json(const loops::AuditResult& result, std::string_view version);

}  // namespace boundaudit::report
