// The three per-file stages of extract_facts, one per site category. Each turns one syntax fact of the
// model into a Draft: the bound this file can prove, or what it must ask the index, or what is missing.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "loops/evidence.hpp"
#include "loops/facts.hpp"

namespace boundaudit::loops {

// Calls that never return, by resolved name (documented in README "Exits"): sys.exit, os._exit, ...
bool is_noreturn_call(std::string_view resolved);

struct StageContext {
  const Evidence& ev;
  // True when the function `ref` of this file always raises or exits (a top-level raise, no return).
  std::function<bool(const Ref&)> always_raises;
  // Per function scope: names computed from a clock read (filled on first use, shared by its loops).
  std::unordered_map<int, std::set<std::string>>* clock_names = nullptr;
};

Draft while_draft(const StageContext& cx, const While& w);
// Fan-out drafts of the whole file (gathers and task starters need each other: a gather of tasks a
// loop started is one fan-out, reported once, at the starter).
std::vector<Draft> fanout_drafts(const StageContext& cx);
std::vector<Draft> spawn_drafts(const StageContext& cx);

}  // namespace boundaudit::loops
