// The sites' list of a result (lib/loops/site_list.hpp): what goes in comes back whole, field by
// field, in order, by index and by iteration, whatever runs of paths the sites come in.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "loops/site_list.hpp"

using namespace boundaudit::loops;

namespace {

// A site with every optional part set (or none), so that a field the bytes lose shows.
AuditSite site(std::string path, int line, bool full) {
  AuditSite s;
  s.category = full ? Category::spawn : Category::while_loop;
  s.site = {std::move(path), line, 5, line + 2, 17};
  s.function = full ? "Worker.run.inner" : "<module>";
  s.call = full ? "subprocess.run" : "";
  s.text = "while not done:  # é";
  s.in_loop = full;
  if (full) {
    s.purpose = "Runs the job.";
    s.per_item = "jobs";
    s.subject = "cmd";
    s.bound = Bound{BoundKind::timeout_arg, "timeout=5", Limit{5, Unit::seconds}, line + 1, true};
  } else {
    s.gap = Gap::no_exit;
    s.missing = "nothing in the body changes `done`";
    s.reported_at_line = 40;
  }
  return s;
}

}  // namespace

TEST_CASE("a site list gives back every site whole, by index and in order") {
  // Paths in runs, one coming back after another (held once per run, read back per site), and an
  // empty path among them.
  const std::vector<AuditSite> sites = {site("a/one.py", 3, true),  site("a/one.py", 9, false), site("b/two.py", 1, false),
                                        site("a/one.py", 12, true), site("", 2, true),           site("b/two.py", 7, true)};
  SiteList list;
  for (const auto& s : sites) list.push_back(s);
  REQUIRE(list.size() == sites.size());
  for (std::size_t i = 0; i < sites.size(); ++i) CHECK(list[i] == sites[i]);
  CHECK(std::vector<AuditSite>(list.begin(), list.end()) == sites);
  CHECK(list.front() == sites.front());
  CHECK(list.back() == sites.back());
  CHECK(list.back().site.path == "b/two.py");
  CHECK(list[4].site.path.empty());
  CHECK(*list[0].purpose == "Runs the job.");
  CHECK(list[0].bound->limit->value == 5);
  CHECK_FALSE(list[1].bound);
  CHECK(*list[1].gap == Gap::no_exit);
}

TEST_CASE("site lists are equal when they hold the same sites in the same order") {
  const SiteList one{site("x.py", 1, true), site("x.py", 2, false)};
  SiteList same;
  same.push_back(site("x.py", 1, true));
  same.push_back(site("x.py", 2, false));
  CHECK(one == same);
  CHECK_FALSE(one == SiteList{site("x.py", 2, false), site("x.py", 1, true)});
  CHECK_FALSE(one == SiteList{site("x.py", 1, true), site("y.py", 2, false)});
  auto changed = site("x.py", 2, false);
  changed.missing += ".";
  CHECK_FALSE(one == SiteList{site("x.py", 1, true), changed});
  SiteList cleared = one;
  cleared.clear();
  CHECK(cleared.empty());
  CHECK(cleared == SiteList{});
  CHECK(std::count_if(one.begin(), one.end(), [](const AuditSite& s) { return s.bounded(); }) == 1);
}

TEST_CASE("a long site list, and a site larger than the list's chunks, come back whole") {
  // Enough sites to fill several of the list's 64 KiB chunks, one of them larger than a chunk alone.
  std::vector<AuditSite> sites;
  for (int i = 0; i < 3000; ++i) {
    auto s = site("pkg/mod" + std::to_string(i / 7) + ".py", i, i % 3 == 0);
    s.text += std::string(static_cast<std::size_t>(i % 90), 'x');
    if (i == 1500) s.missing.assign(100'000, 'm');
    sites.push_back(std::move(s));
  }
  SiteList list;
  for (const auto& s : sites) list.push_back(s);
  REQUIRE(list.size() == sites.size());
  CHECK(std::vector<AuditSite>(list.begin(), list.end()) == sites);
  CHECK(list[1500].missing.size() == 100'000);
  CHECK(list[1501] == sites[1501]);
  SiteList again;
  for (const auto& s : sites) again.push_back(s);
  CHECK(again == list);
}

TEST_CASE("a list past what it holds in memory spills its chunks and reads them back whole") {
  // At most one 64 KiB chunk held: the others go to the spill file as they fill. A list held all in
  // memory with the same sites is equal to it, and a copy made mid-way goes on by itself.
  std::vector<AuditSite> sites;
  for (int i = 0; i < 3000; ++i) {
    auto s = site("pkg/mod" + std::to_string(i / 11) + ".py", i, i % 2 == 0);
    s.text += std::string(static_cast<std::size_t>(i % 70), 'y');
    if (i == 2000) s.missing.assign(150'000, 'n');
    sites.push_back(std::move(s));
  }
  SiteList spilled(64 << 10), held(std::size_t{1} << 30);
  SiteList copy(64 << 10);
  for (std::size_t i = 0; i < sites.size(); ++i) {
    spilled.push_back(sites[i]);
    held.push_back(sites[i]);
    if (i == 1000) copy = spilled;
    if (i > 1000) copy.push_back(sites[sites.size() - i]);
  }
  REQUIRE(spilled.size() == sites.size());
  for (std::size_t i = 0; i < sites.size(); i += 37) CHECK(spilled[i] == sites[i]);
  CHECK(std::vector<AuditSite>(spilled.begin(), spilled.end()) == sites);
  CHECK(spilled[2000].missing.size() == 150'000);
  CHECK(spilled == held);
  CHECK(held == spilled);
  auto changed = sites;
  changed[2999].text += "!";
  SiteList other(64 << 10);
  for (const auto& s : changed) other.push_back(s);
  CHECK_FALSE(other == spilled);
  REQUIRE(copy.size() == sites.size());
  for (std::size_t i = 0; i <= 1000; i += 50) CHECK(copy[i] == sites[i]);
  CHECK(copy[1001] == sites[sites.size() - 1001]);
  CHECK(copy.back() == sites[1]);
  CHECK(std::vector<AuditSite>(spilled.begin(), spilled.end()) == sites);  // the copy's chunks did not touch it
  spilled.clear();
  CHECK(spilled.empty());
}
