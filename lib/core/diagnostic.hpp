// Value types shared by every tool: where something is, what was found, what could not be read.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/descriptor.hpp"

namespace boundaudit {

enum class Severity { note = 0, warning = 1, error = 2 };

std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view text);

// A 1-based source range. Converted exactly once from a 0-based TSPoint or YAML::Mark
// (see site_from_zero_based); a 0 line means "the whole file".
struct Site {
  std::string path;
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;

  auto operator<=>(const Site&) const = default;
};

Site site_from_zero_based(std::string path, int row, int column);

// One finding of one rule. `subject` names what it is about (a service, a function) when known.
struct Finding {
  std::string code;
  Severity severity = Severity::error;
  Site site;
  std::string message;
  std::string subject;
  std::vector<std::string> notes;
  std::string fix;

  // Ordered by place first, so output is deterministic and reads top to bottom.
  auto operator<=>(const Finding& o) const {
    return std::tie(site, code, severity, message, subject, notes, fix) <=>
           std::tie(o.site, o.code, o.severity, o.message, o.subject, o.notes, o.fix);
  }
  bool operator==(const Finding&) const = default;
};

// Input that could not be used (unreadable file, broken YAML, ...). line is 1-based when known.
struct InputError {
  std::string path;
  std::optional<int> line;
  std::string message;

  auto operator<=>(const InputError&) const = default;
};

// A rule's metadata, kept beside its logic.
struct RuleInfo {
  std::string_view code;     // stable: "CL001"
  std::string_view name;     // kebab-case: "missing-memory-limit"
  Severity severity;         // default severity
  std::string_view summary;  // one line
};

// A file's contents as handed to the library, so tests can run in memory.
struct Source {
  std::string path;
  std::string text;
};

// Why a file could not be read: it is not there (an optional file such as the default `.env` may be
// absent), or it is there but cannot be used (not a regular file, too large, unreadable).
enum class ReadFailure { missing, unusable };

struct ReadResult {
  std::optional<Source> source;
  std::optional<InputError> error;
  ReadFailure failure = ReadFailure::missing;  // meaningful only with `error`
};

// The one way the tools read a file (sources, compose files, `.env`, `.gitignore`, docs). Only
// regular files are read: a FIFO, device, socket or directory is refused with an InputError ("is a
// FIFO, not a regular file") without blocking, since the file is opened with O_NONBLOCK and checked
// with fstat before anything is read. A file larger than max_bytes is refused before reading, and no
// more than max_bytes + 1 bytes are ever read (a file that grows while being read is refused too).
ReadResult read_source(const std::string& path, std::size_t max_bytes = 64u << 20);
// The same, reading into buffer's memory (a caller that reads many files hands each text's string
// back for the next one, so that its memory is allocated once, at the largest file's size).
ReadResult read_source(const std::string& path, std::string buffer, std::size_t max_bytes = 64u << 20);

// A file opened the way read_source opens one (the same checks, the same errors), for a caller that
// reads a large file a block at a time and holds it whole only when it must.
class SourceFile {
 public:
  explicit SourceFile(std::string path, std::size_t max_bytes = 64u << 20);

  // Set when the file could not be opened (what read_source would return).
  const std::optional<ReadResult>& failed() const { return failed_; }
  // The size at opening (0 when it failed).
  std::size_t size() const { return size_; }
  // The file from its start, as read_source reads it, into buffer's memory.
  ReadResult read_whole(std::string buffer);
  // Calls on_block(bytes) for each block of at most `block` bytes, read into *buffer's memory, from
  // the file's start until the end or until on_block returns false. The error when a read fails or
  // the file grows past max_bytes (on_block has then seen part of it).
  template <class OnBlock>
  std::optional<InputError> scan(std::string* buffer, std::size_t block, OnBlock on_block) {
    if (auto error = rewind()) return error;
    buffer->resize(block);
    for (std::size_t done = 0;;) {
      std::size_t n = 0;
      if (auto error = read_some(buffer->data(), block, &n)) return error;
      if (n == 0) return std::nullopt;
      if ((done += n) > max_bytes_) return too_large_error();
      if (!on_block(std::string_view(buffer->data(), n))) return std::nullopt;
    }
  }

 private:
  std::optional<InputError> rewind();
  std::optional<InputError> read_some(char* into, std::size_t most, std::size_t* got);
  InputError too_large_error() const;

  std::string path_;
  std::size_t max_bytes_;
  Descriptor fd_{-1};
  bool moved_ = false;  // the file offset is past the start
  std::size_t size_ = 0;
  std::optional<ReadResult> failed_;
};

// True when text is valid UTF-8 without NUL bytes: no overlong forms, no surrogates (U+D800..DFFF,
// bytes ED A0..BF), nothing above U+10FFFF. On failure, sets *bad_line to the 1-based line.
bool is_text_utf8(std::string_view text, int* bad_line = nullptr);

// The 1-based line `line` of text, without its newline; empty when out of range.
std::string_view line_of(std::string_view text, int line);

}  // namespace boundaudit
