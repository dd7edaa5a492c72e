import CZlib
import Foundation

/// gzip decompression through the system's zlib: one or more concatenated gzip members, as
/// CloudFront and `gzip -c a b` write them, and as servers send `Content-Encoding: gzip`.
public enum Gzip {
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// For a member that inflates past the ratio: the compressed bytes read and the bytes
    /// they gave (a caller may word it its own way).
    public var bomb: (read: Int, inflated: Int)?
    init(description: String, bomb: (read: Int, inflated: Int)? = nil) {
      self.description = description
      self.bomb = bomb
    }
  }

  /// Whether `data` starts with the gzip magic number.
  public static func isCompressed(_ data: Data) -> Bool {
    data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
  }

  /// The decompressed bytes, at most `limit` of them; past `ratio.floor` bytes, at most
  /// `ratio.times` times the compressed bytes read so far (a bomb is refused, not inflated).
  public static func decompress(
    _ data: Data, limit: Int = 1 << 32, ratio: (floor: Int, times: Int)? = nil
  ) throws(Failure) -> Data {
    var out = Data()
    var stream = z_stream()
    // 16 + MAX_WBITS: gzip framing only (a zlib or raw stream is an error, not a guess).
    guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw Failure(description: "zlib could not start")
    }
    defer { inflateEnd(&stream) }
    let chunk = 1 << 16
    var buffer = [UInt8](repeating: 0, count: chunk)
    var failure: Failure?
    data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
      guard let base = input.bindMemory(to: UInt8.self).baseAddress else { return }
      stream.next_in = UnsafeMutablePointer(mutating: base)
      stream.avail_in = UInt32(input.count)
      while true {
        let status = buffer.withUnsafeMutableBufferPointer { b -> Int32 in
          stream.next_out = b.baseAddress
          stream.avail_out = UInt32(chunk)
          return inflate(&stream, Z_NO_FLUSH)
        }
        out.append(buffer, count: chunk - Int(stream.avail_out))
        if out.count > limit {
          failure = Failure(description: "more than \(limit) bytes once decompressed")
          return
        }
        let read = input.count - Int(stream.avail_in)
        if let ratio, out.count > ratio.floor, out.count / max(1, read) > ratio.times {
          failure = Failure(
            description:
              "gzip that inflates more than \(ratio.times) times its size (\(read) bytes gave \(out.count)): refused as a gzip bomb",
            bomb: (read, out.count))
          return
        }
        switch status {
        case Z_STREAM_END:
          // Another member may follow.
          if stream.avail_in == 0 { return }
          guard inflateReset(&stream) == Z_OK else {
            failure = Failure(description: "zlib could not reset")
            return
          }
        case Z_OK:
          continue
        case Z_BUF_ERROR where stream.avail_in == 0:
          failure = Failure(description: "truncated gzip data (the file ends inside a compressed block)")
          return
        default:
          let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
          failure = Failure(description: "corrupt gzip data (\(reason)) after \(out.count) decompressed bytes")
          return
        }
      }
    }
    if let failure { throw failure }
    return out
  }
}
