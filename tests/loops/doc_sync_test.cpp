#include <doctest/doctest.h>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "core/atomic_write.hpp"
#include "core/doc_regions.hpp"
#include "docs/doc_update.hpp"
#include "loops/doc_scope.hpp"
#include "loops/doc_sync.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;
namespace fs = std::filesystem;
using boundaudit::testing::TempDir;
using boundaudit::testing::slurp;

namespace {

const std::string kDoc =
    "# Project\n\nIntro, kept as is.  \n\n<!-- loopaudit:begin -->\nold table\n<!-- loopaudit:end -->\n\n## After\ntail\n";
const std::string kRegion = "### while loops (1 total)\n\n| a | b |\n";

// doc with body spliced into its loopaudit regions, as --update-doc does, or nothing with *error.
std::optional<std::string> splice(std::string_view doc, const std::string& body, std::string* error = nullptr) {
  auto scan = find_regions("doc.md", doc, "loopaudit", kRegionAttributes);
  if (!scan.errors.empty() || scan.regions.empty()) {
    if (error) *error = scan.errors.empty() ? "no region" : scan.errors.front().message;
    return std::nullopt;
  }
  std::vector<std::string> bodies(scan.regions.size(), body);
  return splice_regions(doc, scan.regions, bodies);
}

// One --update-doc (or --check) of the doc at path with body, through the file side under test:
// open_doc (regular file, lock unless check), the regions, update_regions (diff, write_atomically).
RegionsUpdate update(const std::string& path, const std::string& body, bool check) {
  RegionsUpdate r;
  std::string error;
  auto opened = open_doc(path, !check, &error);
  if (!opened) {
    r.message = path + ": " + error;
    return r;
  }
  auto scan = find_regions(path, opened->text, "loopaudit", kRegionAttributes);
  if (!scan.errors.empty() || scan.regions.empty()) {
    r.message = path + ": " + (scan.errors.empty() ? std::string("no loopaudit region") : scan.errors.front().message);
    return r;
  }
  std::vector<std::string> bodies(scan.regions.size(), body);
  return update_regions(path, opened->text, scan.regions, bodies, check, "loopaudit");
}

}  // namespace

TEST_CASE("the splice replaces only what lies between the markers") {
  auto out = splice(kDoc, kRegion);
  REQUIRE(out);
  CHECK(*out ==
        "# Project\n\nIntro, kept as is.  \n\n<!-- loopaudit:begin -->\n\n### while loops (1 total)\n\n| a | b |\n\n"
        "<!-- loopaudit:end -->\n\n## After\ntail\n");
  // Idempotent: splicing the same region again changes nothing.
  CHECK(splice(*out, kRegion) == out);
  // An empty region leaves one blank line.
  auto empty = splice(kDoc, "");
  REQUIRE(empty);
  CHECK(empty->find("<!-- loopaudit:begin -->\n\n<!-- loopaudit:end -->\n") != std::string::npos);
}

TEST_CASE("the splice keeps CRLF line endings and a file without a final newline") {
  std::string doc = "a\r\n<!-- loopaudit:begin -->\r\nx\r\n<!-- loopaudit:end -->";
  CHECK(splice(doc, "r1\nr2\n") == "a\r\n<!-- loopaudit:begin -->\r\n\r\nr1\r\nr2\r\n\r\n<!-- loopaudit:end -->");
}

TEST_CASE("missing, unpaired and misordered markers are errors") {
  std::string error;
  CHECK_FALSE(splice("# no markers\n", kRegion, &error));
  CHECK_FALSE(splice("<!-- loopaudit:begin -->\n", kRegion, &error));
  CHECK(error.find("end") != std::string::npos);
  CHECK_FALSE(splice("<!-- loopaudit:end -->\n<!-- loopaudit:begin -->\n", kRegion, &error));
  CHECK_FALSE(splice("<!-- loopaudit:begin -->\n<!-- loopaudit:begin -->\n<!-- loopaudit:end -->\n", kRegion, &error));
  // A marker mentioned inline or inside a fenced code block is not a marker.
  std::string doc =
      "Put `<!-- loopaudit:begin -->` in your docs:\n```md\n<!-- loopaudit:begin -->\n<!-- loopaudit:end -->\n```\n"
      "<!-- loopaudit:begin -->\n<!-- loopaudit:end -->\n";
  auto out = splice(doc, "R\n");
  REQUIRE(out);
  CHECK(out->substr(0, out->rfind("<!-- loopaudit:begin -->")) == doc.substr(0, doc.rfind("<!-- loopaudit:begin -->")));
  CHECK(out->ends_with("<!-- loopaudit:begin -->\n\nR\n\n<!-- loopaudit:end -->\n"));
}

