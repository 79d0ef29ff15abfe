#include "loops/doc_sync.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/diagnostic.hpp"

namespace boundaudit::loops {
namespace {

namespace fs = std::filesystem;

// A doc is prose with a table in it; anything this big is refused before reading.
constexpr std::size_t kMaxDocBytes = 16u << 20;

struct Line {
  std::size_t begin;  // offset of the first character
  std::size_t next;   // offset after the line's newline
  std::string_view text;  // without newline and trailing '\r'
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    auto line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({pos, next, line});
    pos = next;
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_fence(std::string_view line) {
  auto t = trim(line);
  return t.starts_with("```") || t.starts_with("~~~");
}

std::string_view fence_char(std::string_view line) { return trim(line).substr(0, 3); }

std::string errno_text() { return std::strerror(errno); }

}  // namespace

bool splice_region(std::string_view doc, std::string_view region, std::string* out, std::string* error) {
  auto lines = split_lines(doc);
  std::optional<std::size_t> begin, end;
  int begins = 0, ends = 0;
  std::string_view fence;  // the open fence's characters, empty outside fences
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto text = lines[i].text;
    if (is_fence(text)) {
      if (fence.empty()) fence = fence_char(text);
      else if (fence_char(text) == fence) fence = {};
      continue;
    }
    if (!fence.empty()) continue;
    if (trim(text) == kDocBegin && ++begins == 1) begin = i;
    if (trim(text) == kDocEnd && ++ends == 1) end = i;
  }
  if (begins == 0 || ends == 0) {
    *error = fmt::format("no `{}` line{}; add the two marker lines `{}` and `{}` where the audit belongs",
                         begins == 0 ? kDocBegin : kDocEnd, begins == 0 && ends == 0 ? " (nor an end marker)" : "",
                         kDocBegin, kDocEnd);
    return false;
  }
  if (begins > 1 || ends > 1) {
    *error = fmt::format("the `{}` marker appears {} times; keep exactly one", begins > 1 ? kDocBegin : kDocEnd,
                         begins > 1 ? begins : ends);
    return false;
  }
  if (*end < *begin) {
    *error = fmt::format("the end marker (line {}) comes before the begin marker (line {})", *end + 1, *begin + 1);
    return false;
  }
  const Line& b = lines[*begin];
  const bool crlf = b.next >= 2 && doc[b.next - 1] == '\n' && doc[b.next - 2] == '\r';
  const std::string_view eol = crlf ? "\r\n" : "\n";
  while (!region.empty() && (region.back() == '\n' || region.back() == '\r')) region.remove_suffix(1);

  std::string middle(eol);
  if (!region.empty()) {
    for (auto& line : split_lines(region)) {
      middle += line.text;
      middle += eol;
    }
    middle += eol;
  }
  out->assign(doc.substr(0, b.next));
  *out += middle;
  out->append(doc.substr(lines[*end].begin));
  return true;
}

std::string line_diff(std::string_view before, std::string_view after, std::size_t max_lines) {
  auto a = split_lines(before);
  auto b = split_lines(after);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix].text == b[prefix].text) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix].text == b[b.size() - 1 - suffix].text)
    ++suffix;
  const std::size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;

  // Edit script over the differing middle: LCS when small enough, else everything replaced.
  struct Edit { char op; std::size_t line; std::string_view text; };  // line: 0-based in `before`
  std::vector<Edit> edits;
  if (n * m <= 4'000'000) {
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        lcs[i][j] = a[prefix + i].text == b[prefix + j].text ? lcs[i + 1][j + 1] + 1
                                                             : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i].text == b[prefix + j].text) {
        edits.push_back({'=', prefix + i, a[prefix + i].text});
        ++i, ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        edits.push_back({'-', prefix + i, a[prefix + i].text});
        ++i;
      } else {
        edits.push_back({'+', prefix + i, b[prefix + j].text});
        ++j;
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) edits.push_back({'-', prefix + i, a[prefix + i].text});
    for (std::size_t j = 0; j < m; ++j) edits.push_back({'+', prefix + n, b[prefix + j].text});
  }

  std::string out;
  std::size_t shown = 0, hidden = 0;
  bool in_hunk = false;
  for (const auto& e : edits) {
    if (e.op == '=') {
      in_hunk = false;
      continue;
    }
    if (shown >= max_lines) {
      ++hidden;
      continue;
    }
    if (!in_hunk) out += fmt::format("@@ line {} @@\n", e.line + 1);
    in_hunk = true;
    out += fmt::format("{}{}\n", e.op, e.text);
    ++shown;
  }
  if (hidden > 0) out += fmt::format("... and {} more changed line{}\n", hidden, hidden == 1 ? "" : "s");
  return out;
}

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

}  // namespace

bool write_atomically(const std::string& path, std::string_view text, std::string* error) {
  auto resolved = resolve(path, error);
  if (!resolved) return false;
  const fs::path target = *resolved;
  struct stat st {};
  const bool existed = ::stat(target.c_str(), &st) == 0;
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
  }
  auto read = read_source(*target, kMaxDocBytes);
  if (!read.source) {
    *error = read.error ? read.error->message : "cannot read";
    return std::nullopt;
  }
  doc.text = std::move(read.source->text);
  return doc;
}

DocSyncResult sync_doc(const std::string& path, std::string_view region, bool check) {
  DocSyncResult r;
  std::string error;
  auto opened = open_doc(path, !check, &error);  // the lock is held until the new doc is in place
  if (!opened) {
    r.message = fmt::format("{}: {}", path, error);
    return r;
  }
  const std::string& doc = opened->text;
  const std::string* target = &opened->target;
  std::string updated;
  if (!splice_region(doc, region, &updated, &error)) {
    r.message = fmt::format("{}: {}", path, error);
    return r;
  }
  if (updated == doc) {
    r.status = DocStatus::up_to_date;
    r.message = fmt::format("{}: the loopaudit section is up to date", path);
    return r;
  }
  r.diff = line_diff(doc, updated);
  if (check) {
    r.status = DocStatus::stale;
    r.message = fmt::format("{}: the loopaudit section is stale; run loopaudit --update-doc {} with the same paths", path, path);
    return r;
  }
  if (!write_atomically(*target, updated, &error)) {
    r.message = fmt::format("{}: {}", path, error);
    return r;
  }
  r.status = DocStatus::updated;
  r.message = fmt::format("{}: updated the loopaudit section", path);
  return r;
}

}  // namespace boundaudit::loops
