// The content cache (lib/loops/cache.cpp) and the records it stores (lib/loops/file_record.cpp): exact
// round trips, damaged entries never trusted, and an audit that gives the same result with and without
// it, also when one module changes and another module's sites depend on it.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "loops/audit.hpp"
#include "loops/cache.hpp"
#include "loops/file_record.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;
using boundaudit::testing::slurp;
using boundaudit::testing::TempDir;

namespace {

namespace fs = std::filesystem;

// A record with every kind of field set (optionals present and absent, maps, nested lists).
FileRecord full_record() {
  FileRecord r;
  r.cut = true;
  auto& s = r.facts.summary;
  s.module = "pkg.mod";
  s.exports["JOBS"] = Export{Export::Kind::collection, 3, 0, 0, "", false, false};
  s.exports["Runner.LIMIT"] = Export{Export::Kind::number, 0, 0, 2.5, "", true, true};
  s.exports["alias"] = Export{Export::Kind::alias, 0, 0, 0, "other.mod.X", false, false};
  s.functions["pkg.mod.run"] = FunctionFacts{true, std::string("Semaphore(4)"), true, {"pkg.mod.helper"}};
  s.functions["pkg.mod.helper"] = FunctionFacts{};
  s.mutated_imports = {"other.mod.TABLE"};
  s.edges.push_back(CallEdge{std::string("pkg.mod.run"), "run", std::string("asyncio.wait_for(..., 5)"), false});
  s.edges.push_back(CallEdge{std::nullopt, "poll", std::nullopt, true});
  s.accounted["run"] = 2;
  CallShape shape;
  shape.calls = 2;
  shape.min_positional = 1;
  shape.max_positional = 2;
  shape.positional = {3, -1};
  shape.keyword["items"] = 4;
  s.calls["run"] = shape;
  s.declared["run"] = 1;
  Draft d;
  d.site.category = Category::fanout;
  d.site.site = Site{"pkg/mod.py", 12, 5, 12, 40};
  d.site.function = "run";
  d.site.call = "asyncio.gather";
  d.site.text = "await asyncio.gather(*tasks)";
  d.site.in_loop = true;
  d.site.per_item = "JOBS";
  d.site.gap = Gap::unsized_fanout;
  d.site.missing = "the size of JOBS";
  Ask ask;
  ask.kind = Ask::Kind::param_size;
  ask.ref = "pkg.mod.run";
  ask.name = "items";
  ask.unit = Unit::tasks;
  ask.per = "at once";
  ask.param = Ask::Param{"items", 0, false, -2};
  d.asks.push_back(ask);
  d.fallback = Bound{BoundKind::held, "one task per held object", Limit{7, Unit::tasks}, 3, false};
  r.facts.drafts.push_back(d);
  Draft bounded;
  bounded.site.site = Site{"pkg/mod.py", 20, 1, 22, 9};
  bounded.site.bound = Bound{BoundKind::deadline, "time.monotonic() < end", std::nullopt, 19, false};
  r.facts.drafts.push_back(bounded);
  r.directives.push_back(Directive{Directive::Kind::ignore, Site{"pkg/mod.py", 3, 1, 3, 30}, {"LA101"}, "reason", "", "", ""});
  r.notes.push_back(Finding{"LA001", Severity::note, Site{"pkg/mod.py", 5, 1, 5, 2}, "syntax error", "", {"n"}, ""});
  r.error = InputError{"pkg/mod.py", 4, "message"};
  return r;
}

// Every source in one folder, as files the audit reads from disk.
struct Tree {
  TempDir dir;
  std::vector<std::string> files;
  void write(const std::string& rel, const std::string& text) {
    auto path = dir.file(rel, text);
    if (std::find(files.begin(), files.end(), path) == files.end()) files.push_back(path);
    std::sort(files.begin(), files.end());
  }
  AuditResult audit_with(const ContentCache* cache, unsigned threads = 1) const {
    Config config;
    config.cache = cache;
    return audit(SourceSet{files, {}}, config, threads);
  }
  AuditResult audit_in_memory() const {
    std::vector<Source> held;
    for (const auto& f : files) held.push_back(Source{f, slurp(f)});
    return audit(std::span<const Source>(held), Config{}, 1);
  }
};

ContentCache open_cache(const std::string& dir) {
  auto opened = ContentCache::open(dir);
  REQUIRE(std::holds_alternative<ContentCache>(opened));
  return std::get<ContentCache>(std::move(opened));
}

std::vector<fs::path> entries(const std::string& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename() != "CACHEDIR.TAG" && e.path().filename() != ".gitignore" &&
        e.path().filename() != ".swept")
      out.push_back(e.path());
  return out;
}

