// The common subset of .gitignore patterns, used by file discovery for .gitignore files and --exclude.
//
// Supported: blank lines and `#` comments, `\#` and `\!` escapes, trailing-space trimming, `!` negation
// (last match wins), `*`, `?`, `[...]` classes (`[!...]`/`[^...]` negate, `a-z` ranges), `**` as a leading
// `**/`, a middle `/**/` and a trailing `/**`, a leading or middle `/` anchoring the pattern to the
// directory of its .gitignore, and a trailing `/` matching directories only.
// Not supported: `core.excludesFile`, `.git/info/exclude`, the global excludes file, and case folding
// (`core.ignoreCase`). Git's rule that nothing under an ignored directory can be re-included holds
// because the walk never enters an ignored directory.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace boundaudit::loops {

// fnmatch-like glob: `*` and `?` never match '/', `**` does (see above), `[...]` classes, `\` escapes.
bool glob_match(std::string_view pattern, std::string_view text);

struct IgnoreRule {
  std::string pattern;   // without `!`, leading `/` and trailing `/`
  bool negated = false;  // `!pattern`
  bool dir_only = false; // `pattern/`
  bool anchored = false; // contains a `/` before its end: matched against the whole relative path
};

// The rules of one .gitignore file (or the --exclude list), relative to one base directory.
struct IgnoreFile {
  std::string base;  // directory the patterns are relative to, '/'-separated, no trailing '/'; "" = any
  std::vector<IgnoreRule> rules;
};

// Parses .gitignore text. Lines that cannot match anything are dropped.
std::vector<IgnoreRule> parse_gitignore(std::string_view text);

// One rule as written on a command line (--exclude GLOB), same syntax as a .gitignore line.
bool parse_ignore_line(std::string_view line, IgnoreRule* out);

enum class IgnoreMatch { none, ignored, included };

// Matches a path relative to the rules' base ('/'-separated, no leading "./"). The last matching rule
// decides: ignored, or included again by a `!` rule.
IgnoreMatch match_rules(const std::vector<IgnoreRule>& rules, std::string_view relative, bool is_dir);

// Rules from command-line or configuration globs (--exclude, per-file-ignores); a glob starting with
// '/' keeps it, so that it matches absolute paths.
std::vector<IgnoreRule> glob_rules(std::span<const std::string> globs);

// A file's path (as reported) is matched: the file itself, or one of the directories on its path.
bool path_matched(const std::vector<IgnoreRule>& rules, std::string_view path);

}  // namespace boundaudit::loops
