// loopaudit's library entry point: Python sources in, an inventory of while loops, fan-outs and
// process spawns out, each with what bounds it, plus findings for the unbounded ones.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace boundaudit::loops {

enum class Category { while_loop, fanout, spawn };
std::string_view to_string(Category c);  // "while" | "fanout" | "spawn"

struct Bound {
  std::string kind;    // condition, deadline, eof-guard, timeout-arg, pagination, counter, exit-path,
                       // caller-timeout, generator, static-literal, static-table, semaphore, single, declared, none
  std::string detail;  // human text in the style of the hand-written audit tables
  bool operator==(const Bound&) const = default;
};

struct AuditSite {
  Category category = Category::while_loop;
  Site site;
  std::string function;  // enclosing qualified function: Class.method.inner, or <module>
  std::string call;      // resolved call (asyncio.gather, subprocess.run); empty for while loops
  std::string text;      // first source line, trimmed
  bool in_loop = false;
  Bound bound;
  bool bounded = true;
  std::string rule;      // LA101/LA201/LA301 when a finding was raised, else empty

  auto operator<=>(const AuditSite& o) const { return site <=> o.site; }
  bool operator==(const AuditSite&) const = default;
};

struct Config {
  std::vector<std::string> select;  // empty: all rules
  std::vector<std::string> ignore;
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
  std::vector<AuditSite> sites;      // sorted by site
  std::vector<Finding> findings;     // sorted
  std::vector<InputError> errors;
  std::vector<FamilyCount> spawn_families;  // every spawn family in a fixed order, with its site count
};

// The spawn families with no site, in report order.
std::vector<std::string> zero_site_families(const AuditResult& r);

// True when text contains a word that could start a site (while, gather, wait, create_task, subprocess, ...).
// Files without one are counted but not parsed.
bool has_trigger(std::string_view text);

// Audits the sources together (callers of one file's functions may live in another).
// threads = 0 means all cores; the result does not depend on it.
AuditResult audit(std::span<const Source> sources, const Config& config, unsigned threads = 1);

}  // namespace boundaudit::loops
