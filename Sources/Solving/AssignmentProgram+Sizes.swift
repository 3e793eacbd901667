extension AssignmentProgram {
    /// Users are numbered densely from 0.
    public var userCount: Int { Int(columns.map(\.user).max() ?? -1) + 1 }
    /// One more than the largest server index of any column or row.
    var serverCount: Int {
        let rowMax: Int32 =
            rows.lazy.compactMap { if case .capacity(let server) = $0 { server } else { nil } }.max() ?? -1
        return Int(max(columns.map(\.server).max() ?? -1, rowMax)) + 1
    }

    /// One more than the largest base station index of any column or row.
    var stationCount: Int {
        let rowMax: Int32 =
            rows.lazy.compactMap { if case .userLimit(let station) = $0 { station } else { nil } }.max() ?? -1
        return Int(max(columns.map(\.station).max() ?? -1, rowMax)) + 1
    }

    /// The columns of each user, in column order.
    public func columnsByUser() -> [[Int]] {
        var byUser = [[Int]](repeating: [], count: userCount)
        for (column, role) in columns.enumerated() { byUser[Int(role.user)].append(column) }
        return byUser
    }
}
