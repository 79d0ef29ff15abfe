// File paths held together, for a run over a whole tree: the folders are held as a tree of their
// names (each folder's own name once, under its parent), and a path costs its file name's bytes and
// eight more, not a string object and an allocation of its own. A path is given back as a new string.
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
  // Sorted as strings are (byte order), each path once. A list in that order already (a walk that
  // gives paths in it) is only checked, not copied.
  void sort_unique();
  // Drops path i where drop[i] is set (drop.size() == size()); the others keep their order.
  void erase(const std::vector<char>& drop);

  bool operator==(const PathList& o) const;  // the same paths in the same order

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  struct Folder {
    std::uint32_t parent = kNone;  // into folders_; kNone: at the top
    std::uint32_t end = 0;         // where its own name (with its trailing '/') ends in folder_bytes_
  };
  struct Name {
    std::uint32_t folder = kNone;  // into folders_; kNone: a path with no '/'
    std::uint32_t end = 0;         // where the file's name ends in name_bytes_
  };
  std::string_view own_name(std::uint32_t folder) const;
  std::string_view name(std::size_t i) const;
  // Path i written into *out (its memory reused).
  void write(std::size_t i, std::string* out) const;
  // <0, 0, >0 as path i compares with path j of other.
  int compare(std::size_t i, const PathList& other, std::size_t j) const;
  void shrink_to_fit();

  std::string folder_bytes_;
  std::vector<Folder> folders_;
  std::vector<std::uint32_t> chain_;  // the folders of the last path added, top first
  std::string name_bytes_;
  std::vector<Name> names_;
};

}  // namespace boundaudit::loops
