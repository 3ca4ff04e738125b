import Foundation

/// A bounded least-recently-used cache of rendered files, keyed by (lesson, file, normalised options).
///
/// Bounded both by entry count and by total size, so memory stays flat however many different
/// option sets readers try. Safe to use from many requests at once.
final class PageCache<Value: Sendable>: @unchecked Sendable {
    private struct Entry {
        var value: Value
        var size: Int
        var lastUse: UInt64
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    private var totalSize = 0
    let capacity: Int
    let maxBytes: Int

    /// A cache of at most `capacity` entries and `maxBytes` bytes in all (0 entries: no caching).
    init(capacity: Int, maxBytes: Int) {
        self.capacity = capacity
        self.maxBytes = maxBytes
    }

    /// The cached value, marked as just used.
    func value(for key: String) -> Value? {
        lock.withLock { () -> Value? in
            guard var entry = entries[key] else { return nil }
            clock += 1
            entry.lastUse = clock
            entries[key] = entry
            return entry.value
        }
    }

    /// Stores a value, evicting the least recently used entries beyond the bounds.
    func store(_ value: Value, size: Int, for key: String) {
        guard capacity > 0, size <= maxBytes else { return }
        lock.withLock {
            clock += 1
            if let old = entries[key] { totalSize -= old.size }
            entries[key] = Entry(value: value, size: size, lastUse: clock)
            totalSize += size
            while entries.count > capacity || totalSize > maxBytes {
                // A linear scan: the cache holds a few hundred entries, and eviction happens once per miss.
                guard let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) else { break }
                totalSize -= oldest.value.size
                entries[oldest.key] = nil
            }
        }
    }

    /// Entries and bytes held now.
    var usage: (entries: Int, bytes: Int) {
        lock.withLock { (entries.count, totalSize) }
    }
}
