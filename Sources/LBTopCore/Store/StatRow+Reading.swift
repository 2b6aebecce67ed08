extension StatRow {
    /// Becomes `newer`, a later reading of the same row: the numbers are taken, and a text field
    /// is assigned only when it changed. Statuses, check results and addresses rarely change
    /// between polls, so assigning the whole row retained and released a dozen strings a row,
    /// for a thousand rows every poll, to keep the same values.
    mutating func takeReading(_ newer: StatRow) {
        numbers = newer.numbers
        kind = newer.kind
        Self.assign(&proxy, newer.proxy)
        Self.assign(&name, newer.name)
        Self.assign(&status, newer.status)
        Self.assign(&checkStatus, newer.checkStatus)
        Self.assign(&lastCheck, newer.lastCheck)
        Self.assign(&address, newer.address)
        Self.assign(&mode, newer.mode)
        Self.assign(&algorithm, newer.algorithm)
        Self.assign(&tracked, newer.tracked)
        Self.assign(&cookie, newer.cookie)
        Self.assign(&lastAgent, newer.lastAgent)
        Self.assign(&agentStatus, newer.agentStatus)
    }

    @inline(__always)
    private static func assign<Value: Equatable>(_ field: inout Value, _ value: Value) {
        if field != value { field = value }
    }
}
