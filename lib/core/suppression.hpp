// The one suppression component shared by both tools.
//
//   # composelint: ignore[CL001] reason          # loopaudit: ignore[LA101,LA201] reason
//   # loopaudit: bound=caller-timeout "caller wraps in wait_for(60s)"
//
// A directive covers findings on its own line (trailing comment) and on the line below it
// (comment on the line above). Malformed directives, unknown codes and directives that
// suppress nothing are reported as findings of the tool's own reserved codes (LA900/LA901,
// CL900/CL901), and those are suppressible like any other finding, the same way in both tools.
// Directives are read from comments only: loopaudit hands over tree-sitter comment nodes,
// composelint the comments of its YAML files (scan_directives with a comment finder).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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
  // When set, the directive covers the findings about this subject wherever they are, not lines
  // (composelint's `x-composelint: {ignore: [...]}` on a service).
  std::string subject;
};

struct SuppressionCodes {
  std::string_view invalid;  // malformed directive or unknown code, e.g. "CL900"
  std::string_view unused;   // directive that suppressed nothing, e.g. "CL901"
};

struct DirectiveScan {
  std::vector<Directive> directives;
  std::vector<Finding> problems;  // malformed directives and unknown codes
};

// Where the comments of a file are: each (byte offset of its '#', its length up to the line end).
using CommentFinder = std::function<std::vector<std::pair<std::size_t, std::size_t>>(std::string_view text)>;

// Finds `# TOOL: ...` directives in the comments of src that find_comments locates. known_code
// decides which codes exist; unknown codes are reported as problems and left out of the directive's codes.
DirectiveScan scan_directives(std::string_view tool, const Source& src, SuppressionCodes codes,
                              const std::function<bool(std::string_view)>& known_code,
                              const CommentFinder& find_comments);

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

// What a tool adds to the line rule.
struct SuppressionScope {
  // More places where a finding counts as standing (composelint: the key of the service it is about).
  std::function<std::vector<Site>(const Finding&)> also_at;
  // Codes whose unused directives are not reported (composelint: CL006 where no budget was checked).
  std::function<bool(std::string_view)> unjudged;
};

// The one suppression pass of both tools. Bound directives are left to the tool.
// 1. A finding is dropped when an ignore directive covering it names its code.
// 2. The problems (malformed directives, unknown codes, and whatever else the tool reports under its
//    reserved codes) are added, and one `unused` finding per directive code that covered nothing.
// 3. Those findings are suppressible in turn: one covered by a directive naming its code is dropped.
//    A directive naming the reserved codes is judged here, after step 2, and reported unused when it
//    covered none of them.
// Returns the findings sorted.
std::vector<Finding> apply_suppressions(std::vector<Finding> findings, std::vector<Finding> problems,
                                        std::span<const Directive> directives, SuppressionCodes codes,
                                        const SuppressionScope& scope = {});

}  // namespace boundaudit
