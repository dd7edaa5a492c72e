/// UTC calendar arithmetic for log timestamps, done by hand: a day of logs holds hundreds of
/// thousands of them, and Foundation's date formatters cost microseconds each.
///
/// Times are seconds since the Unix epoch (`Double`); the civil-date conversions are Howard
/// Hinnant's days-from-civil algorithm (proleptic Gregorian calendar, exact for every year
/// the logs can hold).
public enum LogClock {
  static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// Days since 1970-01-01 of a civil date.
  static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date of a day number (days since 1970-01-01).
  static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The parts of a time: date, and hour, minute, second, millisecond of the day.
  static func parts(milliseconds ms: Int64) -> (year: Int, month: Int, day: Int, h: Int, m: Int, s: Int, ms: Int) {
    let dayMs: Int64 = 86_400_000
    let day = Int(ms >= 0 ? ms / dayMs : (ms - dayMs + 1) / dayMs)
    let within = Int(ms - Int64(day) * dayMs)
    let (y, mo, d) = civil(days: day)
    return (y, mo, d, within / 3_600_000, within / 60_000 % 60, within / 1_000 % 60, within % 1_000)
  }

  static func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// `2026-01-01T01:00:00.123Z` (Lambda's JSON log format, API Gateway's epoch-free fields).
  public static func iso(milliseconds ms: Int64) -> String {
    let p = parts(milliseconds: ms)
    return
      "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))T\(pad(p.h, 2)):\(pad(p.m, 2)):\(pad(p.s, 2)).\(pad(p.ms, 3))Z"
  }

  /// `2026-01-01T01:00:00.123000+00:00`, as `aws logs tail` prints an event's time.
  public static func tail(milliseconds ms: Int64) -> String {
    let p = parts(milliseconds: ms)
    return
      "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))T\(pad(p.h, 2)):\(pad(p.m, 2)):\(pad(p.s, 2)).\(pad(p.ms, 3))000+00:00"
  }

  /// `2026-01-01` and `01:00:00`: CloudFront's date and time fields (whole seconds).
  public static func dateAndTime(milliseconds ms: Int64) -> (date: String, time: String) {
    let p = parts(milliseconds: ms)
    return ("\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))", "\(pad(p.h, 2)):\(pad(p.m, 2)):\(pad(p.s, 2))")
  }

  /// `01/Jan/2026:01:00:00 +0000`: API Gateway's `$context.requestTime` (whole seconds).
  public static func commonLog(milliseconds ms: Int64) -> String {
    let p = parts(milliseconds: ms)
    return
      "\(pad(p.day, 2))/\(monthNames[p.month - 1])/\(pad(p.year, 4)):\(pad(p.h, 2)):\(pad(p.m, 2)):\(pad(p.s, 2)) +0000"
  }

  /// Reads digits at `i` in `b`, exactly `count` of them.
  private static func number(_ b: [UInt8], _ i: inout Int, _ count: Int) -> Int? {
    guard i + count <= b.count else { return nil }
    var n = 0
    for k in i..<(i + count) {
      let c = b[k]
      guard c >= 48 && c <= 57 else { return nil }
      n = n * 10 + Int(c - 48)
    }
    i += count
    return n
  }

  private static func expect(_ b: [UInt8], _ i: inout Int, _ c: UInt8) -> Bool {
    guard i < b.count, b[i] == c else { return false }
    i += 1
    return true
  }

  /// Seconds since the epoch of an ISO 8601 time: `2026-01-01T01:00:00Z`, with a fraction, a
  /// space for the `T`, and `Z`, `+hh:mm`, `+hhmm` or no offset (UTC).
  public static func parseISO(_ text: some StringProtocol) -> Double? {
    let b = Array(text.utf8)
    var i = 0
    guard let y = number(b, &i, 4), expect(b, &i, 45), let mo = number(b, &i, 2), expect(b, &i, 45),
      let d = number(b, &i, 2), i < b.count, b[i] == 84 || b[i] == 32
    else { return nil }
    i += 1
    guard let h = number(b, &i, 2), expect(b, &i, 58), let mi = number(b, &i, 2), expect(b, &i, 58),
      let s = number(b, &i, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
    else { return nil }
    var fraction = 0.0
    if i < b.count && (b[i] == 46 || b[i] == 44) {
      i += 1
      var scale = 0.1
      let start = i
      while i < b.count && b[i] >= 48 && b[i] <= 57 {
        fraction += Double(b[i] - 48) * scale
        scale /= 10
        i += 1
      }
      guard i > start else { return nil }
    }
    var offset = 0
    if i < b.count {
      if b[i] == 90 {
        i += 1
      } else if b[i] == 43 || b[i] == 45 {
        let sign = b[i] == 45 ? -1 : 1
        i += 1
        guard let oh = number(b, &i, 2) else { return nil }
        _ = expect(b, &i, 58)
        let om = number(b, &i, 2) ?? 0
        offset = sign * (oh * 3600 + om * 60)
      } else {
        return nil
      }
    }
    guard i == b.count else { return nil }
    let whole = days(year: y, month: mo, day: d) * 86_400 + h * 3600 + mi * 60 + s - offset
    return Double(whole) + fraction
  }

  /// Seconds since the epoch of a common-log time: `25/Nov/2026:23:13:50 +0000`.
  public static func parseCommonLog(_ text: some StringProtocol) -> Double? {
    let b = Array(text.utf8)
    var i = 0
    guard let d = number(b, &i, 2), expect(b, &i, 47), i + 3 <= b.count,
      let mo = monthNames.firstIndex(of: String(decoding: b[i..<(i + 3)], as: UTF8.self))
    else { return nil }
    i += 3
    guard expect(b, &i, 47), let y = number(b, &i, 4), expect(b, &i, 58), let h = number(b, &i, 2),
      expect(b, &i, 58), let mi = number(b, &i, 2), expect(b, &i, 58), let s = number(b, &i, 2)
    else { return nil }
    var offset = 0
    if expect(b, &i, 32) {
      guard i < b.count, b[i] == 43 || b[i] == 45 else { return nil }
      let sign = b[i] == 45 ? -1 : 1
      i += 1
      guard let oh = number(b, &i, 2), let om = number(b, &i, 2) else { return nil }
      offset = sign * (oh * 3600 + om * 60)
    }
    guard i == b.count else { return nil }
    return Double(days(year: y, month: mo + 1, day: d) * 86_400 + h * 3600 + mi * 60 + s - offset)
  }

  /// Seconds since the epoch of CloudFront's `date` and `time` fields.
  public static func parseDateAndTime(date: some StringProtocol, time: some StringProtocol) -> Double? {
    parseISO("\(date)T\(time)Z")
  }
}
