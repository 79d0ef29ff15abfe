// A POSIX file descriptor owned by one object: closed on every way out, never copied.
#pragma once

#include <unistd.h>

#include <utility>

namespace boundaudit {

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  // Takes o's descriptor, closing the one held before.
  Descriptor& operator=(Descriptor&& o) noexcept {
    if (this != &o) {
      if (fd_ >= 0) ::close(fd_);
      fd_ = o.release();
    }
    return *this;
  }
  int get() const { return fd_; }
  // Gives the descriptor up (to close it and see the result, say): the owner no longer closes it.
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

}  // namespace boundaudit
