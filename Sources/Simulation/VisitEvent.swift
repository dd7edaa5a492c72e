import Pricing
import ScenarioModel

/// One scheduled step of a visit, stored inline in the event queue (56 bytes with its key).
///
/// A plain value: no reference, no closure. Which fields mean something depends on `kind`.
/// The small fields, the slot among them, are packed into one 64-bit word: with separate
/// smaller fields the compiler stored an event in narrow pieces and then read it back in wide
/// ones, and each such read waited for the stores to drain (store-forwarding stalls, about a
/// tenth of the run time, measured with perf).
struct VisitEvent {
  enum Kind: UInt8, CaseIterable {
    /// A visit arrives (and schedules the next arrival).
    case arrival
    /// The browser requests the HTML document from its edge.
    case pageRequest
    /// The HTML has arrived; the browser requests the assets it lists.
    case assetsRequest
    /// The page is rendered; its script starts the counter API calls.
    case apiStart
    /// A CORS preflight reaches API Gateway.
    case preflightArrive
    /// An API call reaches API Gateway.
    case apiArrive
    /// API Gateway invokes the function.
    case lambdaInvoke
    /// The handler makes (or retries) an UpdateItem call.
    case dynamoWrite
    /// The invocation ends (success, DynamoDB failure or timeout).
    case lambdaDone
    /// Periodic reclaiming of expired idle environments.
    case sweep
  }

  /// Visit start (page events) or API call start (API events), in nanoseconds.
  var start: Int64
  var invokeStart: Int64 = 0
  var initNanoseconds: Int64 = 0
  var callStart: Int64 = 0
  /// kind (bits 0-7) | counted (8) | failure (9-15) | attempt (16-23) | call (24-31) |
  /// slot (32-63).
  private var bits: UInt64

  init(_ kind: Kind, counted: Bool, start: Int64) {
    self.start = start
    bits = UInt64(kind.rawValue) | (counted ? 1 << 8 : 0) | (UInt64(UInt32(bitPattern: -1)) << 32)
  }

  var kind: Kind {
    // The stored byte always came from a `Kind`, and a UInt8 enum whose raw values run 0, 1, 2...
    // is laid out as its raw value: no failable conversion and its check on every event.
    get { unsafeBitCast(UInt8(truncatingIfNeeded: bits), to: Kind.self) }
    set { bits = (bits & ~0xFF) | UInt64(newValue.rawValue) }
  }
  /// Whether the visit started inside the measured window.
  var counted: Bool { bits & (1 << 8) != 0 }
  /// Error that ended the invocation, as `ErrorKind.rawValue + 1`, or 0.
  var failure: UInt32 {
    get { UInt32((bits >> 9) & 0x7F) }
    set { bits = (bits & ~(0x7F << 9)) | (UInt64(newValue & 0x7F) << 9) }
  }
  /// UpdateItem attempt (0 for the first; at most 100 attempts are allowed).
  var attempt: UInt32 {
    get { UInt32((bits >> 16) & 0xFF) }
    set { bits = (bits & ~(0xFF << 16)) | (UInt64(newValue & 0xFF) << 16) }
  }
  /// Which UpdateItem call of the invocation (at most 100).
  var call: UInt32 {
    get { UInt32((bits >> 24) & 0xFF) }
    set { bits = (bits & ~(0xFF << 24)) | (UInt64(newValue & 0xFF) << 24) }
  }
  /// The edge location (page events) or the Lambda environment (invocation events); -1 for none.
  var slot: Int32 {
    get { Int32(bitPattern: UInt32(truncatingIfNeeded: bits >> 32)) }
    set { bits = (bits & 0xFFFF_FFFF) | (UInt64(UInt32(bitPattern: newValue)) << 32) }
  }
}
