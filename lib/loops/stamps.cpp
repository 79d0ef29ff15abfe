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
  // The memo's entries in file order, merged from the two sorted lists as they are written (a list
  // of them, or their bytes, made whole first would hold every file's entry once more): each new
  // entry, and the old ones of the files not learned anew, all of them or those found unchanged.
  std::size_t old = 0, learned = 0;
  auto next = [&]() -> const StampMemo::Entry* {
    while (old < known_.size()) {
      if (learned < fresh_.size() && !by_file(known_[old], fresh_[learned])) break;  // a new entry first
      const std::size_t k = old++;
      if (all_old || used_[k]) return &known_[k];
    }
    if (learned == fresh_.size()) return nullptr;
    if (old < known_.size() && !by_file(fresh_[learned], known_[old])) ++old;  // the same file: learned anew
    return &fresh_[learned++];
  };
  std::size_t n = 0;
  while (next()) ++n;
  old = learned = 0;
  cache.put_pieces(key_, [&](const ContentCache::Sink& sink) {
    encode_stamps(n, [&](std::size_t) -> const StampMemo::Entry& { return *next(); }, sink);
  });
  std::exchange(fresh_, {});
  std::exchange(known_, {});
}

}  // namespace boundaudit::loops