// Sets a file's modification time to `days` days before now.
void age(const fs::path& file, int days) {
  const auto then = std::chrono::system_clock::now() - std::chrono::hours(24 * days);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(then.time_since_epoch()).count();
  const timespec times[2] = {{seconds, 0}, {seconds, 0}};
  REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

// The entry file the last put added.
fs::path added(const std::vector<fs::path>& before, const std::string& dir) {
  for (const auto& f : entries(dir))
    if (std::find(before.begin(), before.end(), f) == before.end()) return f;
  FAIL("no new entry");
  return {};
}

}  // namespace

TEST_CASE("a record survives encode and decode exactly") {
  auto record = full_record();
  auto bytes = encode(record);
  auto back = decode(bytes);
  REQUIRE(back);
  CHECK(encode(*back) == bytes);
  REQUIRE(back->facts.drafts.size() == 2);
  CHECK(back->facts.drafts[0].site == record.facts.drafts[0].site);
  CHECK(back->facts.drafts[1].site.bound == record.facts.drafts[1].site.bound);
  CHECK(back->facts.summary.calls.at("run").keyword.at("items") == 4);
  CHECK(back->facts.summary.functions.at("pkg.mod.run").limiter == std::optional<std::string>("Semaphore(4)"));
  CHECK(back->notes == record.notes);
  CHECK(back->error == record.error);
  CHECK(back->cut);
  CHECK_FALSE(back->deferred);
}

