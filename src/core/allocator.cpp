// Allocator policy: big image buffers are recycled inside the process instead of unmapped (see allocator.hpp).
#include "pubforge/core/allocator.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace pubforge {

void retain_freed_memory() {
#if defined(__GLIBC__)
    // Buffers up to 256 MiB come from the heap (re-used) rather than fresh mappings,
    // and up to 512 MiB of free heap stays mapped between figures.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}

}  // namespace pubforge
