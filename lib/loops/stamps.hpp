// The stamp memo of one run with a content cache (file_record.hpp's StampMemo, cache.hpp's
// FileStamp): what the last run remembered of each file's stamp and content digest, which of those
// this run found unchanged, and what this run learned by reading files. The audit asks it before
// reading a file (an unchanged file is not read) and tells it each digest it reads; whether the next
// run can repeat this one unread decides whether this run's result is stored whole (audit.cpp).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "loops/cache.hpp"
#include "loops/file_record.hpp"

namespace boundaudit::loops {

// Threads may look up and learn at once.
class Stamps {
 public:
  // Reads the memo from cache. files: how many files the run may read (what a first run learns is
  // reserved at its first entry).
  Stamps(const ContentCache& cache, std::size_t files);

  // The memo holds no file (a first run): no stamp is worth taking to look one up.
  bool knows_nothing() const { return known_.empty(); }
  // The digest remembered for the file with this stamp, if the memo holds it.
  std::optional<CacheKey> digest_of(const FileStamp& stamp);
  // Records that the file with this stamp (taken before it was read) holds content with this digest;
  // only when the stamp is settled (cache.hpp), else the next run reads the file again (false).
  bool learn(const FileStamp& stamp, const CacheKey& digest);

  // The next run cannot repeat this one unread: a source changed while this run read it, or the memo
  // will not know one. Its result is then not stored whole (it could never be read back).
  void not_repeatable() { repeatable_ = false; }
  bool repeatable() const { return repeatable_; }

  // Stores the memo when this run learned an entry: the new entries, and the old ones of the other
  // files (files this run did not name stay known), all of the old ones unless that would exceed
  // kMaxEntries, then only those this run found unchanged. What it held is freed.
  void save(const ContentCache& cache);

 private:
  static constexpr std::size_t kMaxEntries = 250'000;  // 10 MB of memo
  std::int64_t started_;
  CacheKey key_;
  std::size_t files_;
  std::vector<StampMemo::Entry> known_;  // sorted by (device, inode)
  std::unique_ptr<std::atomic<bool>[]> used_;
  std::atomic<bool> repeatable_ = true;
  std::mutex lock_;
  std::vector<StampMemo::Entry> fresh_;
  bool saved_ = false;
};

}  // namespace boundaudit::loops