TEST_CASE("--update-doc round trip: update, then check is fresh; a new region makes check stale") {
  TempDir t;
  auto path = t.file("AUDIT.md", kDoc);
  ::chmod(path.c_str(), 0640);

  auto stale = update(path, kRegion, true);
  CHECK(stale.status == DocStatus::stale);
  CHECK(stale.diff.find("-old table") != std::string::npos);
  CHECK(stale.diff.find("+### while loops (1 total)") != std::string::npos);
  CHECK(slurp(path) == kDoc);  // --check changes nothing

  auto updated = update(path, kRegion, false);
  CHECK(updated.status == DocStatus::updated);
  const std::string written = slurp(path);
  CHECK(written.starts_with("# Project\n\nIntro, kept as is.  \n\n<!-- loopaudit:begin -->\n"));
  CHECK(written.ends_with("<!-- loopaudit:end -->\n\n## After\ntail\n"));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);  // permissions kept

  CHECK(update(path, kRegion, true).status == DocStatus::up_to_date);
  CHECK(update(path, kRegion, false).status == DocStatus::up_to_date);
  CHECK(update(path, kRegion + "| c | d |\n", true).status == DocStatus::stale);

  // No temporary files are left behind.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(t.root)) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("--update-doc: missing markers or file fail and leave the file alone") {
  TempDir t;
  auto path = t.file("README.md", "# Just prose\n");
  auto r = update(path, kRegion, false);
  CHECK(r.status == DocStatus::failed);
  CHECK(r.message.find("README.md") != std::string::npos);
  CHECK(slurp(path) == "# Just prose\n");
  CHECK(update((t.root / "missing.md").string(), kRegion, false).status == DocStatus::failed);
}

TEST_CASE("--update-doc writes through a symbolic link to its target") {
  TempDir t;
  auto target = t.file("real.md", kDoc);
  fs::create_symlink("real.md", t.root / "link.md");
  REQUIRE(update((t.root / "link.md").string(), kRegion, false).status == DocStatus::updated);
  CHECK(fs::is_symlink(t.root / "link.md"));
  CHECK(slurp(target).find("### while loops") != std::string::npos);
}

TEST_CASE("line_diff shows changed lines with their line numbers, capped") {
  CHECK(line_diff("a\nb\nc\n", "a\nB\nc\n") == "@@ line 2 @@\n-b\n+B\n");
  CHECK(line_diff("a\n", "a\n").empty());
  std::string before, after;
  for (int i = 0; i < 100; ++i) after += std::to_string(i) + "\n";
  auto d = line_diff(before, after, 10);
  CHECK(d.find("... and 90 more changed lines") != std::string::npos);
}

TEST_CASE("--update-doc keeps the doc's owner, group and mode (run as root)") {
  if (::geteuid() != 0) {
    MESSAGE("not root: cannot give a file to another owner; skipped");
    return;
  }
  const passwd* nobody = ::getpwnam("nobody");
  const group* nogroup = ::getgrnam("nogroup");
  REQUIRE(nobody != nullptr);
  REQUIRE(nogroup != nullptr);
  TempDir t;
  auto path = t.file("AUDIT.md", kDoc);
  REQUIRE(::chown(path.c_str(), nobody->pw_uid, nogroup->gr_gid) == 0);
  REQUIRE(::chmod(path.c_str(), 0640) == 0);
  REQUIRE(update(path, kRegion, false).status == DocStatus::updated);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK(st.st_uid == nobody->pw_uid);
  CHECK(st.st_gid == nogroup->gr_gid);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(slurp(path).find("### while loops") != std::string::npos);
}

