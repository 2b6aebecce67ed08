import Testing

/// Every end-to-end suite nests here and runs one test at a time: each starts real processes
/// (haproxy, node_exporter, tmux, the lbtop binary) and waits on them with deadlines, and on a
/// two-core machine a dozen of them at once starve each other past those deadlines. The unit
/// tests in the other targets still run in parallel beside them.
@Suite(.serialized) enum EndToEnd {}
