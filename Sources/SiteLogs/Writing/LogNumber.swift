/// Fixed-point text of a non-negative number (`12.34`), without `String(format:)`'s cost.
enum LogNumber {
  static func fixed(_ x: Double, digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let n = Int64((max(0, x) * scale).rounded())
    guard digits > 0 else { return String(n) }
    let whole = n / Int64(scale)
    let fraction = String(n % Int64(scale))
    return "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
  }
}
