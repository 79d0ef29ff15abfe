// What the composelint rules share: facts computed once per service, and the rule entry points.
// Rules are pure functions of (context) -> findings; they never read the disk.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compose/audit.hpp"
#include "compose/model.hpp"
#include "core/diagnostic.hpp"

namespace boundaudit::compose {

// One memory setting of a service, classified.
struct MemoryField {
  enum class State { absent, unresolved, invalid, value };
  State state = State::absent;       // absent also covers YAML null
  std::string_view key;              // "mem_limit", "deploy.resources.limits.memory", ...
  const Scalar* scalar = nullptr;    // set unless absent
  std::int64_t bytes = 0;            // for State::value
  std::string error;                 // for State::invalid
};

struct ServiceFacts {
  const Service* service = nullptr;
  MemoryField mem_limit, deploy_limit, mem_reservation, deploy_reservation, memswap_limit;
  std::optional<std::int64_t> limit;  // effective limit, > 0
  LimitSource limit_source = LimitSource::none;
  int replicas = 1;
  // oom_kill_disable as compose reads it: true / false in any case, and YAML 1.1's y, yes, on / n, no, off
  // (compose-go's toBoolean). Empty when absent, null, unresolved or not a boolean.
  std::optional<bool> oom_kill_disable;

  const MemoryField& limit_field() const {
    return limit_source == LimitSource::deploy ? deploy_limit : mem_limit;
  }
};

ServiceFacts facts_of(const Service& service);

// One project whose limits CL006 adds up.
struct BudgetPart {
  const Project* project;
  const std::vector<ServiceFacts>* services;
};

struct RuleContext {
  const Project& project;
  const Options& options;
  const std::vector<ServiceFacts>& services;  // same order as project.services
  // What CL006 adds up: this project alone; with --together every project on the first one and
  // nothing on the others.
  std::vector<BudgetPart> budget_scope;
};

// A finding of rule `info` about `service` (may be null for project-wide findings).
Finding make_finding(const RuleInfo& info, Site site, std::string message, const Service* service);

using CheckFn = void (*)(const RuleContext& ctx, std::vector<Finding>& out);

namespace rules {
// Each defined in rules/composelint/<CODE>_<name>.cpp, metadata beside the logic.
extern const RuleInfo CL001;
extern const RuleInfo CL002;
extern const RuleInfo CL003;
extern const RuleInfo CL004;
extern const RuleInfo CL005;
extern const RuleInfo CL006;
extern const RuleInfo CL007;
extern const RuleInfo CL008;
extern const RuleInfo CL009;
void check_CL001(const RuleContext& ctx, std::vector<Finding>& out);
void check_CL002(const RuleContext& ctx, std::vector<Finding>& out);
void check_CL003(const RuleContext& ctx, std::vector<Finding>& out);
void check_CL004(const RuleContext& ctx, std::vector<Finding>& out);
void check_CL005(const RuleContext& ctx, std::vector<Finding>& out);
void check_CL006(const RuleContext& ctx, std::vector<Finding>& out);
void check_CL007(const RuleContext& ctx, std::vector<Finding>& out);
void check_CL008(const RuleContext& ctx, std::vector<Finding>& out);
void check_CL009(const RuleContext& ctx, std::vector<Finding>& out);
}  // namespace rules

}  // namespace boundaudit::compose
