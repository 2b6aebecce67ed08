/// Sorting helpers shared by the views: a stable sort of row indices by an optional key, where
/// rows without a value always come last whatever the direction.
enum RowOrdering {
    static func sort(_ indices: inout [Int], descending: Bool, by key: (Int) -> Double?) {
        indices.sort { a, b in
            switch (key(a), key(b)) {
            case let (x?, y?):
                if x != y { return descending ? x > y : x < y }
                return a < b
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
    }

    static func sort(_ indices: inout [Int], descending: Bool, byText key: (Int) -> String) {
        indices.sort { a, b in
            let x = key(a), y = key(b)
            if x != y { return descending ? x > y : x < y }
            return a < b
        }
    }
}
