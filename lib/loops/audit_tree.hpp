// The whole way from PATHs to an audit: discover the files and audit them together (each file is read
// when the audit needs it, never all at once). What the
// loopaudit CLI and its doc regions (docs/loop_doc.hpp) both run.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "loops/audit.hpp"

namespace boundaudit::loops {

struct AuditedTree {
  AuditResult result;              // errors include those of discovery and reading, sorted
  bool named_path_failed = false;  // a PATH itself is missing or unreadable
  std::vector<Source> held;        // the sources given in memory (stdin); files stay on disk
};

// Makes tree-sitter allocate with mimalloc when the library was built with it (true then). Call it
// first thing in main, before any audit: memory tree-sitter took before is freed with the allocator
// that gave it. A program that also uses tree-sitter on its own must not call it.
bool use_fast_parse_allocator();

// `given` are sources read elsewhere (stdin), audited with the files found; --exclude applies to
// their paths as well.
AuditedTree audit_tree(std::span<const std::string> paths, std::span<const std::string> exclude, const Config& config,
                       unsigned threads, bool partial, std::span<const Source> given = {});

}  // namespace boundaudit::loops
