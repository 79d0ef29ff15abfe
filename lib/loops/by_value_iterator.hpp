// An input iterator over a list that gives its items back as new values (made from the list's
// bytes by list[i]), for the lists a run holds packed: SiteList, PathList.
#pragma once

#include <cstddef>
#include <iterator>

namespace boundaudit::loops {

template <class List, class Value>
class ByValueIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = Value;
  using difference_type = std::ptrdiff_t;
  using reference = Value;
  using pointer = void;

  ByValueIterator() = default;
  ByValueIterator(const List* list, std::size_t i) : list_(list), i_(i) {}
  Value operator*() const { return (*list_)[i_]; }
  ByValueIterator& operator++() {
    ++i_;
    return *this;
  }
  ByValueIterator operator++(int) {
    auto before = *this;
    ++i_;
    return before;
  }
  bool operator==(const ByValueIterator& o) const { return i_ == o.i_; }

 private:
  const List* list_ = nullptr;
  std::size_t i_ = 0;
};

}  // namespace boundaudit::loops
