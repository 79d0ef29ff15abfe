#include "loops/doc_scope.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

namespace boundaudit::loops {
namespace {

namespace fs = std::filesystem;

bool has_glob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

// `dir` joined with a relative path, lexically normalized; absolute paths stay as they are.
std::string join(const std::string& dir, std::string_view path) {
  if (dir.empty() || fs::path(path).is_absolute()) return fs::path(path).lexically_normal().generic_string();
  auto joined = (fs::path(dir) / fs::path(path)).lexically_normal().generic_string();
  while (joined.size() > 1 && joined.back() == '/') joined.pop_back();
  return joined;
}

// Expands the glob components of a path by listing directories; sorted, existing paths only (a path
// without a glob is not expanded: discover reports it when it is missing).
std::vector<std::string> expand(const std::string& pattern) {
  std::vector<std::string> current{pattern.starts_with('/') ? "/" : ""};
  std::size_t pos = pattern.starts_with('/') ? 1 : 0;
  while (pos <= pattern.size()) {
    auto slash = pattern.find('/', pos);
    std::string part = pattern.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
    pos = slash == std::string::npos ? pattern.size() + 1 : slash + 1;
    if (part.empty()) continue;
    std::vector<std::string> next;
    for (const auto& prefix : current) {
      auto base = prefix.empty() ? std::string() : (prefix.ends_with('/') ? prefix : prefix + "/");
      if (!has_glob(part)) {
        next.push_back(base + part);
        continue;
      }
      std::error_code ec;
      for (fs::directory_iterator it(base.empty() ? "." : base, ec), end; !ec && it != end; it.increment(ec)) {
        auto name = it->path().filename().string();
        if (::fnmatch(part.c_str(), name.c_str(), FNM_PERIOD) == 0) next.push_back(base + name);
      }
    }
    std::sort(next.begin(), next.end());
    current = std::move(next);
  }
  // A literal part after a glob must exist: packages/*/src names the packages that have a src.
  std::erase_if(current, [](const std::string& p) {
    std::error_code ec;
    return !fs::exists(p, ec);
  });
  return current;
}

}  // namespace

std::string doc_directory(const std::string& doc_path) {
  auto dir = fs::path(doc_path).parent_path().generic_string();
  return dir == "." ? "" : dir;
}

std::variant<RegionScope, InputError> region_scope(const std::string& doc_path, const DocRegion& region,
                                                   std::span<const std::string> cli_paths,
                                                   std::span<const std::string> cli_exclude) {
  auto error = [&](std::string message) { return InputError{doc_path, region.begin_line, std::move(message)}; };
  const std::string dir = doc_directory(doc_path);
  RegionScope scope;
  if (const auto* lines = region.attribute("lines")) {
    if (*lines != "yes" && *lines != "no") return error(fmt::format("lines=\"{}\": write yes or no", *lines));
    scope.lines = *lines == "yes";
  }
  if (const auto* category = region.attribute("category")) {
    if (*category == "while") scope.category = Category::while_loop;
    else if (*category == "fanout") scope.category = Category::fanout;
    else if (*category == "spawn") scope.category = Category::spawn;
    else return error(fmt::format("category=\"{}\": write while, fanout or spawn", *category));
  }
  const auto* paths = region.attribute("paths");
  if (!paths) {
    if (region.attribute("exclude")) return error("exclude= needs paths= in the same marker");
    if (cli_paths.empty())
      return error("a bare `<!-- loopaudit:begin -->` marker covers the PATHs given on the command line, and none "
                   "was given; say what the region covers in the marker, e.g. <!-- loopaudit:begin paths=\"src\" -->");
    scope.paths.assign(cli_paths.begin(), cli_paths.end());
    scope.exclude.assign(cli_exclude.begin(), cli_exclude.end());
    return scope;
  }
  if (!cli_paths.empty() || !cli_exclude.empty())
    return error("this region says its own paths=; PATHs and --exclude on the command line are only for bare "
                 "markers: drop them (run `loopaudit --update-doc " + doc_path + "`)");
  auto words = split_words(*paths);
  if (words.empty()) return error("paths=\"\" names nothing");
  for (const auto& word : words) {
    if (word.find("**") != std::string::npos)
      return error(fmt::format("paths: `{}`: `**` is not supported in paths (a directory is searched recursively)", word));
    auto joined = join(dir, word);
    if (!has_glob(word)) {
      scope.paths.push_back(joined);
      continue;
    }
    auto found = expand(joined);
    if (found.empty()) return error(fmt::format("paths: `{}` matches nothing", word));
    scope.paths.insert(scope.paths.end(), found.begin(), found.end());
  }
  if (const auto* exclude = region.attribute("exclude")) {
    for (const auto& glob : split_words(*exclude)) {
      // Without a '/' a glob matches any component's name; one starting with ** matches anywhere. Any
      // other is a path from the doc's directory, so it is joined to it like paths.
      if (glob.find('/') == std::string::npos || glob.starts_with("**") || dir.empty()) scope.exclude.push_back(glob);
      else scope.exclude.push_back(join(dir, glob));
    }
  }
  return scope;
}

}  // namespace boundaudit::loops
