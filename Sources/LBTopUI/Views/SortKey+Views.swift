/// The sort keys the views offer (`s` cycles through a view's `sortKeys`).
extension SortKey {
    public static let name = SortKey("name")
    public static let state = SortKey("state")
    public static let weight = SortKey("weight")
    public static let requestRate = SortKey("req/s")
    public static let share = SortKey("share")
    public static let errors = SortKey("5xx")
    public static let errorRatio = SortKey("err%")
    public static let latency = SortKey("latency")
    public static let sessions = SortKey("sessions")
    public static let cpu = SortKey("cpu")
    public static let memory = SortKey("mem")
    public static let load = SortKey("load")
    public static let severity = SortKey("severity")
    public static let age = SortKey("age")
    public static let subject = SortKey("subject")
}