TEST_CASE("damaged record bytes are refused, never half read") {
  auto bytes = encode(full_record());
  for (std::size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(decode(std::string_view(bytes).substr(0, n)));
  CHECK_FALSE(decode(bytes + "x"));
  // An enum byte out of range: the first byte is `deferred` (a bool), then `cut`.
  auto bad = bytes;
  bad[0] = 7;
  CHECK_FALSE(decode(bad));
}

TEST_CASE("a record decoded without its index parts skips exactly them") {
  auto record = full_record();
  auto bytes = encode(record);
  auto lean = decode(bytes, IndexParts::none());
  REQUIRE(lean);
  auto expected = record;
  drop_index_parts(&expected.facts.summary);
  CHECK(encode(*lean) == encode(expected));
  CHECK(lean->facts.summary.exports.empty());
  CHECK(lean->facts.summary.calls.empty());
  CHECK(lean->facts.summary.module == "pkg.mod");
  CHECK(lean->facts.summary.edges.size() == 2);
  REQUIRE(lean->facts.drafts.size() == 2);
  CHECK(lean->facts.drafts[0].site == record.facts.drafts[0].site);
  // Cut short anywhere, with or without the index parts: refused.
  for (std::size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(decode(std::string_view(bytes).substr(0, n), IndexParts::none()));
}

TEST_CASE("a scratch store keeps what is put in it for the run, from several threads") {
  auto scratch = ContentCache::scratch();
  REQUIRE(scratch);
  CHECK(scratch->is_scratch());
  CHECK(scratch->dir().empty());
  auto key = [](int i) { return cache_key(RecordKind::sites, "f" + std::to_string(i) + ".py", "x\n", true); };
  CHECK_FALSE(scratch->get(key(0)));
  std::vector<std::thread> writers;
  for (int t = 0; t < 2; ++t)
    writers.emplace_back([&, t] {
      for (int i = t; i < 400; i += 2) CHECK(scratch->put(key(i), std::string(static_cast<std::size_t>(i), static_cast<char>('a' + i % 26))));
    });
  for (auto& w : writers) w.join();
  for (int i = 0; i < 400; ++i) CHECK(scratch->get(key(i)) == std::string(static_cast<std::size_t>(i), static_cast<char>('a' + i % 26)));
  // A key stored again reads back its new bytes.
  REQUIRE(scratch->put(key(7), "again"));
  CHECK(scratch->get(key(7)) == std::optional<std::string>("again"));
  // Nothing of it is seen by another store.
  auto other = ContentCache::scratch();
  REQUIRE(other);
  CHECK_FALSE(other->get(key(7)));
}

TEST_CASE("the cache folder is tagged for backup tools and git, and keeps entries by key") {
  TempDir tmp;
  auto dir = tmp.path("cache");
  auto cache = open_cache(dir);
  CHECK(slurp(fs::path(dir) / "CACHEDIR.TAG").starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
  CHECK(slurp(fs::path(dir) / ".gitignore").find("\n*\n") != std::string::npos);
  auto a = cache_key(RecordKind::sites, "a.py", "x = 1\n", true);
  CHECK_FALSE(cache.get(a));
  REQUIRE(cache.put(a, "payload"));
  CHECK(cache.get(a) == std::optional<std::string>("payload"));
  // Every part of the key matters.
  CHECK_FALSE(cache_key(RecordKind::sites, "b.py", "x = 1\n", true) == a);
  CHECK_FALSE(cache_key(RecordKind::sites, "a.py", "x = 2\n", true) == a);
  CHECK_FALSE(cache_key(RecordKind::sites, "a.py", "x = 1\n", false) == a);
  CHECK_FALSE(cache_key(RecordKind::summary, "a.py", "x = 1\n", true) == a);
  CHECK(cache_key(RecordKind::sites, "a.py", "x = 1\n", true) == a);
}

TEST_CASE("entries unused for 30 days are swept, at most once a day; a read keeps an entry in use") {
  TempDir tmp;
  auto dir = tmp.path("cache");
  auto cache = open_cache(dir);
  auto store = [&](const char* path) {
    auto key = cache_key(RecordKind::sites, path, "x = 1\n", true);
    auto before = entries(dir);
    REQUIRE(cache.put(key, "payload"));
    return std::pair{key, added(before, dir)};
  };
  auto [used, used_file] = store("used.py");
  auto [stale, stale_file] = store("stale.py");
  auto [fresh, fresh_file] = store("fresh.py");
  age(used_file, 40);
  age(stale_file, 40);
  age(fresh_file, 29);
  // What a crashed run and another loopaudit version left behind.
  const auto leftover = used_file.parent_path() / ".tmp-abcdef";
  std::ofstream(leftover) << "half";
  age(leftover, 40);
  const auto other_version = fs::path(dir) / "0.0.0-old" / "ab";
  const auto old_entry = other_version / "0123456789abcdef0123456789abcd";
  fs::create_directories(other_version);
  std::ofstream(old_entry) << "old";
  age(old_entry, 40);
  // Files of the user's in a folder --cache-dir named: not named as the cache names its own.
  const std::vector<fs::path> theirs = {fs::path(dir) / "docs" / "ab" / "0123456789abcdef0123456789abcd",
                                        fs::path(dir) / "0.0.0-old" / "notes" / "0123456789abcdef0123456789abcd",
                                        other_version.parent_path() / "cd" / "notes.txt"};
  for (const auto& file : theirs) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << "keep";
    age(file, 40);
  }
  REQUIRE(cache.get(used));  // read now: its time is brought forward
  CHECK(cache.sweep(wall_clock_ns()) == 3);
  CHECK(fs::exists(used_file));
  CHECK(fs::exists(fresh_file));
  CHECK_FALSE(fs::exists(stale_file));
  CHECK_FALSE(cache.get(stale));
  CHECK_FALSE(fs::exists(leftover));
  CHECK_FALSE(fs::exists(other_version));  // the shard it emptied goes too
  for (const auto& file : theirs) CHECK(fs::exists(file));
  // Opening sweeps only when the last sweep began a day ago (the first open above began one).
  age(fresh_file, 40);
  open_cache(dir);
  CHECK(fs::exists(fresh_file));
  age(fs::path(dir) / ".swept", 2);
  open_cache(dir);
  CHECK_FALSE(fs::exists(fresh_file));
  CHECK(fs::exists(used_file));
}

TEST_CASE("a damaged or truncated entry is ignored and rewritten") {
  TempDir tmp;
  auto dir = tmp.path("cache");
  auto cache = open_cache(dir);
  auto key = cache_key(RecordKind::sites, "a.py", "x = 1\n", true);
  REQUIRE(cache.put(key, "a payload of some length"));
  auto files = entries(dir);
  REQUIRE(files.size() == 1);
  auto good = slurp(files[0]);
  SUBCASE("a flipped byte") {
    auto bad = good;
    bad[bad.size() - 3] ^= 0x20;
    std::ofstream(files[0], std::ios::binary) << bad;
  }
  SUBCASE("cut short") { std::ofstream(files[0], std::ios::binary) << good.substr(0, good.size() - 5); }
  SUBCASE("empty") { std::ofstream(files[0], std::ios::binary) << ""; }
  SUBCASE("another key's entry in its place") {
    REQUIRE(cache.put(cache_key(RecordKind::sites, "b.py", "y\n", true), "a payload of some length"));
    for (const auto& f : entries(dir))
      if (f != files[0]) fs::copy_file(f, files[0], fs::copy_options::overwrite_existing);
  }
  CHECK_FALSE(cache.get(key));
  REQUIRE(cache.put(key, "a payload of some length"));
  CHECK(cache.get(key) == std::optional<std::string>("a payload of some length"));
}

TEST_CASE("a cached audit equals an uncached one, and a change in one module reaches the sites that use it") {
  Tree tree;
  tree.write("pkg/table.py", "JOBS = ('a', 'b', 'c')\n");
  tree.write("pkg/fan.py",
             "import asyncio\nfrom pkg.table import JOBS\n\n"
             "async def one(j):\n    return j\n\n"
             "async def main():\n    await asyncio.gather(*(one(j) for j in JOBS))\n");
  tree.write("pkg/waiting.py",
             "import asyncio\n\n"
             "async def poll(state):\n    while not state.ready:\n        await asyncio.sleep(1)\n");
  tree.write("pkg/caller.py",
             "import asyncio\nfrom pkg.waiting import poll\n\n"
             "async def go(state):\n    await asyncio.wait_for(poll(state), 5)\n");
  tree.write("pkg/tool.py", "import subprocess\n\ndef version():\n    return subprocess.run(['git', '--version'], timeout=5)\n");
  TempDir tmp;
  auto cache = open_cache(tmp.path("cache"));
  auto bound_of = [](const AuditResult& r, const std::string& file) -> std::optional<BoundKind> {
    for (const auto& s : r.sites)
      if (s.site.path.ends_with(file)) return s.bound ? std::optional(s.bound->kind) : std::nullopt;
    FAIL("no site in " << file);
    return std::nullopt;
  };
  auto cold = tree.audit_with(nullptr);  // files on disk, no cache: records spilled to a scratch store
  REQUIRE(bound_of(cold, "fan.py") == BoundKind::static_table);
  REQUIRE(bound_of(cold, "waiting.py") == BoundKind::caller_timeout);
  REQUIRE(cold.sites.size() == 3);
  auto in_memory = tree.audit_in_memory();  // held sources: every record stays in memory
  CHECK(in_memory.sites == cold.sites);
  CHECK(in_memory.findings == cold.findings);
  auto filling = tree.audit_with(&cache);
  CHECK(filling.sites == cold.sites);
  CHECK(filling.findings == cold.findings);
  CHECK_FALSE(entries(tmp.path("cache")).empty());
  auto warm = tree.audit_with(&cache, 2);
  CHECK(warm.sites == cold.sites);
  CHECK(warm.findings == cold.findings);

  // The table grows at run time, and the caller drops its timeout: both files that did not change
  // come from the cache, and both of their sites lose their bounds.
  tree.write("pkg/table.py", "JOBS = ['a', 'b', 'c']\nJOBS.append('d')\n");
  tree.write("pkg/caller.py", "import asyncio\nfrom pkg.waiting import poll\n\nasync def go(state):\n    await poll(state)\n");
  auto changed_cold = tree.audit_with(nullptr);
  auto changed_warm = tree.audit_with(&cache);
  CHECK(changed_warm.sites == changed_cold.sites);
  CHECK(changed_warm.findings == changed_cold.findings);
  CHECK(bound_of(changed_warm, "fan.py") != BoundKind::static_table);
  CHECK_FALSE(bound_of(changed_warm, "waiting.py"));
}

TEST_CASE("an entry written in pieces reads back as their concatenation; a run's result survives encode and decode") {
  TempDir tmp;
  auto cache = open_cache(tmp.path("cache"));
  const auto key = cache_key(RecordKind::run, "", "settings", true);
  std::string big(200'000, 'x');
  REQUIRE(cache.put_pieces(key, [&](const ContentCache::Sink& sink) {
    sink("head:");
    sink("");
    sink(big);
  }));
  CHECK(cache.get(key) == "head:" + big);
  CHECK(content_digest("head:" + big) == [&] {
    Digester d;
    d.add("head:");
    d.add(big);
    return d.digest();
  }());

  AuditResult r;
  r.files_scanned = 3;
  for (int i = 0; i < 2000; ++i) {  // more than one 64 KiB piece
    AuditSite site;
    site.site = Site{"pkg/m" + std::to_string(i) + ".py", i + 1, 1, i + 2, 5};
    site.function = "f" + std::to_string(i);
    site.bound = Bound{BoundKind::counter, "i < 10", Limit{10, Unit::tasks}, i + 1, false};
    r.sites.push_back(site);
  }
  r.findings.push_back(Finding{"LA101", Severity::error, Site{"pkg/m1.py", 2, 1, 3, 5}, "unbounded", "f1", {}, ""});
  r.errors.push_back(InputError{"bad.py", 1, "not valid UTF-8"});
  r.spawn_families.push_back(FamilyCount{"subprocess", 4});
  std::size_t pieces = 0;
  std::string joined;
  encode(r, [&](std::string_view piece) {
    ++pieces;
    joined.append(piece);
  });
  CHECK(pieces > 1);
  CHECK(joined == encode(r));
  auto back = decode_result(joined);
  REQUIRE(back);
  CHECK(back->files_scanned == 3);
  CHECK(back->sites == r.sites);
  CHECK(back->findings == r.findings);
  CHECK(back->errors == r.errors);
  CHECK(back->spawn_families == r.spawn_families);
  CHECK_FALSE(decode_result(std::string_view(joined).substr(0, joined.size() - 1)));
}

TEST_CASE("a stamp memo survives encode and decode; damaged or unsorted bytes are refused") {
  StampMemo memo;
  memo.entries.push_back(StampMemo::Entry::of(FileStamp{1, 2, 3, 4, 5, 0100644}, CacheKey{6, 7}));
  memo.entries.push_back(StampMemo::Entry::of(FileStamp{1, 9, 10, -11, 12, 0100600}, CacheKey{13, 14}));
  auto bytes = encode(memo);
  auto back = decode_stamps(bytes);
  REQUIRE(back);
  REQUIRE(back->entries.size() == 2);
  CHECK(back->entries[1].device == 1);
  CHECK(back->entries[1].inode == 9);
  CHECK(back->entries[1].check == stamp_check(FileStamp{1, 9, 10, -11, 12, 0100600}));
  CHECK(back->entries[1].check != stamp_check(FileStamp{1, 9, 10, -11, 13, 0100600}));
  CHECK(back->entries[1].digest == memo.entries[1].digest);
  for (std::size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(decode_stamps(std::string_view(bytes).substr(0, n)));
  std::swap(memo.entries[0], memo.entries[1]);
  CHECK_FALSE(decode_stamps(encode(memo)));
  memo.entries[0] = memo.entries[1];  // a file twice
  CHECK_FALSE(decode_stamps(encode(memo)));
}

TEST_CASE("a stamp memo written an entry at a time is the same bytes as the memo encoded whole") {
  StampMemo memo;
  for (std::uint64_t k = 0; k < 5000; ++k)  // past one piece of the writer
    memo.entries.push_back(StampMemo::Entry::of(FileStamp{1, k + 1, k, 0, 0, 0100644}, CacheKey{k, ~k}));
  std::string joined;
  std::size_t pieces = 0;
  encode_stamps(
      memo.entries.size(), [&](std::size_t k) -> const StampMemo::Entry& { return memo.entries[k]; },
      [&](std::string_view piece) { joined += piece, ++pieces; });
  CHECK(pieces > 1);
  CHECK(joined == encode(memo));
}

TEST_CASE("the list of files with nothing to tell, written in pieces, is the same bytes and reads back") {
  DeferredKeys keys;
  for (std::uint64_t k = 0; k < 10000; ++k) keys.keys.push_back(CacheKey{k, k * 3});
  std::string joined;
  std::size_t pieces = 0;
  encode(keys, [&](std::string_view piece) { joined += piece, ++pieces; });
  CHECK(pieces > 1);
  CHECK(joined == encode(keys));
  auto back = decode_deferred(joined);
  REQUIRE(back);
  CHECK(back->keys == keys.keys);
}

TEST_CASE("a stamp is settled only when its file was last written two seconds before the run") {
  TempDir tmp;
  auto path = tmp.file("a.py", "x = 1\n");
  auto stamp = stamp_of(path);
  REQUIRE(stamp);
  CHECK(stamp->size == 6);
  CHECK_FALSE(stamp_of(tmp.path("missing.py")));
  CHECK_FALSE(stamp_of(tmp.path("")));  // a folder
  const auto now = wall_clock_ns();
  CHECK_FALSE(settled(*stamp, now));
  CHECK(settled(*stamp, now + 3'000'000'000));
  auto old_change = *stamp;
  old_change.modified_ns -= 10'000'000'000;  // an old mtime (touch -d) does not hide a fresh change time
  CHECK_FALSE(settled(old_change, now));
}

TEST_CASE("with settled files, a run remembers their stamps and its result; a change of the same size is still seen") {
  Tree tree;
  const std::string table = "JOBS = ('a', 'b', 'c')\n# padded to size\n";
  const std::string grown = "JOBS = ['a', 'b', 'c']\nJOBS.append('d')\n";
  REQUIRE(table.size() == grown.size());
  tree.write("pkg/table.py", table);
  tree.write("pkg/fan.py",
             "import asyncio\nfrom pkg.table import JOBS\n\n"
             "async def one(j):\n    return j\n\n"
             "async def main():\n    await asyncio.gather(*(one(j) for j in JOBS))\n");
  tree.write("pkg/spin.py", "def spin(q):\n    while True:\n        q.get()\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // until the stamps are settled
  TempDir tmp;
  auto cache = open_cache(tmp.path("cache"));
  auto cold = tree.audit_with(nullptr);
  auto first = tree.audit_with(&cache);
  CHECK(first.sites == cold.sites);
  auto bytes = cache.get(cache_key(RecordKind::stamps, "", "", false));
  REQUIRE(bytes);
  auto memo = decode_stamps(*bytes);
  REQUIRE(memo);
  REQUIRE(memo->entries.size() == 3);
  for (const auto& path : tree.files) {
    auto stamp = *stamp_of(path);
    auto it = std::find_if(memo->entries.begin(), memo->entries.end(), [&](const auto& e) {
      return e.device == stamp.device && e.inode == stamp.inode && e.check == stamp_check(stamp);
    });
    REQUIRE(it != memo->entries.end());
    CHECK(it->digest == content_digest(slurp(path)));
  }
  // Every source known unchanged, the same settings: the stored run is read back, no file is audited
  // (the progress callback, called once per file audited, is called once, with every file done).
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  Config config;
  config.cache = &cache;
  config.progress = [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); };
  auto warm = audit(SourceSet{tree.files, {}}, config, 2);
  const auto n = tree.files.size();
  CHECK(calls == std::vector<std::pair<std::size_t, std::size_t>>{{n, n}});
  CHECK(warm.sites == cold.sites);
  CHECK(warm.findings == cold.findings);
  CHECK(warm.files_scanned == cold.files_scanned);
  CHECK(warm.spawn_families == cold.spawn_families);
  // Other settings are another run: audited, with its own findings.
  REQUIRE_FALSE(cold.findings.empty());
  config.ignore = {"LA"};
  calls.clear();
  auto quiet = audit(SourceSet{tree.files, {}}, config, 2);
  CHECK(calls.size() == n);
  CHECK(quiet.findings.empty());
  CHECK(quiet.sites == cold.sites);

  // The same size, and its mtime set back to what it was: the change time still tells.
  auto before = *stamp_of(tree.files[2]);
  REQUIRE(tree.files[2].ends_with("table.py"));
  tree.write("pkg/table.py", grown);
  const timespec times[2] = {{0, UTIME_OMIT}, {before.modified_ns / 1'000'000'000, before.modified_ns % 1'000'000'000}};
  REQUIRE(::utimensat(AT_FDCWD, tree.files[2].c_str(), times, 0) == 0);
  auto changed_cold = tree.audit_with(nullptr);
  auto changed_warm = tree.audit_with(&cache);
  CHECK(changed_warm.sites == changed_cold.sites);
  CHECK(changed_warm.findings == changed_cold.findings);
  CHECK_FALSE(changed_warm.sites == cold.sites);

  // Once the change has settled, the next run remembers it and is stored in place of the first
  // one; the run after that reads back the new result, not the old.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  config.ignore.clear();
  calls.clear();
  auto settled_run = audit(SourceSet{tree.files, {}}, config, 1);
  CHECK(calls.size() == n);
  calls.clear();
  auto repeated = audit(SourceSet{tree.files, {}}, config, 1);
  CHECK(calls == std::vector<std::pair<std::size_t, std::size_t>>{{n, n}});
  CHECK(repeated.sites == changed_cold.sites);
  CHECK(repeated.findings == changed_cold.findings);
}

TEST_CASE("a cache that cannot be created is an error message, not a crash") {
  TempDir tmp;
  auto file = tmp.file("not-a-folder", "x");
  auto opened = ContentCache::open(file + "/cache");
  REQUIRE(std::holds_alternative<std::string>(opened));
  CHECK(std::get<std::string>(opened).find("not-a-folder") != std::string::npos);
}
