extension Array where Element == Double {
    /// The middle of the sorted values (the mean of the two middle ones for an even count), or
    /// NaN when there are none: what every benchmark reports, since one slow sample (another
    /// process taking the core) moves a mean but not a median.
    public var median: Double {
        let sorted = self.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
