#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "loops/discover.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;
namespace fs = std::filesystem;
using TempTree = boundaudit::testing::TempDir;

namespace {

// The discovered files with the temp root prefix removed.
std::vector<std::string> relative(const Discovery& d, const TempTree& t) {
  std::vector<std::string> out;
  const std::string prefix = t.root.string() + "/";
  for (const auto& f : d.files) out.push_back(f.rfind(prefix, 0) == 0 ? f.substr(prefix.size()) : f);
  return out;
}

Discovery run(std::vector<std::string> paths, DiscoverOptions options = {}) { return discover(paths, options); }

}  // namespace

TEST_CASE("directories are walked for *.py, skipping the built-in directories, sorted") {
  TempTree t;
  t.file("pkg/b.py");
  t.file("pkg/a.py");
  t.file("pkg/sub/c.py");
  t.file("pkg/notes.txt");
  t.file("pkg/readme.pyc");
  for (const char* skip : {".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist", "site-packages"})
    t.file(std::string("pkg/") + skip + "/hidden.py");
  auto d = run({t.path()});
  CHECK(relative(d, t) == std::vector<std::string>{"pkg/a.py", "pkg/b.py", "pkg/sub/c.py"});
  CHECK(d.errors.empty());
  CHECK_FALSE(d.named_path_failed);
}

TEST_CASE("files are listed in byte order where a folder's name starts a file's") {
  // The walk orders a folder as its name and '/': "a-b.py", "a.py" come before "a/..." ('-' and '.'
  // sort before '/'), "a_b/..." after it.
  TempTree t;
  for (const char* f : {"a/x.py", "a/y/z.py", "a.py", "a-b.py", "a_b/c.py", "ab.py", "a.b/d.py", "A.py"}) t.file(f);
  auto d = run({t.path()});
  auto listed = relative(d, t);
  auto sorted = listed;
  std::sort(sorted.begin(), sorted.end());
  CHECK(listed == sorted);
  CHECK(listed.size() == 8);
}

TEST_CASE("paths are reported as reached from the PATH arguments") {
  TempTree t;
  t.file("src/pkg/jobs.py");
  auto d = run({t.path("src"), t.path("src/") , t.path("src/pkg/../pkg/jobs.py")});
  CHECK(relative(d, t) == std::vector<std::string>{"src/pkg/jobs.py"});  // normalized and unique
}

TEST_CASE("a file reached twice is listed once, under the path reached first") {
  TempTree t;
  t.file("src/a.py");
  fs::create_symlink("a.py", t.root / "src/b.py");
  auto d = run({t.path("src"), t.path("src/../src/a.py")});
  CHECK(relative(d, t) == std::vector<std::string>{"src/a.py"});
  // Argument order decides which spelling stays.
  auto e = run({t.path("src/b.py"), t.path("src")});
  CHECK(relative(e, t) == std::vector<std::string>{"src/b.py"});
  // A hard link is the same file too (its directory entry carries the inode; no stat is needed).
  fs::create_hard_link(t.root / "src/a.py", t.root / "src/c.py");
  auto f = run({t.path("src")});
  CHECK(relative(f, t) == std::vector<std::string>{"src/a.py"});
}

TEST_CASE("named files are audited whatever their name; skip directories named explicitly are walked") {
  TempTree t;
  t.file("build/gen.py");
  t.file("script");
  auto d = run({t.path("script"), t.path("build")});
  CHECK(relative(d, t) == std::vector<std::string>{"build/gen.py", "script"});
}

TEST_CASE(".gitignore: globs, negation, anchoring, directory-only, nested files") {
  TempTree t;
  t.file(".gitignore", "# generated code\n*_pb2.py\n!keep_pb2.py\n/top_only.py\ngen/\ndocs/**/*.py\n");
  t.file("a_pb2.py");
  t.file("keep_pb2.py");
  t.file("top_only.py");
  t.file("sub/top_only.py");
  t.file("sub/gen/x.py");
  t.file("gen.py");  // `gen/` matches directories only
  t.file("docs/a/b/example.py");
  t.file("docs/conf.txt");
  t.file("sub/.gitignore", "local.py\n!a_pb2.py\n");
  t.file("sub/local.py");
  t.file("sub/a_pb2.py");  // re-included by the deeper file
  t.file("local.py");      // the nested file does not apply above its directory
  auto d = run({t.path()});
  CHECK(relative(d, t) == std::vector<std::string>{"gen.py", "keep_pb2.py", "local.py", "sub/a_pb2.py", "sub/top_only.py"});

  DiscoverOptions no_ignore;
  no_ignore.gitignore = false;
  CHECK(run({t.path()}, no_ignore).files.size() == 10);
}

