#include "loops/doc_sync.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "core/diagnostic.hpp"

namespace boundaudit::loops {
namespace {

namespace fs = std::filesystem;

// A doc is prose with a table in it; anything this big is refused before reading.
constexpr std::size_t kMaxDocBytes = 16u << 20;

std::string errno_text() { return std::strerror(errno); }

}  // namespace

namespace {

// The file a path names: a symbolic link is followed to its target, so the rename replaces the
// target and the link stays.
std::optional<std::string> resolve(const std::string& path, std::string* error) {
  std::error_code ec;
  fs::path target = path;
  if (fs::is_symlink(fs::symlink_status(target, ec))) {
    target = fs::canonical(target, ec);
    if (ec) {
      *error = fmt::format("cannot resolve symbolic link {}: {}", path, ec.message());
      return std::nullopt;
    }
  }
  return target.string();
}

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

// Why the doc at target (already stat'ed) must not be replaced, or nullopt. A doc without write
// permission is one its owner protected (a rename in a writable directory would replace it all the
// same); a doc with more than one hard link would be split from its other names by the rename, and
// writing it in place instead could leave a half file on a failed write: both are refused, the doc
// untouched. Write permission counts for the user running (access) and, since root passes access,
// as the mode's write bits too.
std::optional<std::string> refusal(const std::string& target, const struct stat& st) {
  if (::access(target.c_str(), W_OK) != 0 || (st.st_mode & 0222) == 0)
    return fmt::format("{} is read-only (no write permission); --update-doc does not replace it", target);
  if (st.st_nlink > 1)
    return fmt::format("{} has {} hard links; replacing it would split them, so --update-doc does not (update "
                       "a copy with one link, then copy it over)",
                       target, st.st_nlink);
  return std::nullopt;
}

}  // namespace

bool write_atomically(const std::string& path, std::string_view text, std::string* error) {
  auto resolved = resolve(path, error);
  if (!resolved) return false;
  const fs::path target = *resolved;
  struct stat st {};
  const bool existed = ::stat(target.c_str(), &st) == 0;
  if (existed)
    if (auto why = refusal(target.string(), st)) {
      *error = *why;
      return false;
    }
  fs::path dir = target.parent_path();
  std::string tmp = (dir.empty() ? fs::path(".") : dir).string() + "/." + target.filename().string() + ".loopaudit-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    *error = fmt::format("cannot create a temporary file next to {}: {}", path, errno_text());
    return false;
  }
  auto fail = [&](std::string what) {
    *error = fmt::format("{} {}: {}", what, tmp, errno_text());
    ::close(fd);
    ::unlink(tmp.c_str());
    return false;
  };
  std::size_t done = 0;
  while (done < text.size()) {
    auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write");
    done += static_cast<std::size_t>(n);
  }
  // The new file takes the doc's owner, group and mode before it replaces the doc (owner first: a
  // chown clears set-id bits). When that is not allowed the doc is left as it was.
  if (existed && ::fchown(fd, st.st_uid, st.st_gid) != 0) {
    *error = fmt::format("cannot keep the owner and group ({}:{}) of {}: {}; left unchanged", st.st_uid, st.st_gid,
                         target.string(), errno_text());
    ::close(fd);
    ::unlink(tmp.c_str());
    return false;
  }
  if (::fchmod(fd, existed ? (st.st_mode & 07777) : 0644) != 0) return fail("cannot set permissions of");
  if (::fsync(fd) != 0) return fail("cannot flush");
  if (::close(fd) != 0) {
    *error = fmt::format("cannot close {}: {}", tmp, errno_text());
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    *error = fmt::format("cannot replace {}: {}", target.string(), errno_text());
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

DocLock::~DocLock() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<OpenDoc> open_doc(const std::string& path, bool lock, std::string* error) {
  auto target = resolve(path, error);
  if (!target) return std::nullopt;
  OpenDoc doc;
  doc.target = *target;
  if (lock) {
    doc.lock = lock_doc(*target, error);
    if (!error->empty()) return std::nullopt;
    struct stat st {};
    if (::stat(target->c_str(), &st) == 0 && S_ISREG(st.st_mode))
      if (auto why = refusal(*target, st)) {
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
