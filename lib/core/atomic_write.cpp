#include "core/atomic_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace boundaudit {
namespace {

namespace fs = std::filesystem;

std::string errno_text() { return std::strerror(errno); }

}  // namespace

std::optional<std::string> resolve_link(const std::string& path, std::string* error) {
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

std::optional<std::string> replace_refusal(const std::string& target, const struct stat& st, std::string_view writer) {
  if (S_ISDIR(st.st_mode)) return fmt::format("{} is a directory, not a file; {} does not replace it", target, writer);
  if (::access(target.c_str(), W_OK) != 0 || (st.st_mode & 0222) == 0)
    return fmt::format("{} is read-only (no write permission); {} does not replace it", target, writer);
  if (st.st_nlink > 1)
    return fmt::format("{} has {} hard links; replacing it would split them, so {} does not (update "
                       "a copy with one link, then copy it over)",
                       target, st.st_nlink, writer);
  return std::nullopt;
}

bool write_atomically(const std::string& path, std::string_view text, std::string_view writer, std::string* error) {
  auto resolved = resolve_link(path, error);
  if (!resolved) return false;
  const fs::path target = *resolved;
  struct stat st {};
  const bool existed = ::stat(target.c_str(), &st) == 0;
  if (existed)
    if (auto why = replace_refusal(target.string(), st, writer)) {
      *error = *why;
      return false;
    }
  fs::path dir = target.parent_path();
  std::string tmp =
      (dir.empty() ? fs::path(".") : dir).string() + "/." + target.filename().string() + ".boundaudit-XXXXXX";
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
  // The new file takes the old one's owner, group and mode before it replaces it (owner first: a
  // chown clears set-id bits). When that is not allowed the file is left as it was.
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

}  // namespace boundaudit
