#include "loops/path_list.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace boundaudit::loops {
namespace {

std::uint32_t offset(std::size_t n) {
  if (n > UINT32_MAX) throw std::length_error("path list: more than 4 GiB of names");
  return static_cast<std::uint32_t>(n);
}

}  // namespace

PathList::PathList(const std::vector<std::string>& paths) {
  for (const auto& p : paths) push_back(p);
}

void PathList::push_back(std::string_view path) {
  // The folder's names, each with its '/': "a/b/c.py" -> "a/", "b/". The folders the last path had
  // in common with this one are used again (a walk gives a folder's files and subfolders together),
  // the others added under them.
  const auto slash = path.rfind('/');
  const std::string_view dir = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1);
  std::size_t depth = 0, at = 0;
  while (at < dir.size()) {
    const auto stop = dir.find('/', at) + 1;
    const auto part = dir.substr(at, stop - at);
    if (depth < chain_.size() && own_name(chain_[depth]) != part) chain_.resize(depth);
    if (depth == chain_.size()) {
      folder_bytes_ += part;
      folders_.push_back({chain_.empty() ? kNone : chain_.back(), offset(folder_bytes_.size())});
      chain_.push_back(offset(folders_.size() - 1));
    }
    ++depth;
    at = stop;
  }
  chain_.resize(depth);
  name_bytes_ += path.substr(dir.size());
  names_.push_back({chain_.empty() ? kNone : chain_.back(), offset(name_bytes_.size())});
}

std::string_view PathList::own_name(std::uint32_t folder) const {
  const std::size_t begin = folder == 0 ? 0 : folders_[folder - 1].end;
  return std::string_view(folder_bytes_).substr(begin, folders_[folder].end - begin);
}

std::string_view PathList::name(std::size_t i) const {
  const std::size_t begin = i == 0 ? 0 : names_[i - 1].end;
  return std::string_view(name_bytes_).substr(begin, names_[i].end - begin);
}

void PathList::write(std::size_t i, std::string* out) const {
  // Filled from the end: the file's name, then each folder's up to the top.
  const auto base = name(i);
  std::size_t length = base.size();
  for (auto f = names_[i].folder; f != kNone; f = folders_[f].parent) length += own_name(f).size();
  out->resize(length);
  std::size_t end = length - base.size();
  std::copy(base.begin(), base.end(), out->begin() + static_cast<std::ptrdiff_t>(end));
  for (auto f = names_[i].folder; f != kNone; f = folders_[f].parent) {
    const auto part = own_name(f);
    end -= part.size();
    std::copy(part.begin(), part.end(), out->begin() + static_cast<std::ptrdiff_t>(end));
  }
}

std::string PathList::operator[](std::size_t i) const {
  std::string path;
  write(i, &path);
  return path;
}

int PathList::compare(std::size_t i, const PathList& other, std::size_t j) const {
  if (this == &other && names_[i].folder == names_[j].folder) return name(i).compare(name(j));
  thread_local std::string a, b;
  write(i, &a);
  other.write(j, &b);
  return a.compare(b);  // byte order, as std::string compares
}

void PathList::shrink_to_fit() {
  // What push_back reserved to grow is not held for the run.
  folder_bytes_.shrink_to_fit();
  folders_.shrink_to_fit();
  std::exchange(chain_, {});
  name_bytes_.shrink_to_fit();
  names_.shrink_to_fit();
}

void PathList::sort_unique() {
  bool sorted = true;
  for (std::size_t k = 1; k < size() && sorted; ++k) sorted = compare(k - 1, *this, k) < 0;
  if (sorted) {
    shrink_to_fit();
    return;
  }
  std::vector<std::uint32_t> order(size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return compare(a, *this, b) < 0; });
  PathList out;
  std::string path;
  for (std::size_t k = 0; k < order.size(); ++k)
    if (k == 0 || compare(order[k], *this, order[k - 1]) != 0) {
      write(order[k], &path);
      out.push_back(path);
    }
  out.shrink_to_fit();
  *this = std::move(out);
}

void PathList::erase(const std::vector<char>& drop) {
  if (std::none_of(drop.begin(), drop.end(), [](char d) { return d != 0; })) return;
  PathList out;
  std::string path;
  for (std::size_t i = 0; i < size(); ++i)
    if (!drop[i]) {
      write(i, &path);
      out.push_back(path);
    }
  *this = std::move(out);
}

bool PathList::operator==(const PathList& o) const {
  if (size() != o.size()) return false;
  for (std::size_t i = 0; i < size(); ++i)
    if (compare(i, o, i) != 0) return false;
  return true;
}

}  // namespace boundaudit::loops
