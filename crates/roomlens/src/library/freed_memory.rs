//! Gives back to the system the memory a walk over a kept report used and freed (its pieces, its
//! sort keys): with glibc, freed memory otherwise stays with the process, and the window would keep
//! the size of its largest walk. It frees nothing itself and does nothing on other systems.

/// Returns freed heap memory to the system where the allocator keeps it (glibc on Linux).
pub(super) fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of glibc's own heaps to the system; it touches
    // no memory in use and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
