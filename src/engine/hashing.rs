//! Hashes and hash maps the engine shares: a map for keys that are already hashes or small
//! ids, the word and pair hashes the rule families key their tables with, and [`Memo`], the
//! bounded cache behind everything a keystroke reuses by text (a paragraph's tokens, a line's
//! debris facts, a paragraph's findings).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::Mutex;

/// A hasher for keys that are already hashes (term hashes, ids): no rehashing.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Mix so that ids 0, 1, 2… still spread over the table, and fold in what was written
        // before: a tuple key (paragraph hash, environment) must not hash as its last field.
        let x = self.0.rotate_left(26) ^ n;
        self.0 = x.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (x >> 29);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

/// A `HashMap` keyed by hashes or small ids.
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A `HashSet` of hashes or small ids.
pub type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// A text's hash for table keys. Never zero, so zero can mean "no word".
pub fn hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes()) | 1
}

/// Two hashes combined, order mattering.
pub fn pair(a: u64, b: u64) -> u64 {
    a.rotate_left(17) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5bd1_e995
}

/// A process-wide cache of values worked out from text, for `static`s, in two generations.
/// When the young one holds `cap / 2` values and another comes, it becomes the old one and the
/// previous old one goes; a value found in the old generation moves back to the young one
/// (while that holds fewer than `cap`, so never more than `2 × cap` entries in all). So what
/// keystrokes keep asking for stays, what they stopped asking for goes, and no keystroke finds
/// the cache empty. Values are computed without holding the lock.
pub struct Memo<K, V> {
    cap: usize,
    map: Mutex<Option<Generations<K, V>>>,
}

struct Generations<K, V> {
    young: IdMap<K, V>,
    old: IdMap<K, V>,
}

impl<K: Hash + Eq, V: Clone> Generations<K, V> {
    fn get(&mut self, cap: usize, key: &K) -> Option<V> {
        if let Some(v) = self.young.get(key) {
            return Some(v.clone());
        }
        let v = self.old.get(key)?.clone();
        if self.young.len() < cap {
            if let Some((k, v)) = self.old.remove_entry(key) {
                self.young.insert(k, v);
            }
        }
        Some(v)
    }

    fn insert(&mut self, cap: usize, key: K, value: V) {
        if self.young.len() >= (cap / 2).max(1) {
            self.old = std::mem::take(&mut self.young);
        }
        self.young.insert(key, value);
    }
}

/// How far every memo's size is shrunk (a right shift of its capacity); see [`shrink_memos`].
static CAP_SHIFT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Make every memo keep `1 / 2^shift` of what it was built to keep. For one-shot runs
/// (`copydesk check`), where no keystroke comes back for what a memo kept: over 10,000
/// articles the memos fill to their bounds and hold more memory than the workspace.
pub fn shrink_memos(shift: u32) {
    CAP_SHIFT.store(shift.min(16), std::sync::atomic::Ordering::Relaxed);
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    fn cap(&self) -> usize {
        (self.cap >> CAP_SHIFT.load(std::sync::atomic::Ordering::Relaxed)).max(2)
    }

    pub const fn new(cap: usize) -> Memo<K, V> {
        Memo {
            cap,
            map: Mutex::new(None),
        }
    }

    /// The generations, under the lock (created on first use: a `static` cannot allocate).
    fn with<R>(&self, f: impl FnOnce(&mut Generations<K, V>) -> R) -> R {
        let mut g = self.map.lock().unwrap_or_else(|e| e.into_inner());
        f(g.get_or_insert_with(|| Generations {
            young: IdMap::default(),
            old: IdMap::default(),
        }))
    }

    pub fn get(&self, key: &K) -> Option<V> {
        self.with(|m| m.get(self.cap(), key))
    }

    pub fn insert(&self, key: K, value: V) {
        self.with(|m| m.insert(self.cap(), key, value));
    }

    /// Several lookups under one lock.
    fn get_many(&self, keys: &[K]) -> Vec<Option<V>> {
        let cap = self.cap();
        self.with(|m| keys.iter().map(|k| m.get(cap, k)).collect())
    }

    /// Several insertions under one lock.
    fn insert_many(&self, items: Vec<(K, V)>) {
        if items.is_empty() {
            return;
        }
        let cap = self.cap();
        self.with(|m| {
            for (k, v) in items {
                m.insert(cap, k, v);
            }
        });
    }

    /// The cached value for `key`, or `make()` cached.
    pub fn get_or_insert_with(&self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some(v) = self.get(&key) {
            return v;
        }
        let v = make();
        self.insert(key, v.clone());
        v
    }

    /// The cached value for each of `keys`, or `make(i)` for the `i`th cached: one lock to
    /// look them up, one to store what was made (never held while making).
    pub fn get_or_insert_many(&self, keys: &[K], mut make: impl FnMut(usize) -> V) -> Vec<V>
    where
        K: Clone,
    {
        let mut new = Vec::new();
        let out = self
            .get_many(keys)
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                v.unwrap_or_else(|| {
                    let v = make(i);
                    new.push((keys[i].clone(), v.clone()));
                    v
                })
            })
            .collect();
        self.insert_many(new);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuple_keys_hash_by_every_field() {
        use std::hash::BuildHasher;
        let b = BuildHasherDefault::<IdHasher>::default();
        // Keys that share their last field must still spread: a memo keyed by
        // (paragraph, environment) holds thousands of them.
        let hashes: HashSet<u64> = (0..1000u64).map(|p| b.hash_one((p, 7u64))).collect();
        assert_eq!(hashes.len(), 1000);
        assert_ne!(b.hash_one((1u64, 2u64)), b.hash_one((2u64, 1u64)));
    }

    #[test]
    fn memo_keeps_what_is_still_asked_for() {
        static M: Memo<u64, u64> = Memo::new(4);
        let calls = std::cell::Cell::new(0);
        let get = |k: u64| {
            M.get_or_insert_with(k, || {
                calls.set(calls.get() + 1);
                k * 10
            })
        };
        assert_eq!(get(1), 10);
        assert_eq!(get(2), 20);
        // The young generation is full: 1 and 2 become the old one.
        assert_eq!(get(3), 30);
        // 1 is still there, and comes back to the young generation.
        assert_eq!(get(1), 10);
        assert_eq!(calls.get(), 3);
        // 3 and 1 become old, 2 goes.
        assert_eq!(get(4), 40);
        assert_eq!(get(2), 20);
        assert_eq!(get(1), 10);
        assert_eq!(calls.get(), 5);
    }
}
