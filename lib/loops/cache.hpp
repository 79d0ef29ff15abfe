// loopaudit's content cache: the per-file stage's record of each file (file_record.hpp), stored on
// disk under a key made of the file's content, its path, the tool's version and the settings that
// change per-file results, so that an unchanged file is not parsed again in the next run. What
// crosses files (index, inventory, rules) is computed anew from the records whenever any file or
// setting changed, so a change in one module still updates the sites that depend on it; a run with
// every file unchanged (by the stamp memo below) and the same settings reads back the stored result
// of the run it repeats (audit.cpp).
//
// Layout: DIR/CACHEDIR.TAG and DIR/.gitignore (`*`), so backup tools and git leave the folder alone;
// entries under DIR/<version>/<2 hex>/<30 hex>. An entry is written to a temporary file and renamed
// into place, so concurrent runs never see half an entry; an entry is read back only when its header,
// key, length and checksum all agree, else it is ignored (and rewritten by the run that missed).
// An entry not written or read for 30 days is removed by the sweep that opening the cache makes at
// most once a day (DIR/.swept's time says when the last began); a read refreshes an entry's time when
// it is a day old. Entries of other loopaudit versions are never read, so they age out the same way.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace boundaudit::loops {

struct CacheKey {
  std::uint64_t high = 0, low = 0;
  auto operator<=>(const CacheKey&) const = default;
};

// What a record holds: the per-file stage's sites and facts, a summary asked for by another file,
// the summary of a whole parse (audit.cpp's stages), a run's mention counts, or the keys of the files
// with nothing to tell (file_record.hpp).
// A memo of the files' stamps and content digests (file_record.hpp's StampMemo), a whole run's result.
enum class RecordKind { sites, summary, whole_summary, mentions, deferred_files, stamps, run };

// The digest of a file's content: what keys its records (128 bits of XXH3).
CacheKey content_digest(std::string_view text);

// A content digest of bytes given in pieces: the digest of their concatenation.
class Digester {
 public:
  Digester();
  ~Digester();
  Digester(const Digester&) = delete;
  Digester& operator=(const Digester&) = delete;
  void add(std::string_view piece);
  CacheKey digest() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The key of a record of `kind` for the file at path whose content has this digest, audited with
// partial parsing or not. The tool's version and the record format are part of every key.
CacheKey cache_key(RecordKind kind, std::string_view path, const CacheKey& digest, bool partial);
// The same for the file's text itself (its digest taken here).
CacheKey cache_key(RecordKind kind, std::string_view path, std::string_view text, bool partial);

// What stat(2) says of a regular file that changes whenever its content does: where it is (device,
// inode), its size, the modification and status-change times (nanoseconds) and its mode. A warm run
// takes a file whose stamp equals the one recorded with its digest as unchanged, without reading it.
struct FileStamp {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t modified_ns = 0, changed_ns = 0;
  std::uint32_t mode = 0;
  bool operator==(const FileStamp&) const = default;
};

// A stamp's size, times and mode in 64 bits (a hash): what the stamp memo compares once it has found
// the file by its (device, inode). Two stamps that differ give different checks but for a chance of
// one in 2^64.
std::uint64_t stamp_check(const FileStamp& stamp);

// The stamp of the file at path (stat(2), following links); nullopt unless it is a regular file.
std::optional<FileStamp> stamp_of(const std::string& path);

// The wall clock, in the nanoseconds a stamp's times use.
std::int64_t wall_clock_ns();

// Whether a stamp taken at or after started_ns (the wall clock when the run began) may be recorded:
// its file was last modified and last changed at least two seconds before the run began. A file
// written in the same clock tick as an earlier stamp of it can keep that stamp while its content
// changes (file systems store coarse times: a tick, two seconds on FAT); a settled file cannot be
// written in a tick that already passed, so its next change gives it a new stamp (git's "racily
// clean" entries are the same problem).
bool settled(const FileStamp& stamp, std::int64_t started_ns);

class ContentCache {
 public:
  // Opens the cache in dir, creating dir, its CACHEDIR.TAG and .gitignore when missing. An error
  // message when that fails (the caller then runs without a cache).
  // Opening sweeps the folder when its last sweep began a day or more ago (sweep below).
  static std::variant<ContentCache, std::string> open(const std::string& dir);

  // Removes every entry (of any version) and every leftover temporary file whose time is 30 days or
  // more before now_ns, and the shard folders that leaves empty; the number of files removed. Safe
  // beside other runs: an entry in use has a recent time, and one removed under a reader is a miss.
  std::size_t sweep(std::int64_t now_ns) const;

  // A store private to one run, in an unlinked temporary file under $TMPDIR (else /tmp): what the
  // audit would leave in the cache is spilled there instead, so that a run without the cache holds
  // no more in memory than one with it. Nothing is read from an earlier run, nothing outlives this
  // one. nullopt when no such file can be made (the run then keeps its records in memory).
  static std::optional<ContentCache> scratch();

  // The bytes stored under key, or nullopt when there are none or the entry is damaged.
  std::optional<std::string> get(const CacheKey& key) const;
  // Stores bytes under key, atomically; false when it could not (the run goes on without it).
  bool put(const CacheKey& key, std::string_view bytes) const;
  // The same for bytes that produce gives to its sink in pieces, in order (an entry too large to be
  // held twice, such as a whole run's result): written as they come, still atomically.
  using Sink = std::function<void(std::string_view)>;
  bool put_pieces(const CacheKey& key, const std::function<void(const Sink&)>& produce) const;

  // The cache's folder; empty for a scratch store.
  const std::string& dir() const { return dir_; }
  // A scratch store: what it holds is gone after the run (and nothing was there before it).
  bool is_scratch() const { return scratch_ != nullptr; }

 private:
  struct Scratch;
  explicit ContentCache(std::string dir, std::string entries) : dir_(std::move(dir)), entries_(std::move(entries)) {}
  explicit ContentCache(std::shared_ptr<Scratch> scratch) : scratch_(std::move(scratch)) {}
  std::string entry_path(const CacheKey& key) const;

  std::string dir_;
  std::string entries_;               // dir_/<version>
  std::shared_ptr<Scratch> scratch_;  // set for a scratch store (then dir_ is empty)
};

}  // namespace boundaudit::loops
