#include "loops/heap.hpp"

#include <tree_sitter/api.h>

#include <mutex>
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
#include <mimalloc.h>
#endif

#include "loops/audit_tree.hpp"

namespace boundaudit::loops {

void release_freed_memory() {
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
  // The pages emptied but kept for reuse are freed, and with no delay decommitted too. (What this
  // thread freed before under a delay stays until that delay is over and it frees again.)
  const ReleaseAtOnce now;
  mi_collect(false);
#endif
}

#ifdef BOUNDAUDIT_HAVE_MIMALLOC
namespace {
// The process's one setting, shared by every ReleaseAtOnce alive (threads may hold one each at once):
// the first one sets it to 0 and the last one puts back what was there.
struct Delay {
  std::mutex lock;
  int holders = 0;
  long saved = 0;
};
Delay& shared_delay() {
  static Delay d;
  return d;
}
}  // namespace
#endif

long ReleaseAtOnce::delay() {
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
  return mi_option_get(mi_option_decommit_delay);
#else
  return -1;
#endif
}

ReleaseAtOnce::ReleaseAtOnce() {
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
  auto& d = shared_delay();
  const std::lock_guard hold(d.lock);
  if (d.holders++ == 0) {
    d.saved = mi_option_get(mi_option_decommit_delay);
    mi_option_set(mi_option_decommit_delay, 0);
  }
#endif
}

ReleaseAtOnce::~ReleaseAtOnce() {
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
  auto& d = shared_delay();
  const std::lock_guard hold(d.lock);
  if (--d.holders == 0) mi_option_set(mi_option_decommit_delay, d.saved);
#endif
}

bool use_fast_parse_allocator() {
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
  ts_set_allocator(mi_malloc, mi_calloc, mi_realloc, mi_free);
  return true;
#else
  return false;
#endif
}

}  // namespace boundaudit::loops
