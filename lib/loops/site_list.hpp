// The sites of an audit, held as bytes: a site costs about a third of an AuditSite and its strings,
// and the files' paths are held once each, not once per site. A site is read back whole, by value,
// when it is asked for (by index or by iteration), so a run's result does not hold every site as
// objects at once. Past the first `resident` bytes (1 MiB, some 5,000 sites), the sites' bytes go to
// a spill file and are read back from it: what a list holds in memory then stays the same however
// many sites a tree has (8 bytes a site, and each file's path once).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "loops/by_value_iterator.hpp"
#include "loops/inventory.hpp"
#include "loops/spill_file.hpp"

namespace boundaudit::loops {

class SiteList {
 public:
  using const_iterator = ByValueIterator<SiteList, AuditSite>;

  static constexpr std::size_t kResident = 1 << 20;

  SiteList() = default;
  explicit SiteList(std::size_t resident) : resident_(resident) {}
  SiteList(std::initializer_list<AuditSite> sites);

  void push_back(AuditSite site);
  void reserve(std::size_t sites) { starts_.reserve(sites); }
  void clear() { *this = SiteList(resident_); }
  std::size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }
  AuditSite operator[](std::size_t i) const;  // i < size()
  AuditSite front() const { return (*this)[0]; }
  AuditSite back() const { return (*this)[size() - 1]; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  // Equal lists hold equal sites in the same order (the bytes of a site list are a function of them,
  // wherever they are held).
  bool operator==(const SiteList& o) const;

 private:
  // Sites are written into chunks of about this size, each made once at it: the list never moves
  // what it holds to grow (a moving list would hold its bytes twice while it moves).
  static constexpr std::size_t kChunk = 64 << 10;
  struct Chunk {
    std::string bytes;          // emptied once spilled
    std::uint64_t offset = 0;   // where its bytes are in the spill file, once spilled
    std::uint32_t size = 0;     // how many bytes it holds
    bool spilled = false;
  };
  std::string_view path(std::uint32_t k) const;
  // The bytes [start, stop) of chunk c, into *out when they are not in memory.
  std::string_view chunk_bytes(std::size_t c, std::size_t start, std::size_t stop, std::string* out) const;
  // A full chunk written to the spill file and dropped from memory, when the list holds more than
  // resident_ bytes (kept in memory when no file can be written).
  void spill(Chunk& chunk);

  std::size_t resident_ = kResident;
  std::size_t held_ = 0;                   // bytes of the chunks in memory
  std::shared_ptr<SpillFile> file_;        // shared with copies: a spilled chunk never changes
  std::vector<Chunk> chunks_;          // each site: its path's number, then the site without its path
  std::vector<std::uint64_t> starts_;  // where each site's bytes start: chunk << 32 | offset in it
  std::string paths_;                  // the distinct paths of consecutive sites, one after another
  std::vector<std::uint64_t> path_ends_;
  std::string encoded_;                // the site being added (its memory kept for the next)
};

}  // namespace boundaudit::loops
