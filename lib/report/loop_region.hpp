// loopaudit's doc region: the audit a maintainer keeps in a markdown file (--update-doc), and the
// `--format markdown` report. Per category, a one-line summary and one table:
//
//   **7 `while` loops**: 6 bounded, 1 unbounded (1 no exit).
//
//   | Location | What | Bound |
//   |---|---|---|
//   | `client.py` `JobClient.wait` | Polls until the job is done; timeout=None waits as long as it takes. | `timeout` arg, default 600 s |
//
// Stable by default: a row is keyed by its file's shortest unique path suffix and its qualified
// function (plus `#2`, `#3`, ... for the second and later sites of one category in a function), never
// by line number, and the region holds no file count, version or date. So adding lines above a site,
// or a file with no site, leaves it byte-identical. With `lines` a row shows `file:line` and links
// `path#Lnn`. Rows are grouped under a heading per top-level folder (below the folder all sites
// share) when there is more than one.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "loops/audit.hpp"

namespace boundaudit::report {

struct LoopRegionOptions {
  std::string base;                         // the doc's directory: paths are shown relative to it
  std::optional<loops::Category> category;  // only this category's summary and table
  bool lines = false;                       // show line numbers, link path#Lnn
  // Spawn families with no site ("os", "pty"), said in one line under the spawn table.
  std::vector<std::string> empty_spawn_families;
};

void write_loop_region(std::ostream& out, const loops::AuditResult& result, const LoopRegionOptions& options);

// The What cell of a site: the enclosing function's docstring summary, else a phrase built from the site.
std::string site_purpose(const loops::AuditSite& s);

}  // namespace boundaudit::report
