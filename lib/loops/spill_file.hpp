// A file with no name that a run appends bytes to and reads them back from, gone with the run: where
// a run puts what it must keep but need not hold in memory (the scratch store's records, a long
// list's sites). Threads may append and read at once; each append gets its own range.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "core/descriptor.hpp"

namespace boundaudit::loops {

class SpillFile {
 public:
  // In $TMPDIR (else /tmp); nullptr when no file can be made there.
  static std::shared_ptr<SpillFile> open();

  // Where the bytes now are; nullopt when they could not all be written (a full disk).
  std::optional<std::uint64_t> append(std::string_view bytes);
  // The n bytes at offset into out; false when they cannot all be read.
  bool read(std::uint64_t offset, char* out, std::size_t n) const;

  explicit SpillFile(int fd) : fd_(fd) {}

 private:
  Descriptor fd_;
  std::mutex lock_;
  std::uint64_t end_ = 0;
};

}  // namespace boundaudit::loops
