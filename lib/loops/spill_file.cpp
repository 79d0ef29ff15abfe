#include "loops/spill_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

namespace boundaudit::loops {

std::shared_ptr<SpillFile> SpillFile::open() {
  const char* env = std::getenv("TMPDIR");
  const std::string dir = env && *env ? env : "/tmp";
  // O_TMPFILE: a file with no name at all; where the file system lacks it, a named one unlinked at once.
  int raw = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
  if (raw < 0) {
    std::string name = dir + "/loopaudit-scratch-XXXXXX";
    raw = ::mkostemp(name.data(), O_CLOEXEC);
    if (raw < 0) return nullptr;
    ::unlink(name.c_str());
  }
  return std::make_shared<SpillFile>(raw);
}

std::optional<std::uint64_t> SpillFile::append(std::string_view bytes) {
  std::uint64_t offset = 0;
  {
    std::lock_guard hold(lock_);
    offset = end_;
    end_ += bytes.size();
  }
  for (std::size_t done = 0; done < bytes.size();) {
    auto n = ::pwrite(fd_.get(), bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    done += static_cast<std::size_t>(n);
  }
  return offset;
}

bool SpillFile::read(std::uint64_t offset, char* out, std::size_t n) const {
  for (std::size_t done = 0; done < n;) {
    auto got = ::pread(fd_.get(), out + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace boundaudit::loops
