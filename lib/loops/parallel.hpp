// The one way loopaudit uses threads: an index handed out atomically, one tree-sitter parser per thread.
// Results go into slots indexed by i, so they do not depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

#include "loops/heap.hpp"
#include "loops/ts.hpp"

namespace boundaudit::loops {

// Runs work(i, parser) for i in [0, n) on up to `threads` threads, one parser per thread.
template <typename Work>
void parallel_for(std::size_t n, unsigned threads, Work work) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    ts::Parser parser;
    for (std::size_t i = next++; i < n; i = next++) work(i, parser);
  };
  if (threads <= 1) {
    run();
    return;
  }
  release_freed_memory();  // this thread only waits from here on
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(run);
  for (auto& t : pool) t.join();
}

}  // namespace boundaudit::loops
