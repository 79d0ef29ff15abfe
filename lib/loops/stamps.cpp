#include "loops/stamps.hpp"

#include <algorithm>
#include <utility>

namespace boundaudit::loops {

Stamps::Stamps(const ContentCache& cache, std::size_t files)
    : started_(wall_clock_ns()), key_(cache_key(RecordKind::stamps, "", "", false)), files_(files) {
  if (auto bytes = cache.get(key_))
    if (auto memo = decode_stamps(*bytes)) known_ = std::move(memo->entries);
  used_ = std::make_unique<std::atomic<bool>[]>(known_.size());
}

std::optional<CacheKey> Stamps::digest_of(const FileStamp& stamp) {
  auto it = std::lower_bound(known_.begin(), known_.end(), stamp,
                             [](const StampMemo::Entry& e, const FileStamp& s) { return e.before(s.device, s.inode); });
  if (it == known_.end() || it->device != stamp.device || it->inode != stamp.inode || it->check != stamp_check(stamp))
    return std::nullopt;
  used_[static_cast<std::size_t>(it - known_.begin())] = true;
  return it->digest;
}

bool Stamps::learn(const FileStamp& stamp, const CacheKey& digest) {
  if (!settled(stamp, started_)) return false;
  std::lock_guard hold(lock_);
  // Room for every file at the first, not after save (a later stage reads only a few files again).
  if (fresh_.capacity() == 0 && !saved_) fresh_.reserve(files_);
  fresh_.push_back(StampMemo::Entry::of(stamp, digest));
  return true;
}

void Stamps::save(const ContentCache& cache) {
  saved_ = true;
  if (fresh_.empty()) return;
  auto by_file = [](const StampMemo::Entry& a, const StampMemo::Entry& b) { return a.before(b.device, b.inode); };
  std::stable_sort(fresh_.begin(), fresh_.end(), by_file);
  // A file learned twice (read at two stages, or by two paths) keeps its last entry.
  std::size_t kept = 0;
  for (std::size_t k = 0; k < fresh_.size(); ++k)
    if (kept > 0 && !by_file(fresh_[kept - 1], fresh_[k])) fresh_[kept - 1] = fresh_[k];
    else fresh_[kept++] = fresh_[k];
  fresh_.resize(kept);
  const bool all_old = known_.size() + fresh_.size() <= kMaxEntries;
  StampMemo memo;
  if (known_.empty()) {
    memo.entries = std::exchange(fresh_, {});
  } else {
    memo.entries.reserve(fresh_.size() + (all_old ? known_.size() : 0));
    auto next = fresh_.begin();
    for (std::size_t k = 0; k < known_.size(); ++k) {
      while (next != fresh_.end() && by_file(*next, known_[k])) memo.entries.push_back(*next++);
      if (next != fresh_.end() && !by_file(known_[k], *next)) continue;  // learned anew
      if (all_old || used_[k]) memo.entries.push_back(known_[k]);
    }
    memo.entries.insert(memo.entries.end(), next, fresh_.end());
    std::exchange(fresh_, {});
    std::exchange(known_, {});
  }
  cache.put(key_, encode(memo));
}

}  // namespace boundaudit::loops
