// loopaudit's library entry point: Python sources in, an inventory of while loops, fan-outs and
// process spawns out, each with a typed bound (what ends it, and how much where that is known) or what
// is missing for one, plus the findings the rules raise over that inventory.
//
// The pipeline runs one way (lib/loops/audit.cpp):
//   per-file model (model.hpp) -> per-file facts: summary + draft sites (facts.hpp)
//   -> project index from the summaries (index.hpp) -> inventory (drafts resolved against the index)
//   -> rules (rules/loopaudit/) -> directives (bound statements, suppressions) -> selection.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/selection.hpp"
#include "loops/cache.hpp"
#include "loops/inventory.hpp"
#include "loops/path_list.hpp"
#include "loops/site_list.hpp"
#include "loops/triggers.hpp"

namespace boundaudit::loops {

// select / ignore: code prefixes ("LA1") or ALL (core/selection.hpp).
struct Config : Selection {
  // Called after each file of the per-file stage with (files done, files in all), one call at a time
  // (the audit serializes the calls from its threads), e.g. for a progress line. Empty: not called.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Per-file records are read from and written to this cache when set (cache.hpp); the result is the
  // same with or without it. Without it, an audit of files spills its records to a scratch store
  // (ContentCache::scratch) for the run; only held sources keep every record in memory.
  const ContentCache* cache = nullptr;
};

// The sources of one audit: files, read from disk when the audit needs them and dropped after each
// step (a run never holds every source at once, so memory does not grow with the tree), then sources
// held in memory (tests, stdin). A file that cannot be read becomes an input error.
struct SourceSet {
  PathList files;
  std::span<const Source> held;
};

// Sites per spawn family, so a report can say which families have none
// ("no `multiprocessing` or `concurrent.futures`").
struct FamilyCount {
  std::string family;  // subprocess, asyncio subprocess, os, pty, multiprocessing, concurrent.futures
  int sites = 0;
  bool operator==(const FamilyCount&) const = default;
};

struct AuditResult {
  int files_scanned = 0;             // sources audited (pre-filtered ones included; not those in errors)
  SiteList sites;                    // sorted by site
  std::vector<Finding> findings;     // sorted
  std::vector<InputError> errors;
  std::vector<FamilyCount> spawn_families;  // every spawn family in a fixed order, with its site count
};

// The finding raised at a site, if any (findings are sorted; sites keep no rule tag of their own).
const Finding* finding_at(const AuditResult& r, const AuditSite& s);

// The spawn families with no site, in report order.
std::vector<std::string> zero_site_families(const AuditResult& r);


// Audits the sources together (callers of one file's functions may live in another).
// threads = 0 means all cores; the result does not depend on it. partial = false parses every file
// whole (the result must not depend on it either; tests check that).
AuditResult audit(const SourceSet& sources, const Config& config, unsigned threads = 1, bool partial = true);
inline AuditResult audit(std::span<const Source> sources, const Config& config, unsigned threads = 1,
                         bool partial = true) {
  return audit(SourceSet{{}, sources}, config, threads, partial);
}

}  // namespace boundaudit::loops
