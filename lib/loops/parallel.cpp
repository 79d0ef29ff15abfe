#include "loops/parallel.hpp"

#include <algorithm>

#include "loops/heap.hpp"

namespace boundaudit::loops {

Workers::Workers(unsigned threads, std::size_t most) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, most));
  if (threads <= 1) return;
  team_.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) team_.emplace_back([this] { serve(); });
}

Workers::~Workers() {
  {
    std::lock_guard hold(lock_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : team_) t.join();
}

void Workers::run(Step step) {
  release_freed_memory();  // this thread only waits from here on
  {
    std::lock_guard hold(lock_);
    step_ = step;
    next_ = 0;
    busy_ = static_cast<unsigned>(team_.size());
    ++generation_;
  }
  wake_.notify_all();
  std::unique_lock hold(lock_);
  finished_.wait(hold, [&] { return busy_ == 0; });
}

void Workers::serve() {
  ts::Parser parser;
  std::uint64_t seen = 0;
  std::unique_lock hold(lock_);
  for (;;) {
    wake_.wait(hold, [&] { return stop_ || generation_ != seen; });
    if (stop_) return;
    seen = generation_;
    const Step step = step_;
    hold.unlock();
    for (std::size_t i = next_++; i < step.n; i = next_++) step.call(step.work, i, parser);
    release_freed_memory();  // idle until the next step: what this thread freed would stay until then
    hold.lock();
    if (--busy_ == 0) finished_.notify_one();
  }
}

}  // namespace boundaudit::loops