TEST_CASE(".gitignore files above a named directory apply up to the git work tree root") {
  TempTree t;
  fs::create_directories(t.root / "repo/.git");
  t.file("repo/.gitignore", "src/pkg/gen/\n");
  t.file("repo/src/.gitignore", "*_old.py\n");
  t.file("repo/src/pkg/gen/a.py");
  t.file("repo/src/pkg/jobs_old.py");
  t.file("repo/src/pkg/jobs.py");
  auto d = run({t.path("repo/src/pkg")});
  CHECK(relative(d, t) == std::vector<std::string>{"repo/src/pkg/jobs.py"});

  // Outside a git work tree only the .gitignore files at and below the named directory count.
  TempTree u;
  u.file(".gitignore", "*.py\n");
  u.file("src/a.py");
  CHECK(relative(run({u.path("src")}), u) == std::vector<std::string>{"src/a.py"});
}

TEST_CASE("--exclude globs prune directories and files, also named files") {
  TempTree t;
  t.file("src/pkg/gen/a.py");
  t.file("src/pkg/jobs.py");
  t.file("src/pkg/jobs_test.py");
  t.file("src/tests/test_x.py");
  DiscoverOptions options;
  options.exclude = {"*_test.py", "tests/"};
  CHECK(relative(run({t.path("src")}, options), t) == std::vector<std::string>{"src/pkg/gen/a.py", "src/pkg/jobs.py"});

  // Anchored globs match the reported path (relative to the PATH argument as written).
  options.exclude = {t.path("src/pkg/gen")};
  CHECK(relative(run({t.path("src")}, options), t) ==
        std::vector<std::string>{"src/pkg/jobs.py", "src/pkg/jobs_test.py", "src/tests/test_x.py"});
  CHECK(run({t.path("src/pkg/gen/a.py")}, options).files.empty());
}

TEST_CASE("symlink loops are walked once and do not hang") {
  TempTree t;
  t.file("pkg/a.py");
  fs::create_directory_symlink("..", t.root / "pkg/up");
  fs::create_directory_symlink(".", t.root / "pkg/self");
  fs::create_symlink("missing.py", t.root / "pkg/broken.py");
  auto d = run({t.path()});
  CHECK(relative(d, t) == std::vector<std::string>{"pkg/a.py"});
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].path == t.path("pkg/broken.py"));
  CHECK(d.errors[0].message == "broken symbolic link");
  CHECK_FALSE(d.named_path_failed);
}

TEST_CASE("a missing PATH is an input error; the other PATHs are still audited") {
  TempTree t;
  t.file("a.py");
  auto d = run({t.path("nope"), t.path("a.py")});
  CHECK(relative(d, t) == std::vector<std::string>{"a.py"});
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].path == t.path("nope"));
  CHECK(d.errors[0].message == "no such file or directory");
  CHECK(d.named_path_failed);
}

TEST_CASE("unreadable directories and files are errors; the walk goes on") {
  TempTree t;
  t.file("ok.py");
  t.file("locked/x.py");
  auto secret = t.file("secret.py");
  fs::permissions(t.root / "locked", fs::perms::none);
  fs::permissions(secret, fs::perms::none);
  if (::access((t.root / "locked").c_str(), R_OK) == 0) {
    MESSAGE("running with privileges that ignore permissions; skipped");
    return;
  }
  auto d = run({t.path()});
  CHECK(relative(d, t) == std::vector<std::string>{"ok.py", "secret.py"});
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].path == t.path("locked"));
  CHECK_FALSE(d.named_path_failed);

  auto loaded = read_sources(d.files, 2);
  CHECK(loaded.sources.size() == 1);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0].path == secret);

  auto named = run({t.path("locked")});
  CHECK(named.named_path_failed);
}

TEST_CASE("read_sources keeps the file order whatever the thread count") {
  TempTree t;
  std::vector<std::string> files;
  for (int i = 0; i < 40; ++i) files.push_back(t.file("f" + std::to_string(100 + i) + ".py", "n = " + std::to_string(i) + "\n"));
  files.push_back(t.path("missing.py"));
  auto one = read_sources(files, 1);
  auto four = read_sources(files, 4);
  REQUIRE(one.sources.size() == 40);
  REQUIRE(four.sources.size() == 40);
  for (std::size_t i = 0; i < 40; ++i) {
    CHECK(one.sources[i].path == files[i]);
    CHECK(four.sources[i].text == one.sources[i].text);
  }
  CHECK(one.errors == four.errors);
  CHECK(one.errors.size() == 1);
}
