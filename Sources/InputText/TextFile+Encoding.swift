import Foundation

extension TextFile {
  /// UTF-8 (a byte-order mark dropped) or UTF-16 with its byte-order mark; `lossy` turns
  /// bytes that are not UTF-8 into U+FFFD instead of refusing the file.
  static func decode(_ data: Data, path: String, lossy: Bool) throws(Failure) -> String {
    // Read in place: a log of gigabytes is not copied into an array first.
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { return try utf8(data.dropFirst(3), path: path, lossy: lossy) }
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      let little = data.first == 0xFF
      var units: [UInt16] = []
      units.reserveCapacity(data.count / 2)
      var k = data.startIndex + 2
      while k + 1 < data.endIndex {
        let (a, b) = (UInt16(data[k]), UInt16(data[k + 1]))
        units.append(little ? a | b << 8 : a << 8 | b)
        k += 2
      }
      // Lone surrogates become U+FFFD either way: a bad line, not a bad file.
      return String(decoding: units, as: UTF16.self)
    }
    return try utf8(data[...], path: path, lossy: lossy)
  }

  static func utf8(_ bytes: Data, path: String, lossy: Bool) throws(Failure) -> String {
    if lossy { return String(decoding: bytes, as: UTF8.self) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let line = 1 + (badUTF8Offset(bytes).map { bytes[bytes.startIndex..<$0].count { $0 == 10 } } ?? 0)
      throw Failure("\(Text.escaped(path)):\(line): not UTF-8 text (save the file as UTF-8)")
    }
    return text
  }

  /// Where the first byte that is not UTF-8 sits.
  static func badUTF8Offset(_ bytes: Data) -> Int? {
    var start = bytes.startIndex
    while start < bytes.endIndex {
      let end = bytes[start...].firstIndex(of: 10).map { $0 + 1 } ?? bytes.endIndex
      if String(validating: bytes[start..<end], as: UTF8.self) == nil { return start }
      start = end
    }
    return nil
  }
}
