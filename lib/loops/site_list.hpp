// The sites of an audit, held as bytes: a site costs about a third of an AuditSite and its strings,
// and the files' paths are held once each, not once per site. A site is read back whole, by value,
// when it is asked for (by index or by iteration), so a run's result does not hold every site as
// objects at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "loops/by_value_iterator.hpp"
#include "loops/inventory.hpp"

namespace boundaudit::loops {

class SiteList {
 public:
  using const_iterator = ByValueIterator<SiteList, AuditSite>;

  SiteList() = default;
  SiteList(std::initializer_list<AuditSite> sites);

  void push_back(AuditSite site);
  void reserve(std::size_t sites) { starts_.reserve(sites); }
  void clear() { *this = {}; }
  std::size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }
  AuditSite operator[](std::size_t i) const;  // i < size()
  AuditSite front() const { return (*this)[0]; }
  AuditSite back() const { return (*this)[size() - 1]; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  // Equal lists hold equal sites in the same order (the bytes of a site list are a function of them).
  bool operator==(const SiteList& o) const {
    return starts_ == o.starts_ && chunks_ == o.chunks_ && paths_ == o.paths_ && path_ends_ == o.path_ends_;
  }

 private:
  // Sites are written into chunks of about this size, each made once at it: the list never moves
  // what it holds to grow (a moving list would hold its bytes twice while it moves).
  static constexpr std::size_t kChunk = 64 << 10;
  std::string_view path(std::uint32_t k) const;

  std::vector<std::string> chunks_;    // each site: its path's number, then the site without its path
  std::vector<std::uint64_t> starts_;  // where each site's bytes start: chunk << 32 | offset in it
  std::string paths_;                  // the distinct paths of consecutive sites, one after another
  std::vector<std::uint64_t> path_ends_;
  std::string encoded_;                // the site being added (its memory kept for the next)
};

}  // namespace boundaudit::loops
