// --update-doc's file side, for both tools (the regions themselves: core/doc_regions.hpp, docs/).
// The doc is read as a regular file within a size limit, under an flock held from the read to the
// rename, so concurrent runs take turns; it is replaced by write_atomically (core/atomic_write.hpp: a
// temporary file in the same directory, then rename) with its owner, group and mode kept, so a reader
// never sees a half file.
// A doc without write permission, or with more than one hard link, is refused (left untouched):
// the rename would overrule the permission or split the links.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace boundaudit::loops {

// An exclusive flock on a doc, held from its read to the rename of the new doc and released when this
// goes (the descriptor is closed), so two runs on one doc take turns.
class DocLock {
 public:
  explicit DocLock(int fd = -1) : fd_(fd) {}
  DocLock(DocLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  DocLock& operator=(DocLock&& o) noexcept {
    std::swap(fd_, o.fd_);
    return *this;
  }
  DocLock(const DocLock&) = delete;
  DocLock& operator=(const DocLock&) = delete;
  ~DocLock();
  int get() const { return fd_; }

 private:
  int fd_;
};

// A doc read for --update-doc: the file it names (a symbolic link followed), its text (a regular
// file within the size limit, read through read_source), and with lock the lock on it. `lock` means
// the doc is to be rewritten: a doc that write_atomically (core/atomic_write.hpp) would refuse is refused here already,
// before any audit runs.
struct OpenDoc {
  std::string target;
  std::string text;
  DocLock lock;
};
std::optional<OpenDoc> open_doc(const std::string& path, bool lock, std::string* error);

enum class DocStatus { up_to_date, updated, stale, failed };

}  // namespace boundaudit::loops
