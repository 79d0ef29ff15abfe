// The one suppression component shared by both tools.
//
//   # composelint: ignore[CL001] reason          # loopaudit: ignore[LA101,LA201] reason
//   # loopaudit: bound=caller-timeout "caller wraps in wait_for(60s)"
//
// A directive covers findings on its own line (trailing comment) and on the line below it
// (comment on the line above). Malformed directives, unknown codes and directives that
// suppress nothing are reported as findings of the tool's own reserved codes.
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace boundaudit {

struct Directive {
  enum class Kind { ignore, bound };
  Kind kind = Kind::ignore;
  Site site;                       // where the comment is
  std::vector<std::string> codes;  // ignore[...]
  std::string reason;              // text after ignore[...]
  std::string bound_kind;          // bound=KIND
  std::string bound_text;          // "quoted text" after bound=KIND
};

struct SuppressionCodes {
  std::string_view invalid;  // malformed directive or unknown code, e.g. "CL900"
  std::string_view unused;   // directive that suppressed nothing, e.g. "CL901"
};

struct DirectiveScan {
  std::vector<Directive> directives;
  std::vector<Finding> problems;  // malformed directives and unknown codes
};

// Finds `# TOOL: ...` comments in src. known_code decides which codes exist; unknown codes are
// reported as problems and left out of the directive's codes.
DirectiveScan scan_directives(std::string_view tool, const Source& src, SuppressionCodes codes,
                              const std::function<bool(std::string_view)>& known_code);

// Reads one comment (its text from the '#') found at site: a directive, a problem (malformed or
// unknown code), or nothing when it is not this tool's. Returns true when it was this tool's.
// Tools with a syntax tree call this on comment nodes only, so text inside strings is never read.
bool scan_comment(std::string_view tool, std::string_view comment, const Site& site, SuppressionCodes codes,
                  const std::function<bool(std::string_view)>& known_code, DirectiveScan* scan);

// Parses one comment body (the text after '#'). Returns false with *error set when the body starts
// with "TOOL:" but is malformed; returns false with an empty *error when it is not a directive.
bool parse_directive(std::string_view tool, std::string_view body, Directive* out, std::string* error);

// The ignore directives of a run by where they stand. A directive covers its own line and the line
// below, so the directives covering a site are those on its line and on the line above: looking them
// up keeps suppression linear in findings + directives (pairwise, 100,000 directives took minutes).
class DirectiveIndex {
 public:
  explicit DirectiveIndex(std::span<const Directive> directives);  // bound directives are left out
  // Appends the indices (into the directives given) of the ignore directives that cover site.
  void covering(const Site& site, std::vector<std::size_t>* out) const;

 private:
  std::map<std::pair<std::string_view, int>, std::vector<std::size_t>> at_;
};

// Drops findings covered by an ignore directive in the same file; appends one `unused` finding per
// ignore directive (or code within one) that covered nothing. Bound directives are left to the tool.
std::vector<Finding> apply_suppressions(std::vector<Finding> findings, std::span<const Directive> directives,
                                        SuppressionCodes codes);

}  // namespace boundaudit
