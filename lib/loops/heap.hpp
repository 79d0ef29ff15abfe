// What loopaudit asks of the allocator beyond malloc and free.
#pragma once

namespace boundaudit::loops {

// Gives the memory this thread has freed and the allocator still keeps in its page lists back to the
// system now. For a thread about to wait on others: a waiting thread makes no calls into the
// allocator, so what it freed before would stay in the process through the whole wait. Without
// mimalloc it does nothing: the C library's free gives back what it can by itself.
void release_freed_memory();

// While one lives, memory that is freed goes back to the system at once, not after the allocator's
// delay: mimalloc keeps freed pages for a while (its decommit delay) and gives them back only when
// the thread that freed them later calls into it again. For a stretch where one thread works alone
// and others take over after it (discovery), what it frees would otherwise stay through their work
// while it waits. Not to be held by the threads of a parallel step while they work: there the delay
// saves a decommit and a commit between files. The setting is the process's (mimalloc has none per
// thread): it holds while any one lives (in any thread), and the delay from before comes back when
// the last one goes; so a worker that finishes its share early and releases (release_freed_memory
// holds one for the moment of its collect) takes the delay from the others still working for that
// moment, which costs them speed only. Without mimalloc it does nothing.
class ReleaseAtOnce {
 public:
  // The delay now in effect, in milliseconds (0 while one lives); -1 without mimalloc.
  static long delay();

  ReleaseAtOnce();
  ~ReleaseAtOnce();
  ReleaseAtOnce(const ReleaseAtOnce&) = delete;
  ReleaseAtOnce& operator=(const ReleaseAtOnce&) = delete;
};

}  // namespace boundaudit::loops
