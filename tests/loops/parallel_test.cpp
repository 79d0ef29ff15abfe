#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "loops/heap.hpp"
#include "loops/parallel.hpp"

using namespace boundaudit;
using loops::Workers;

namespace {

// How often each index of [0, n) was handed out, after one step.
std::vector<int> visits(Workers& workers, std::size_t n) {
  std::vector<std::atomic<int>> seen(n);
  workers.for_each(n, [&](std::size_t i, ts::Parser&) { ++seen[i]; });
  std::vector<int> out;
  for (auto& s : seen) out.push_back(s.load());
  return out;
}

}  // namespace

TEST_CASE("every index is handed out once, step after step, whatever the team's size") {
  for (unsigned threads : {1u, 2u, 4u}) {
    CAPTURE(threads);
    Workers workers(threads, 1000);
    for (std::size_t n : {0u, 1u, 2u, 3u, 1000u}) {
      CAPTURE(n);
      CHECK(visits(workers, n) == std::vector<int>(n, 1));
    }
  }
}

TEST_CASE("a team's threads serve every step: none is made again, and the caller only waits") {
  Workers workers(2, 1000);
  std::atomic<int> threads_seen{0};  // a thread counts itself once (an id may be reused, its storage is not)
  std::atomic<int> on_caller{0};
  const auto caller = std::this_thread::get_id();
  for (int step = 0; step < 20; ++step)
    workers.for_each(200, [&](std::size_t, ts::Parser&) {
      thread_local bool counted = false;
      if (!std::exchange(counted, true)) ++threads_seen;
      on_caller += std::this_thread::get_id() == caller;
    });
  CHECK(threads_seen <= 2);  // threads made per step would count up to 40
  CHECK(on_caller == 0);
}

TEST_CASE("one thread, or one item: the caller runs the step itself") {
  const auto caller = std::this_thread::get_id();
  std::vector<std::thread::id> ran;
  Workers alone(1, 1000);
  alone.for_each(3, [&](std::size_t, ts::Parser&) { ran.push_back(std::this_thread::get_id()); });
  Workers team(4, 1000);
  team.for_each(1, [&](std::size_t, ts::Parser&) { ran.push_back(std::this_thread::get_id()); });
  CHECK(ran == std::vector<std::thread::id>(4, caller));
  Workers capped(8, 1);  // never more threads than the largest step has items
  capped.for_each(1, [&](std::size_t, ts::Parser&) { ran.push_back(std::this_thread::get_id()); });
  CHECK(ran.back() == caller);
}

TEST_CASE("each thread's parser parses, and keeps working from one step to the next") {
  Workers workers(2, 64);
  for (int step = 0; step < 3; ++step) {
    std::vector<char> clean(64, 0);
    workers.for_each(clean.size(), [&](std::size_t i, ts::Parser& parser) {
      auto tree = parser.parse("x = " + std::to_string(i) + "\nwhile x:\n    x -= 1\n");
      clean[i] = tree && !tree.root().has_error() && tree.root().is("module");
    });
    CHECK(clean == std::vector<char>(64, 1));
  }
}

TEST_CASE("threads that release memory at once at the same time leave the allocator's delay as it was") {
  const long before = loops::ReleaseAtOnce::delay();
  std::vector<std::thread> threads;
  std::atomic<int> zero_inside{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int k = 0; k < 200; ++k) {
        const loops::ReleaseAtOnce now;
        std::vector<std::string> garbage(50, std::string(1000, 'x'));
        std::this_thread::sleep_for(std::chrono::microseconds(50));  // lifetimes overlap
        zero_inside += loops::ReleaseAtOnce::delay() == (before < 0 ? -1 : 0);
        loops::release_freed_memory();
      }
    });
  for (auto& t : threads) t.join();
  CHECK(zero_inside == 800);
  CHECK(loops::ReleaseAtOnce::delay() == before);
}
