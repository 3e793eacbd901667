/// "Did you mean" suggestions by edit distance.
public enum Suggestions {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        // No suggestion is ever more than 3 edits away, so a word longer than every plausible id by
        // more than that is not compared: the edit distance of a 10 MB value would take hours.
        let lowered = word.lowercased()
        let wordLength = lowered.unicodeScalars.count
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let loweredCandidate = candidate.lowercased()
            guard abs(loweredCandidate.unicodeScalars.count - wordLength) <= 3 else { continue }
            // A case-only difference is the most likely slip of all.
            let distance = loweredCandidate == lowered ? 0 : editDistance(lowered, loweredCandidate)
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        guard let best else { return nil }
        let limit = max(1, min(3, (max(word.count, best.candidate.count) + 2) / 3))
        return best.distance <= limit ? best.candidate : nil
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
