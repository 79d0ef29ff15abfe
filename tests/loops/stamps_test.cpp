// The stamp memo of a run (lib/loops/stamps.hpp): what one run learns the next one knows, only for
// settled stamps, a stamp that differs in any field is unknown, and the files a run did not name stay
// known. Stamps here are values (no files): the memo never looks at the disk itself.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "loops/cache.hpp"
#include "loops/stamps.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit::loops;
using boundaudit::testing::TempDir;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

ContentCache open_cache(const std::string& dir) {
  auto opened = ContentCache::open(dir);
  REQUIRE(std::holds_alternative<ContentCache>(opened));
  return std::get<ContentCache>(std::move(opened));
}

// A stamp of inode `inode` last written `age` seconds ago.
FileStamp stamp(std::uint64_t inode, std::int64_t age, std::uint64_t size = 100) {
  const std::int64_t at = wall_clock_ns() - age * kSecond;
  return FileStamp{1, inode, size, at, at, 0100644};
}

CacheKey digest(std::uint64_t n) { return CacheKey{n, n * 7}; }

}  // namespace

TEST_CASE("what a run learns of settled stamps the next run knows; a stamp that differs is unknown") {
  TempDir tmp;
  auto cache = open_cache(tmp.path("cache"));
  const auto old_a = stamp(10, 60), old_b = stamp(20, 60), just_written = stamp(30, 0);
  {
    Stamps first(cache, 3);
    CHECK(first.knows_nothing());
    CHECK_FALSE(first.digest_of(old_a));
    CHECK(first.learn(old_a, digest(1)));
    CHECK(first.learn(old_b, digest(2)));
    CHECK_FALSE(first.learn(just_written, digest(3)));  // not settled: the next run reads it again
    first.save(cache);
  }
  Stamps second(cache, 3);
  CHECK_FALSE(second.knows_nothing());
  CHECK(second.digest_of(old_a) == digest(1));
  CHECK(second.digest_of(old_b) == digest(2));
  CHECK_FALSE(second.digest_of(just_written));
  // The same file (device, inode) with any other size or time is another content, as far as it knows.
  auto resized = old_a;
  resized.size += 1;
  auto touched = old_a;
  touched.modified_ns += 1;
  auto changed = old_a;
  changed.changed_ns += 1;
  CHECK_FALSE(second.digest_of(resized));
  CHECK_FALSE(second.digest_of(touched));
  CHECK_FALSE(second.digest_of(changed));
}

TEST_CASE("files a run did not name stay known; a file learned again keeps its new digest") {
  TempDir tmp;
  auto cache = open_cache(tmp.path("cache"));
  const auto a = stamp(10, 60), b = stamp(20, 60);
  {
    Stamps first(cache, 2);
    REQUIRE(first.learn(a, digest(1)));
    REQUIRE(first.learn(b, digest(2)));
    first.save(cache);
  }
  const auto b_rewritten = stamp(20, 30, 200);
  {
    Stamps subset(cache, 1);  // a run over b alone, which changed
    REQUIRE(subset.learn(b_rewritten, digest(5)));
    subset.save(cache);
  }
  Stamps third(cache, 2);
  CHECK(third.digest_of(a) == digest(1));
  CHECK(third.digest_of(b_rewritten) == digest(5));
  CHECK_FALSE(third.digest_of(b));
}

TEST_CASE("a memo saved over an older one holds each file once, in order, new entries before, between and after old ones") {
  TempDir tmp;
  auto cache = open_cache(tmp.path("cache"));
  const auto a = stamp(10, 60), c = stamp(30, 60), e = stamp(50, 60);
  {
    Stamps first(cache, 3);
    REQUIRE(first.learn(c, digest(3)));
    REQUIRE(first.learn(a, digest(1)));
    REQUIRE(first.learn(e, digest(5)));
    first.save(cache);
  }
  const auto b = stamp(20, 60), c_rewritten = stamp(30, 30, 300), f = stamp(60, 60), before_all = stamp(5, 60);
  {
    Stamps second(cache, 4);
    REQUIRE(second.learn(f, digest(6)));
    REQUIRE(second.learn(c_rewritten, digest(33)));
    REQUIRE(second.learn(b, digest(2)));
    REQUIRE(second.learn(before_all, digest(9)));
    second.save(cache);
  }
  auto bytes = cache.get(cache_key(RecordKind::stamps, "", "", false));
  REQUIRE(bytes);
  auto memo = decode_stamps(*bytes);  // refused unless sorted, each file once
  REQUIRE(memo);
  std::vector<std::uint64_t> inodes;
  for (const auto& entry : memo->entries) inodes.push_back(entry.inode);
  CHECK(inodes == std::vector<std::uint64_t>{5, 10, 20, 30, 50, 60});
  Stamps third(cache, 6);
  CHECK(third.digest_of(before_all) == digest(9));
  CHECK(third.digest_of(a) == digest(1));
  CHECK(third.digest_of(b) == digest(2));
  CHECK(third.digest_of(c_rewritten) == digest(33));
  CHECK_FALSE(third.digest_of(c));
  CHECK(third.digest_of(e) == digest(5));
  CHECK(third.digest_of(f) == digest(6));
}

TEST_CASE("a run is repeatable until told otherwise, and a run that learned nothing writes nothing") {
  TempDir tmp;
  auto cache = open_cache(tmp.path("cache"));
  Stamps run(cache, 1);
  CHECK(run.repeatable());
  run.not_repeatable();
  CHECK_FALSE(run.repeatable());
  run.save(cache);
  CHECK_FALSE(cache.get(cache_key(RecordKind::stamps, "", "", false)));
}

TEST_CASE("a first run over many files learns every one, from several threads at once, and the next run knows each") {
  // Learned out of order from four threads at once, with one file learned twice.
  TempDir tmp;
  auto cache = open_cache(tmp.path("cache"));
  constexpr std::uint64_t kFiles = 10'000;
  const std::int64_t at = wall_clock_ns() - 60 * kSecond;
  auto file = [&](std::uint64_t inode, std::uint64_t size = 100) { return FileStamp{1, inode, size, at, at, 0100644}; };
  {
    Stamps first(cache, kFiles + 1);
    std::vector<std::thread> threads;
    for (std::uint64_t t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (std::uint64_t i = kFiles - t; i > 0 && i <= kFiles; i -= std::min<std::uint64_t>(i, 4))
          CHECK(first.learn(file(i), digest(i)));
      });
    for (auto& t : threads) t.join();
    CHECK(first.learn(file(77, 999), digest(12345)));  // inode 77 again, its content changed
    first.save(cache);
    CHECK(first.repeatable());
  }
  Stamps second(cache, kFiles);
  std::uint64_t known = 0;
  for (std::uint64_t i = 1; i <= kFiles; ++i)
    known += i != 77 && second.digest_of(file(i)) == digest(i);
  CHECK(known == kFiles - 1);
  CHECK(second.digest_of(file(77, 999)) == digest(12345));
  CHECK_FALSE(second.digest_of(file(77)));
}
