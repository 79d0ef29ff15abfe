// File paths held together, for a run over a whole tree: each path's folder is held once for the
// run of paths in it, then only the name, and a path costs its name's bytes and a few more, not a
// string object and an allocation of its own. A path is given back as a new string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "loops/by_value_iterator.hpp"

namespace boundaudit::loops {

class PathList {
 public:
  using const_iterator = ByValueIterator<PathList, std::string>;

  PathList() = default;
  PathList(const std::vector<std::string>& paths);  // NOLINT(google-explicit-constructor): a list of paths is one

  void push_back(std::string_view path);
  std::size_t size() const { return names_.size(); }
  bool empty() const { return names_.empty(); }
  std::string operator[](std::size_t i) const;  // i < size()
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }
  // Sorted as strings are (byte order), each path once.
  void sort_unique();

  bool operator==(const PathList& o) const;  // the same paths in the same order

 private:
  struct Name {
    std::uint32_t folder = 0;  // into folder_ends_
    std::uint64_t end = 0;     // where the name's bytes end in names_bytes_
  };
  std::string_view folder(std::size_t i) const;  // with its trailing '/', or empty
  std::string_view name(std::size_t i) const;
  // <0, 0, >0 as path i compares with path j of other.
  int compare(std::size_t i, const PathList& other, std::size_t j) const;

  std::string folder_bytes_;  // the folders, one after another
  std::vector<std::uint64_t> folder_ends_;
  std::string name_bytes_;
  std::vector<Name> names_;
};

}  // namespace boundaudit::loops
