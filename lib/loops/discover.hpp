// Which Python files `loopaudit PATH...` audits, and reading them.
//
// A PATH is a file (audited whatever its name) or a directory, walked recursively for `*.py` files.
// The walk skips the directories in kSkippedDirectories, what .gitignore files ignore (those in the
// walked directories, and those between the enclosing git work tree's root and the named directory;
// see gitignore.hpp for the supported syntax), and what --exclude globs match. --exclude also applies
// to named files; built-in skips and .gitignore do not. Symbolic links are followed; a directory
// reached twice (a symlink loop) is walked once, and a file reached twice (`src` and `/abs/src`, a
// symlink, a hard link) is listed once, under the path it was first reached by. Paths are reported as reached from the PATH
// arguments (`src/pkg/jobs.py` for `loopaudit src`), lexically normalized, sorted and unique.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "loops/path_list.hpp"

namespace boundaudit::loops {

inline constexpr std::string_view kSkippedDirectories[] = {
    ".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist", "site-packages"};

struct DiscoverOptions {
  // --exclude globs in gitignore syntax, matched against the reported paths: without a '/' against each
  // path component's name, else against the whole path (`src/pkg/gen`, or `/abs/dir` for absolute PATHs).
  std::vector<std::string> exclude;
  bool gitignore = true;             // honour .gitignore files
};

struct Discovery {
  PathList files;  // sorted, unique
  std::vector<InputError> errors;  // sorted: missing PATHs, unreadable directories, broken links
  bool named_path_failed = false;  // a PATH argument itself is missing or unreadable (exit 2)
};

Discovery discover(std::span<const std::string> paths, const DiscoverOptions& options);

struct LoadedSources {
  std::vector<Source> sources;     // in the order of the files given
  std::vector<InputError> errors;  // sorted
};

// Reads the files with read_source on up to `threads` threads (0 = all cores). Files that cannot be
// read become errors; the result does not depend on the thread count.
LoadedSources read_sources(const PathList& files, unsigned threads);

}  // namespace boundaudit::loops
