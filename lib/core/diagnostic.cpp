#include "core/diagnostic.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#include "core/descriptor.hpp"
#include "core/utf8.hpp"

namespace boundaudit {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note") return Severity::note;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  return std::nullopt;
}

Site site_from_zero_based(std::string path, int row, int column) {
  return Site{std::move(path), row + 1, column + 1, row + 1, column + 1};
}

namespace {

ReadResult unusable(const std::string& path, std::string message) {
  return {{}, InputError{path, std::nullopt, std::move(message)}, ReadFailure::unusable};
}

ReadResult not_regular(const std::string& path, mode_t mode) {
  if (S_ISDIR(mode)) return unusable(path, "is a directory, not a file");
  std::string_view kind = S_ISFIFO(mode)   ? "a FIFO"
                          : S_ISCHR(mode)  ? "a character device"
                          : S_ISBLK(mode)  ? "a block device"
                          : S_ISSOCK(mode) ? "a socket"
                                           : "a special file";
  return unusable(path, "is " + std::string(kind) + ", not a regular file");
}

std::string too_large(std::size_t max_bytes) {
  return "file too large (limit " + std::to_string(max_bytes) + " bytes)";
}

}  // namespace

ReadResult read_source(const std::string& path, std::size_t max_bytes) { return read_source(path, {}, max_bytes); }

ReadResult read_source(const std::string& path, std::string buffer, std::size_t max_bytes) {
  SourceFile file(path, max_bytes);
  if (file.failed()) return *file.failed();
  return file.read_whole(std::move(buffer));
}

SourceFile::SourceFile(std::string path, std::size_t max_bytes) : path_(std::move(path)), max_bytes_(max_bytes) {
  // stat first, so a device is never even opened (opening one can have effects); then open without
  // blocking (a FIFO with no writer would block a plain open for ever) and check again with fstat,
  // since the path may have been replaced in between.
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) failed_ = ReadResult{{}, InputError{path_, std::nullopt, "no such file"}};
    else if (errno == ELOOP) failed_ = unusable(path_, "symlink loop (too many levels of symbolic links)");
    else failed_ = unusable(path_, std::string("cannot read: ") + std::strerror(errno));
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    failed_ = not_regular(path_, st.st_mode);
    return;
  }
  Descriptor fd(::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    if (errno == ENOENT) failed_ = ReadResult{{}, InputError{path_, std::nullopt, "no such file"}};
    else failed_ = unusable(path_, std::string("cannot read: ") + std::strerror(errno));
    return;
  }
  if (::fstat(fd.get(), &st) != 0) {
    failed_ = unusable(path_, std::string("cannot read: ") + std::strerror(errno));
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    failed_ = not_regular(path_, st.st_mode);
    return;
  }
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_bytes_) {
    failed_ = unusable(path_, "file too large (" + std::to_string(size) + " bytes; limit " + std::to_string(max_bytes_) + ")");
    return;
  }
  size_ = static_cast<std::size_t>(size);
  fd_ = std::move(fd);
}

std::optional<InputError> SourceFile::rewind() {
  if (fd_.get() < 0) return failed_ ? failed_->error : std::nullopt;
  if (!moved_) return std::nullopt;  // nothing read yet (most files are read once)
  if (::lseek(fd_.get(), 0, SEEK_SET) != 0) return InputError{path_, std::nullopt, std::string("read error: ") + std::strerror(errno)};
  moved_ = false;
  return std::nullopt;
}

std::optional<InputError> SourceFile::read_some(char* into, std::size_t most, std::size_t* got) {
  for (;;) {
    auto n = ::read(fd_.get(), into, most);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return InputError{path_, std::nullopt, std::string("read error: ") + std::strerror(errno)};
    *got = static_cast<std::size_t>(n);
    moved_ = moved_ || n > 0;
    return std::nullopt;
  }
}

InputError SourceFile::too_large_error() const { return InputError{path_, std::nullopt, too_large(max_bytes_)}; }

ReadResult SourceFile::read_whole(std::string buffer) {
  if (failed_) return *failed_;
  if (auto error = rewind()) return {{}, std::move(error), ReadFailure::unusable};
  // Read at most max_bytes + 1 bytes: one byte past the limit tells that the file grew past it.
  std::string text = std::move(buffer);
  text.resize(size_ + 1);  // size_ <= max_bytes_ here
  std::size_t done = 0;
  while (done < max_bytes_ + 1) {
    if (done == text.size()) text.resize(std::min(max_bytes_ + 1, std::max<std::size_t>(4096, text.size() * 2)));
    std::size_t n = 0;
    if (auto error = read_some(text.data() + done, text.size() - done, &n)) return {{}, std::move(error), ReadFailure::unusable};
    if (n == 0) break;
    done += n;
  }
  if (done > max_bytes_) return unusable(path_, too_large(max_bytes_));
  text.resize(done);
  return {Source{path_, std::move(text)}, {}};
}

bool is_text_utf8(std::string_view text, int* bad_line) {
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* p = begin;
  const auto* end = p + text.size();
  while (p < end) {
    // Fast path: eight ASCII bytes with no NUL at a time (most source text).
    if (end - p >= 8) {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      constexpr std::uint64_t kHigh = 0x8080808080808080ull, kLow = 0x0101010101010101ull;
      if ((v & kHigh) == 0 && ((v - kLow) & ~v & kHigh) == 0) {
        p += 8;
        continue;
      }
    }
    if (*p == 0) break;
    const auto offset = static_cast<std::size_t>(p - begin);
    const std::size_t length = utf8_sequence_length(text.substr(offset));
    if (length == 0) break;
    p += length;
  }
  if (p == end) return true;
  if (bad_line) *bad_line = 1 + static_cast<int>(std::count(begin, p, '\n'));
  return false;
}

std::string_view line_of(std::string_view text, int line) {
  if (line < 1) return {};
  std::size_t pos = 0;
  for (int i = 1; i < line; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  auto end = text.find('\n', pos);
  auto out = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

}  // namespace boundaudit
