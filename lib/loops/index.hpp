// The project index: built from every file's FileSummary (never from sources or trees), it answers
// the questions drafts ask across files: how large an imported or module-level constant is (and
// whether anything mutates it), which limiter a function acquires (itself or in a helper it calls,
// resolved by identity), and whether every caller of a coroutine wraps it in a non-None timeout.
// What it cannot resolve is unknown: no answer, never a guess.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "loops/facts.hpp"

namespace boundaudit::loops {

// What the index's questions can reach, known once every draft is in (audit.cpp follows every lookup
// the way ProjectIndex::find does): the files a lookup may land in, by module key, and the names the
// index counts (candidates, and class attributes a `self.X` question counts over all classes).
struct Reach {
  std::unordered_set<std::string> self_attrs;     // class attributes a `self.X` question may count
  std::unordered_set<std::string> timeout_names;  // caller-timeout candidates: accounted, wrapped calls
  std::unordered_set<std::string> size_names;     // param-size candidates: calls, declared
  // The modules lookups may land in (by module key), each with the names they land on there (and each
  // name's head, which find() tries when the name is not there): only those exports and functions
  // can answer.
  std::unordered_map<std::string, std::unordered_set<std::string>> names;
  // Modules summarised again from a whole parse after the lookups were followed (audit.cpp's steps
  // 1c and 2b): callees that parse adds were not followed, so these keep every export and function.
  std::unordered_set<std::string> whole;

  bool lands_in(const std::string& module) const { return names.count(module) > 0; }
  // A lookup landed on `name` in this module.
  void land(const std::string& module, const std::string& name) {
    auto& in = names[module];
    in.insert(name);
    if (auto dot = name.find('.'); dot != std::string::npos) in.insert(name.substr(0, dot));
  }
  // The parts of a summary of this module that prune() may keep (the others it empties anyway).
  IndexParts parts_for(const std::string& module) const {
    const bool lands = lands_in(module);
    return {lands || !self_attrs.empty(), lands, !timeout_names.empty(), !size_names.empty()};
  }
};

// The summary without what no question within reach reads: the index gives every such question the
// same answer from it as from the whole summary (tests/loops/index_test.cpp, and the audit's output
// on whole trees, which must not change).
FileSummary prune(FileSummary summary, const Reach& reach);

class ProjectIndex {
 public:
  // mentions: for each caller-timeout candidate's simple name, how often it occurs as a whole word
  // in all scanned sources (definitions, calls, references, comments: every mention).
  ProjectIndex(std::vector<FileSummary> summaries, std::unordered_map<std::string, int> mentions);

  // The bound an answered question gives the site, or nullopt when the index cannot tell.
  std::optional<Bound> answer(const Ask& ask, Category category) const;

  // Module keys known to the index (for tests).
  bool has_module(const std::string& key) const { return modules_.count(key) > 0; }

 private:
  struct Found {
    const FileSummary* file = nullptr;
    std::string name;  // within the module
    const Export* e = nullptr;
  };
  std::optional<Found> find(const Ref& ref, int hops = 0) const;
  const FunctionFacts* function(const Ref& ref, std::string* where) const;

  std::vector<FileSummary> files_;
  std::unordered_map<std::string, int> modules_;  // every suffix key -> file, or -1 when ambiguous
  std::unordered_set<std::string> dynamic_;       // "file index:name" changed from another file
  std::unordered_map<std::string, int> class_attr_names_;  // attribute -> classes defining it
  std::unordered_map<std::string, int> mentions_;
  std::unordered_map<std::string, int> accounted_;
  // Wrapped calls (CallEdge) by the simple name they call, split once by what each resolves to, so
  // that a question costs the calls of its own coroutine, not of every coroutine with its name (30,000
  // classes with a `run` made this quadratic). Each edge keeps its place in the order the files gave.
  struct Wrapped {
    using Edges = std::vector<std::pair<std::size_t, const CallEdge*>>;  // (place, edge), by place
    Edges unresolved;  // no resolved callee: may call any coroutine of this name
    std::optional<std::pair<std::size_t, const CallEdge*>> unresolved_cancel;  // the first of them that cancels
    std::map<std::pair<const FileSummary*, std::string>, Edges> by_target;  // resolved to (file, name)
  };
  std::unordered_map<std::string, Wrapped> wrapped_;  // simple name -> its wrapped calls
  std::unordered_map<std::string, CallShape> calls_;                      // simple name -> every call
  std::unordered_map<std::string, int> declared_;
};

}  // namespace boundaudit::loops
