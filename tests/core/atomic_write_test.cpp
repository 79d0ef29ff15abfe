// write_atomically: what it refuses and what it keeps (the --update-doc cases are in
// tests/loops/doc_sync_test.cpp, the baseline's in tests/core/baseline_test.cpp).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_write.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit;
namespace fs = std::filesystem;
using boundaudit::testing::TempDir;
using boundaudit::testing::slurp;

TEST_CASE("a new file, a replaced file keeping its mode, a followed symbolic link") {
  TempDir t;
  std::string error;
  REQUIRE(write_atomically(t.path("new.txt"), "one\n", "--write-x", &error));
  CHECK(slurp(t.path("new.txt")) == "one\n");

  auto kept = t.file("kept.txt", "old");
  ::chmod(kept.c_str(), 0600);
  REQUIRE(write_atomically(kept, "new", "--write-x", &error));
  struct stat st {};
  REQUIRE(::stat(kept.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(slurp(kept) == "new");

  fs::create_symlink("kept.txt", t.root / "link.txt");
  REQUIRE(write_atomically(t.path("link.txt"), "via link", "--write-x", &error));
  CHECK(fs::is_symlink(t.root / "link.txt"));
  CHECK(slurp(kept) == "via link");
}

TEST_CASE("a directory is refused by name and the writing option; nothing is left behind") {
  TempDir t;
  fs::create_directory(t.root / "d");
  std::string error;
  CHECK_FALSE(write_atomically(t.path("d"), "x", "--write-x", &error));
  CHECK(error == t.path("d") + " is a directory, not a file; --write-x does not replace it");
  CHECK(fs::is_empty(t.root / "d"));
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(t.root)) ++entries;
  CHECK(entries == 1);
}
