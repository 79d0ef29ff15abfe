#include "loops/site_list.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "loops/file_record.hpp"

namespace boundaudit::loops {

SiteList::SiteList(std::initializer_list<AuditSite> sites) {
  for (const auto& s : sites) push_back(s);
}

void SiteList::push_back(AuditSite site) {
  // A site's path is most often the one before it (a file's sites come together): held once then.
  if (path_ends_.empty() || path(static_cast<std::uint32_t>(path_ends_.size() - 1)) != site.site.path) {
    paths_ += site.site.path;
    path_ends_.push_back(paths_.size());
  }
  const auto k = static_cast<std::uint32_t>(path_ends_.size() - 1);
  site.site.path.clear();
  encoded_.assign(reinterpret_cast<const char*>(&k), sizeof k);
  append_encoded(site, &encoded_);
  // A new chunk when the site would not fit (by size, not capacity: where chunks end depends only on
  // the sites, so equal lists have equal bytes); a site larger than a chunk has one of its own.
  if (chunks_.empty() || (chunks_.back().size > 0 && chunks_.back().size + encoded_.size() > kChunk)) {
    if (!chunks_.empty()) spill(chunks_.back());
    auto& fresh = chunks_.emplace_back().bytes;
    fresh.reserve(std::max(kChunk, encoded_.size()));
    held_ += fresh.capacity();  // what spill() takes off again
  }
  auto& chunk = chunks_.back();
  starts_.push_back(static_cast<std::uint64_t>(chunks_.size() - 1) << 32 | chunk.size);
  chunk.bytes += encoded_;
  chunk.size = static_cast<std::uint32_t>(chunk.bytes.size());
}

void SiteList::spill(Chunk& chunk) {
  if (held_ <= resident_) return;
  if (!file_) file_ = SpillFile::open();
  if (!file_) return;
  const auto offset = file_->append(chunk.bytes);
  if (!offset) return;
  held_ -= chunk.bytes.capacity();
  chunk.offset = *offset;
  chunk.spilled = true;
  std::exchange(chunk.bytes, {});
}

std::string_view SiteList::chunk_bytes(std::size_t c, std::size_t start, std::size_t stop, std::string* out) const {
  const auto& chunk = chunks_[c];
  if (!chunk.spilled) return std::string_view(chunk.bytes).substr(start, stop - start);
  out->resize(stop - start);
  // Its bytes were written by spill(), here: a read that fails is a file gone bad under the run.
  if (!file_->read(chunk.offset + start, out->data(), out->size())) throw std::runtime_error("site list: spill file unreadable");
  return *out;
}

bool SiteList::operator==(const SiteList& o) const {
  if (starts_ != o.starts_ || paths_ != o.paths_ || path_ends_ != o.path_ends_ || chunks_.size() != o.chunks_.size())
    return false;
  std::string a, b;
  for (std::size_t c = 0; c < chunks_.size(); ++c)
    if (chunks_[c].size != o.chunks_[c].size ||
        chunk_bytes(c, 0, chunks_[c].size, &a) != o.chunk_bytes(c, 0, o.chunks_[c].size, &b))
      return false;
  return true;
}

AuditSite SiteList::operator[](std::size_t i) const {
  const std::size_t c = starts_[i] >> 32;
  const std::size_t start = starts_[i] & 0xffffffffu;
  const std::size_t stop =
      i + 1 < starts_.size() && (starts_[i + 1] >> 32) == c ? starts_[i + 1] & 0xffffffffu : chunks_[c].size;
  std::string read;
  const auto bytes = chunk_bytes(c, start, stop, &read);
  std::uint32_t k = 0;
  std::memcpy(&k, bytes.data(), sizeof k);
  auto site = decode_site(bytes.substr(sizeof k));
  if (!site) throw std::logic_error("site list damaged");  // its bytes were written by push_back, here
  site->site.path = path(k);
  return std::move(*site);
}

std::string_view SiteList::path(std::uint32_t k) const {
  const auto begin = k == 0 ? 0 : path_ends_[k - 1];
  return std::string_view(paths_).substr(begin, path_ends_[k] - begin);
}

}  // namespace boundaudit::loops
