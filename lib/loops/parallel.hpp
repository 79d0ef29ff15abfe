// The one way loopaudit uses threads: a team made once for an audit, each member with its own
// tree-sitter parser, running one parallel step after another (threads made for each step left the
// allocator a heap to abandon each time, and a parser to make). Indices are handed out atomically
// and results go into slots indexed by i, so they do not depend on the thread count.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#include "loops/ts.hpp"

namespace boundaudit::loops {

class Workers {
 public:
  // threads = 0: one per core; never more than `most` (the largest step's size). With one, every step
  // runs on the calling thread.
  Workers(unsigned threads, std::size_t most);
  ~Workers();
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  // Runs work(i, parser) for i in [0, n) and returns when all are done. Not to be called from work.
  template <typename Work>
  void for_each(std::size_t n, Work&& work) {
    if (team_.empty() || n == 1) {
      for (std::size_t i = 0; i < n; ++i) work(i, parser_);
      return;
    }
    if (n == 0) return;
    using W = std::remove_reference_t<Work>;
    run({n, const_cast<void*>(static_cast<const void*>(&work)),
         [](void* w, std::size_t i, ts::Parser& p) { (*static_cast<W*>(w))(i, p); }});
  }

 private:
  struct Step {
    std::size_t n = 0;
    void* work = nullptr;
    void (*call)(void*, std::size_t, ts::Parser&) = nullptr;
  };
  void run(Step step);
  void serve();

  ts::Parser parser_;  // the calling thread's, for steps it runs itself
  std::mutex lock_;
  std::condition_variable wake_, finished_;
  Step step_;
  std::uint64_t generation_ = 0;  // steps started
  unsigned busy_ = 0;             // members still in the current step
  bool stop_ = false;
  std::atomic<std::size_t> next_{0};
  std::vector<std::thread> team_;
};

}  // namespace boundaudit::loops