TEST_CASE("--update-doc refuses, leaving the doc alone, when the doc's group cannot be kept") {
  if (::geteuid() != 0) {
    MESSAGE("not root: cannot set up a doc whose group the writer is not in; skipped");
    return;
  }
  const passwd* nobody = ::getpwnam("nobody");
  const group* nogroup = ::getgrnam("nogroup");
  REQUIRE(nobody != nullptr);
  REQUIRE(nogroup != nullptr);
  TempDir t;
  REQUIRE(::chmod(t.root.c_str(), 0777) == 0);
  auto path = t.file("AUDIT.md", kDoc);
  // Owned by nobody, group root, writable by all: nobody may replace it, but may not give the new
  // file the group root.
  REQUIRE(::chown(path.c_str(), nobody->pw_uid, 0) == 0);
  REQUIRE(::chmod(path.c_str(), 0666) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(nogroup->gr_gid) != 0 || ::setuid(nobody->pw_uid) != 0) ::_exit(3);
    auto r = update(path, kRegion, false);
    bool said = r.message.find("cannot keep the owner and group") != std::string::npos;
    ::_exit(r.status == DocStatus::failed && said ? 0 : 1);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(slurp(path) == kDoc);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK(st.st_uid == nobody->pw_uid);
  CHECK(st.st_gid == 0);
  int entries = 0;  // no temporary file left behind
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(t.root)) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("--update-doc waits for a concurrent run and works on what that run wrote") {
  TempDir t;
  auto path = t.file("AUDIT.md", kDoc);
  // Play the other run: lock the doc, then replace it (temporary file and rename) with a version in
  // which someone also changed the prose, and only then unlock.
  int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  RegionsUpdate ours;
  std::thread run([&] { ours = update(path, kRegion, false); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let it reach the lock (not needed to pass)
  std::string theirs = kDoc;
  theirs.replace(theirs.find("Intro"), 5, "Prose changed by the other run");
  std::ofstream(t.path("other.tmp"), std::ios::binary) << theirs;
  fs::rename(t.path("other.tmp"), path);
  ::close(fd);
  run.join();
  CHECK(ours.status == DocStatus::updated);
  const std::string doc = slurp(path);
  CHECK(doc.find("Prose changed by the other run") != std::string::npos);  // their change kept
  CHECK(doc.find("### while loops (1 total)") != std::string::npos);        // and ours made
}

TEST_CASE("--update-doc refuses a FIFO without blocking") {
  ::alarm(30);  // a blocked open fails the test instead of hanging it
  TempDir t;
  auto fifo = t.path("AUDIT.md");
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  for (bool check : {true, false}) {
    auto r = update(fifo, kRegion, check);
    CHECK(r.status == DocStatus::failed);
    CHECK(r.message == fifo + ": is a FIFO, not a regular file");
  }
  ::alarm(0);
}

TEST_CASE("--update-doc refuses a read-only doc and a doc with hard links; both stay untouched") {
  TempDir t;
  auto path = t.file("AUDIT.md", kDoc);
  ::chmod(path.c_str(), 0444);
  std::string error;
  CHECK_FALSE(open_doc(path, true, &error));
  CHECK(error.find("is read-only (no write permission)") != std::string::npos);
  error.clear();
  CHECK_FALSE(write_atomically(path, "new\n", "--update-doc", &error));
  CHECK(error.find("is read-only") != std::string::npos);
  CHECK(slurp(path) == kDoc);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0444);
  error.clear();
  CHECK(open_doc(path, false, &error));  // --check only reads: allowed

  auto linked = t.file("LINKED.md", kDoc);
  auto other = (t.root / "other-name.md").string();
  REQUIRE(::link(linked.c_str(), other.c_str()) == 0);
  error.clear();
  CHECK_FALSE(open_doc(linked, true, &error));
  CHECK(error.find("has 2 hard links") != std::string::npos);
  error.clear();
  CHECK_FALSE(write_atomically(other, "new\n", "--update-doc", &error));
  CHECK(slurp(linked) == kDoc);
  struct stat a {}, b {};
  REQUIRE(::stat(linked.c_str(), &a) == 0);
  REQUIRE(::stat(other.c_str(), &b) == 0);
  CHECK(a.st_ino == b.st_ino);  // still one file
  CHECK(a.st_nlink == 2);
}
