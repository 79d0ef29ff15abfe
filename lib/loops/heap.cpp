#include "loops/heap.hpp"

#include <tree_sitter/api.h>
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
#include <mimalloc.h>
#endif

#include "loops/audit_tree.hpp"

namespace boundaudit::loops {

void release_freed_memory() {
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
  // mimalloc decommits freed pages only once its delay has passed, and only when the thread that
  // freed them calls into it again: collect with no delay, then put the delay back for the workers
  // (for whom it saves a decommit and commit between files).
  const long delay = mi_option_get(mi_option_decommit_delay);
  mi_option_set(mi_option_decommit_delay, 0);
  mi_collect(false);
  mi_option_set(mi_option_decommit_delay, delay);
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
