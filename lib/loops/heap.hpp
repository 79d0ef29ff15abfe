// What loopaudit asks of the allocator beyond malloc and free.
#pragma once

namespace boundaudit::loops {

// Gives the memory this thread has freed back to the system now, not after the allocator's delay.
// For a thread about to wait on others (parallel_for's caller): a waiting thread makes no calls into
// the allocator, so what it freed before (discovery's scratch, a stage's working sets) would stay in
// the process through the whole parallel step, beside what the workers take. Cheap when little was
// freed. Without mimalloc it does nothing: the C library's free gives back what it can by itself.
void release_freed_memory();

}  // namespace boundaudit::loops
