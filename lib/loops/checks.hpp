// The rule entry points, one per file under rules/loopaudit/. Each reads the model (through an
// Analysis) and appends the sites of its category, with bound, bounded and rule filled in.
#pragma once

#include <vector>

#include "core/diagnostic.hpp"
#include "loops/analysis.hpp"

namespace boundaudit::loops {

extern const RuleInfo kSyntaxError;         // LA001 (no logic file: raised by the driver)
extern const RuleInfo kUnboundedWhile;      // rules/loopaudit/LA101_unbounded_while.cpp
extern const RuleInfo kUnboundedFanout;     // rules/loopaudit/LA201_unbounded_fanout.cpp
extern const RuleInfo kSpawnInLoop;         // rules/loopaudit/LA301_spawn_in_loop.cpp
extern const RuleInfo kInvalidSuppression;  // LA900
extern const RuleInfo kUnusedSuppression;   // LA901

void check_while(Analysis& a, std::vector<AuditSite>* out);
void check_fanout(Analysis& a, std::vector<AuditSite>* out);
void check_spawn(Analysis& a, std::vector<AuditSite>* out);

// A site at node n in scope, with text, function and in_loop filled in.
AuditSite make_site(const FileModel& m, Category c, ts::Node n, int scope, int loop, std::string call);

// Spawn families in report order, and the family of a resolved spawn call ("" when not a spawn).
inline constexpr std::string_view kSpawnFamilies[] = {"subprocess",      "asyncio subprocess", "os",
                                                      "pty",             "multiprocessing",    "concurrent.futures"};
std::string_view spawn_family(std::string_view resolved);

}  // namespace boundaudit::loops
