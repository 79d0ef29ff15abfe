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
  if (chunks_.empty() || (!chunks_.back().empty() && chunks_.back().size() + encoded_.size() > kChunk))
    chunks_.emplace_back().reserve(std::max(kChunk, encoded_.size()));
  auto& chunk = chunks_.back();
  starts_.push_back(static_cast<std::uint64_t>(chunks_.size() - 1) << 32 | chunk.size());
  chunk += encoded_;
}

AuditSite SiteList::operator[](std::size_t i) const {
  const auto& chunk = chunks_[starts_[i] >> 32];
  const std::size_t start = starts_[i] & 0xffffffffu;
  const std::size_t stop = i + 1 < starts_.size() && (starts_[i + 1] >> 32) == (starts_[i] >> 32)
                               ? starts_[i + 1] & 0xffffffffu
                               : chunk.size();
  std::uint32_t k = 0;
  std::memcpy(&k, chunk.data() + start, sizeof k);
  auto site = decode_site(std::string_view(chunk).substr(start + sizeof k, stop - start - sizeof k));
  if (!site) throw std::logic_error("site list damaged");  // its bytes were written by push_back, here
  site->site.path = path(k);
  return std::move(*site);
}

std::string_view SiteList::path(std::uint32_t k) const {
  const auto begin = k == 0 ? 0 : path_ends_[k - 1];
  return std::string_view(paths_).substr(begin, path_ends_[k] - begin);
}

}  // namespace boundaudit::loops
