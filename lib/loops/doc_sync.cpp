#include "loops/doc_sync.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "core/atomic_write.hpp"
#include "core/diagnostic.hpp"

namespace boundaudit::loops {
namespace {

// A doc is prose with a table in it; anything this big is refused before reading.
constexpr std::size_t kMaxDocBytes = 16u << 20;

std::string errno_text() { return std::strerror(errno); }

// An exclusive flock on the regular file at target, held from the read to the rename, so two runs on
// one doc take turns and the second reads what the first wrote. The lock is on an inode, and a run
// replaces the doc's inode: when target names another file once the lock is ours, lock that one.
// An invalid Fd with no error when target is not a regular file (the read then says why).
DocLock lock_doc(const std::string& target, std::string* error) {
  while (true) {
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return DocLock();
    DocLock fd(::open(target.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) return DocLock();
    while (::flock(fd.get(), LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      *error = fmt::format("cannot lock {}: {}", target, errno_text());
      return DocLock();
    }
    struct stat locked {}, now {};
    if (::fstat(fd.get(), &locked) == 0 && ::stat(target.c_str(), &now) == 0 && locked.st_dev == now.st_dev &&
        locked.st_ino == now.st_ino)
      return fd;
  }
}

}  // namespace

DocLock::~DocLock() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<OpenDoc> open_doc(const std::string& path, bool lock, std::string* error) {
  auto target = resolve_link(path, error);
  if (!target) return std::nullopt;
  OpenDoc doc;
  doc.target = *target;
  if (lock) {
    doc.lock = lock_doc(*target, error);
    if (!error->empty()) return std::nullopt;
    struct stat st {};
    if (::stat(target->c_str(), &st) == 0 && S_ISREG(st.st_mode))
      if (auto why = replace_refusal(*target, st, "--update-doc")) {
        *error = *why;
        return std::nullopt;
      }
  }
  auto read = read_source(*target, kMaxDocBytes);
  if (!read.source) {
    *error = read.error ? read.error->message : "cannot read";
    return std::nullopt;
  }
  doc.text = std::move(read.source->text);
  return doc;
}

}  // namespace boundaudit::loops
