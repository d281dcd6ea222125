//! The allocator: mimalloc.
//!
//! The engine allocates many small strings and vectors (derived forms and
//! fst nodes while building, keys while tagging); mimalloc serves them
//! faster than glibc's malloc. The `mimalloc` crate asks for every block
//! with `mi_malloc_aligned`, whose slow path (an empty free list) takes
//! mimalloc's generic aligned route for any size not a power of two, even
//! at alignment 1: a 20,000-entity build ran 7% more instructions. Every
//! mimalloc block is aligned to a word at least (its size classes are whole
//! words, its pages start 16-aligned), so blocks aligned to a word or less,
//! and no smaller than their alignment, come from plain `mi_malloc`, as
//! Rust's `System` allocator does for glibc's 16.

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned, mi_zalloc, mi_zalloc_aligned,
};
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// Alignment every mimalloc block has: a word.
const MIN_ALIGN: usize = std::mem::size_of::<usize>();

/// Whether a plain block of `size` bytes is aligned enough for `align`.
#[inline]
fn plain(align: usize, size: usize) -> bool {
    align <= MIN_ALIGN && align <= size
}

pub struct MiMalloc;

// SAFETY: each method hands back a block of mimalloc's of at least the
// size asked, aligned as asked (plain calls only where `MIN_ALIGN` covers
// the layout's alignment and the size is no smaller than it), or null;
// blocks are freed and resized only by mimalloc, which tells plain and
// aligned blocks apart by itself.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi_malloc(layout.size()).cast()
        } else {
            mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi_zalloc(layout.size()).cast()
        } else {
            mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi_free(ptr.cast::<c_void>());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(layout.align(), new_size) {
            mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks come back aligned as asked, keep their bytes when resized
    /// (across size classes and into large blocks), and zeroed when asked.
    #[test]
    fn blocks_are_aligned_sized_and_kept() {
        let a = MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 4096] {
            for size in [1, 3, 7, 8, 9, 24, 100, 4000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null() && p as usize % align == 0, "size {size} align {align}");
                    std::ptr::write_bytes(p, 0xAB, size);
                    let bigger = size * 3 + 1;
                    let q = a.realloc(p, layout, bigger);
                    assert!(!q.is_null() && q as usize % align == 0, "realloc size {size} align {align}");
                    assert!(std::slice::from_raw_parts(q, size).iter().all(|&b| b == 0xAB));
                    a.dealloc(q, Layout::from_size_align(bigger, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert!(!z.is_null() && z as usize % align == 0);
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
