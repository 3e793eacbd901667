/// The samples read so far, by vehicle in order of first appearance. This is all the memory a
/// reader keeps that grows with the trace.
struct TrajectoryStore {
    /// What happened to a sample offered to `append`.
    enum Outcome {
        case appended
        /// The sample was dropped: its time is not after the vehicle's previous sample.
        case outOfOrder(previousTimeSeconds: Double, previousPosition: TextPosition)
    }

    private var indexByID: [String: Int] = [:]
    private(set) var ids: [String] = []
    private(set) var samples: [[TraceSample]] = []
    private(set) var firstPositions: [TextPosition] = []
    /// Where each vehicle's latest sample was written, for the note of an out-of-order sample.
    private var lastPositions: [TextPosition] = []

    var isEmpty: Bool { ids.isEmpty }

    mutating func append(id: String, sample: TraceSample, at position: TextPosition) -> Outcome {
        guard let index = indexByID[id] else {
            indexByID[id] = ids.count
            ids.append(id)
            samples.append([sample])
            firstPositions.append(position)
            lastPositions.append(position)
            return .appended
        }
        // A vehicle always has a sample once it has an index.
        let previous = samples[index][samples[index].count - 1].timeSeconds
        guard sample.timeSeconds > previous else {
            return .outOfOrder(previousTimeSeconds: previous, previousPosition: lastPositions[index])
        }
        samples[index].append(sample)
        lastPositions[index] = position
        return .appended
    }

    /// The trajectories, with locations in `reporter`'s file.
    func trajectories(reporter: TraceErrorReporter) -> [TraceTrajectory] {
        ids.indices.map { index in
            TraceTrajectory(
                id: ids[index], samples: samples[index], firstLocation: reporter.location(firstPositions[index]))
        }
    }
}
