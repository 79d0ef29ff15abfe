// --update-doc: keeps the audit section of a markdown file true.
//
// The region between a line `<!-- loopaudit:begin -->` and a line `<!-- loopaudit:end -->` (each
// alone on its line, outside fenced code blocks, exactly one of each) is replaced by a blank line,
// the generated markdown and a blank line. Nothing outside the region changes, CRLF files keep CRLF,
// and the file is replaced atomically (a temporary file in the same directory, then rename), so a
// reader never sees a half-written file. An unchanged region is not rewritten. A run holds an flock on
// the doc from its read to the rename, so concurrent runs take turns.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace boundaudit::loops {

inline constexpr std::string_view kDocBegin = "<!-- loopaudit:begin -->";
inline constexpr std::string_view kDocEnd = "<!-- loopaudit:end -->";

// doc with its region replaced by region. Returns false with *error set when the markers are
// missing, repeated or out of order.
bool splice_region(std::string_view doc, std::string_view region, std::string* out, std::string* error);

// A short line diff of two texts: `@@ line N @@` hunks of -/+ lines, at most max_lines of them.
std::string line_diff(std::string_view before, std::string_view after, std::size_t max_lines = 40);

// Writes text to path through a temporary file in the same directory and a rename; keeps the
// file's owner, group and mode (or fails, leaving the file alone, when they cannot be kept) and
// follows a symbolic link to its target.
bool write_atomically(const std::string& path, std::string_view text, std::string* error);

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
// file within the size limit, read through read_source), and with lock the lock on it.
struct OpenDoc {
  std::string target;
  std::string text;
  DocLock lock;
};
std::optional<OpenDoc> open_doc(const std::string& path, bool lock, std::string* error);

enum class DocStatus { up_to_date, updated, stale, failed };

struct DocSyncResult {
  DocStatus status = DocStatus::failed;
  std::string message;  // one line: "AUDIT.md: updated", or why it failed
  std::string diff;     // for stale (check) and updated: what changed
};

// Updates (or with check, only compares) the region of the markdown file at path.
DocSyncResult sync_doc(const std::string& path, std::string_view region, bool check);

}  // namespace boundaudit::loops
