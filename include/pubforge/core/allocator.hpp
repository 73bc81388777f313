// Process-wide allocator policy for programs that decode and analyse many images.
#pragma once

namespace pubforge {

// Keeps freed memory in the process instead of returning it to the system after each
// figure. Decoding and panel detection allocate several full-size buffers per image;
// with glibc's defaults each one is fresh mmap'd memory whose every page faults on
// first touch, which costs more than the work done in it. Call once, early in main();
// a no-op where the C library is not glibc.
void retain_freed_memory();

}  // namespace pubforge
