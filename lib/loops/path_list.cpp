#include "loops/path_list.hpp"

#include <algorithm>
#include <numeric>

namespace boundaudit::loops {

PathList::PathList(const std::vector<std::string>& paths) {
  for (const auto& p : paths) push_back(p);
}

void PathList::push_back(std::string_view path) {
  const auto slash = path.rfind('/');
  const auto dir = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1);
  // The walk gives a folder's files one after another: its folder is held once for them.
  if (folder_ends_.empty() || folder(folder_ends_.size() - 1) != dir) {
    folder_bytes_ += dir;
    folder_ends_.push_back(folder_bytes_.size());
  }
  name_bytes_ += path.substr(dir.size());
  names_.push_back({static_cast<std::uint32_t>(folder_ends_.size() - 1), name_bytes_.size()});
}

std::string_view PathList::folder(std::size_t k) const {
  const std::size_t begin = k == 0 ? 0 : folder_ends_[k - 1];
  return std::string_view(folder_bytes_).substr(begin, folder_ends_[k] - begin);
}

std::string_view PathList::name(std::size_t i) const {
  const std::size_t begin = i == 0 ? 0 : names_[i - 1].end;
  return std::string_view(name_bytes_).substr(begin, names_[i].end - begin);
}

std::string PathList::operator[](std::size_t i) const {
  const auto dir = folder(names_[i].folder);
  const auto base = name(i);
  std::string path;
  path.reserve(dir.size() + base.size());
  path.append(dir).append(base);
  return path;
}

int PathList::compare(std::size_t i, const PathList& other, std::size_t j) const {
  const auto da = folder(names_[i].folder), na = name(i);
  const auto db = other.folder(other.names_[j].folder), nb = other.name(j);
  if (da == db) return na.compare(nb);
  // Byte by byte over folder then name, as std::string compares (unsigned bytes).
  const std::size_t la = da.size() + na.size(), lb = db.size() + nb.size();
  for (std::size_t k = 0; k < std::min(la, lb); ++k) {
    const auto ca = static_cast<unsigned char>(k < da.size() ? da[k] : na[k - da.size()]);
    const auto cb = static_cast<unsigned char>(k < db.size() ? db[k] : nb[k - db.size()]);
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return la < lb ? -1 : la > lb ? 1 : 0;
}

void PathList::sort_unique() {
  std::vector<std::uint32_t> order(size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return compare(a, *this, b) < 0; });
  PathList sorted;  // made at its size: the list is held for the whole run
  sorted.names_.reserve(size());
  sorted.name_bytes_.reserve(name_bytes_.size());
  for (std::size_t k = 0; k < order.size(); ++k)
    if (k == 0 || compare(order[k], *this, order[k - 1]) != 0) sorted.push_back((*this)[order[k]]);
  sorted.folder_bytes_.shrink_to_fit();
  sorted.folder_ends_.shrink_to_fit();
  *this = std::move(sorted);
}

bool PathList::operator==(const PathList& o) const {
  if (size() != o.size()) return false;
  for (std::size_t i = 0; i < size(); ++i)
    if (compare(i, o, i) != 0) return false;
  return true;
}

}  // namespace boundaudit::loops
