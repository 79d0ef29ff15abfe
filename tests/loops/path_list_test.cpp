// The path list of a run (lib/loops/path_list.hpp): what goes in comes back as it was, whatever the
// folders; sort_unique orders as std::string does (byte order) and keeps each path once.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "loops/path_list.hpp"

using namespace boundaudit::loops;

TEST_CASE("a path list gives back each path as it was given") {
  const std::vector<std::string> paths = {"pkg/a.py", "pkg/b.py", "pkg/sub/c.py", "pkg/d.py", "top.py",
                                          "/abs/x.py", "/y.py",   "pkg/",         "",         "pkg/a.py"};
  const PathList list(paths);
  REQUIRE(list.size() == paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) CHECK(list[i] == paths[i]);
  CHECK(std::vector<std::string>(list.begin(), list.end()) == paths);
  CHECK(list == PathList(paths));
  CHECK_FALSE(list == PathList(std::vector<std::string>(paths.begin(), paths.end() - 1)));
  CHECK_FALSE(PathList({"a/b.py"}) == PathList({"a/c.py"}));
  CHECK(PathList({"a/b.py"}) == PathList({"a/b.py"}));
}

TEST_CASE("sort_unique orders paths as strings and keeps each once") {
  // A folder's name against a file's with the same start ('/' sorts after '.'), bytes above 0x7f,
  // folders met again after others, a path given twice.
  std::vector<std::string> paths = {"a/b/c.py", "a/b.py", "z.py", "a/b/c.py", "a/\xc3\xa9.py", "a/z.py",
                                    "a/b/a.py", "B.py",   "a/b.py", "a.py",   "/r/s.py"};
  PathList list(paths);
  list.sort_unique();
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  CHECK(std::vector<std::string>(list.begin(), list.end()) == paths);
  PathList none;
  none.sort_unique();
  CHECK(none.empty());
}

TEST_CASE("folders met again, at the top, and deep come back as they were") {
  // The folder tree holds a folder's own name once under its parent: paths that leave a folder and
  // come back to it, a '//' run, a folder with no file of its own, the root.
  const std::vector<std::string> paths = {"a/b/c/d.py", "a/b/e.py", "a/x/y.py", "a/b/c/f.py", "a//g.py", "/h.py",
                                          "/a/b/c.py",  "a/b/c/d.py", "i.py",   "a/b/",       "/"};
  const PathList list(paths);
  CHECK(std::vector<std::string>(list.begin(), list.end()) == paths);
}

TEST_CASE("a sorted list stays as it is; erase drops the paths marked") {
  std::vector<std::string> paths = {"a.py", "a/b.py", "a/c/d.py", "b.py"};
  PathList list(paths);
  list.sort_unique();
  CHECK(std::vector<std::string>(list.begin(), list.end()) == paths);
  list.erase({0, 1, 0, 1});
  CHECK(std::vector<std::string>(list.begin(), list.end()) == std::vector<std::string>{"a.py", "a/c/d.py"});
  list.erase({0, 0});
  CHECK(list.size() == 2);
  list.erase({1, 1});
  CHECK(list.empty());
}
