//! Data derived from a draft's set of siblings, built once per set of sibling versions and
//! shared by every keystroke (and every draft of the same story). Keyed by the siblings' paths
//! and content hashes, so an edited sibling gives a new entry; a small number of entries is
//! kept, least recently used first out.

use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex};

use crate::engine::corpus::Sibling;

const KEEP: usize = 16;

type Entry = (TypeId, u64, Arc<dyn Any + Send + Sync>);

static CACHE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// A key for a set of siblings: their paths and content hashes, in path order.
pub fn key(siblings: &[Sibling]) -> u64 {
    // Order does not matter: a sum of per-sibling hashes. An analysis is identified by its
    // address and content hash: the cache holds every analysis it was built from, so an
    // address in it cannot be reused by another analysis while the entry lives.
    let mut k: u64 = siblings.len() as u64;
    for s in siblings {
        let p = Arc::as_ptr(&s.analysis) as usize as u64;
        let mut x = (p ^ s.analysis.doc.hash().rotate_left(17)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        x ^= x >> 31;
        k = k.wrapping_add(x.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    }
    k
}

/// The `T` built from `siblings` (sorted by path), computed once per set of sibling versions.
pub fn get<T: Any + Send + Sync>(
    siblings: &[Sibling],
    build: impl FnOnce(&[Sibling]) -> T,
) -> (u64, Arc<T>) {
    let k = key(siblings);
    let id = TypeId::of::<T>();
    {
        let mut c = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = c.iter().position(|e| e.0 == id && e.1 == k) {
            let e = c.remove(i);
            let v = e.2.clone();
            c.push(e);
            if let Ok(v) = v.downcast::<T>() {
                return (k, v);
            }
        }
    }
    let mut sorted: Vec<Sibling> = siblings.to_vec();
    sorted.sort_by(|a, b| a.analysis.doc.path().cmp(b.analysis.doc.path()));
    let v = Arc::new(build(&sorted));
    let mut c = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if !c.iter().any(|e| e.0 == id && e.1 == k) {
        if c.len() >= KEEP {
            c.remove(0);
        }
        c.push((id, k, v.clone() as Arc<dyn Any + Send + Sync>));
    }
    (k, v)
}
