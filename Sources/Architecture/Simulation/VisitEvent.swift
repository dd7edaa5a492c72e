/// One scheduled step of a visit, stored inline in the event queue (56 bytes with its key).
///
/// A plain value: no reference, no closure. Which fields mean something depends on `kind`.
/// The small fields are packed into one 32-bit word: with separate one-byte fields the
/// compiler copied events in overlapping pieces and the copies stalled (measured with perf).
struct VisitEvent {
  enum Kind: UInt32 {
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
  /// The edge location (page events) or the Lambda environment (invocation events).
  var slot: Int32 = -1
  /// kind (bits 0-7) | counted (8) | failure (9-15) | attempt (16-23) | call (24-31).
  private var bits: UInt32

  init(_ kind: Kind, counted: Bool, start: Int64) {
    self.start = start
    bits = kind.rawValue | (counted ? 1 << 8 : 0)
  }

  var kind: Kind {
    get { Kind(rawValue: bits & 0xFF)! }
    set { bits = (bits & ~0xFF) | newValue.rawValue }
  }
  /// Whether the visit started inside the measured window.
  var counted: Bool { bits & (1 << 8) != 0 }
  /// Error that ended the invocation, as `ErrorKind.rawValue + 1`, or 0.
  var failure: UInt32 {
    get { (bits >> 9) & 0x7F }
    set { bits = (bits & ~(0x7F << 9)) | ((newValue & 0x7F) << 9) }
  }
  /// UpdateItem attempt (0 for the first; at most 100 attempts are allowed).
  var attempt: UInt32 {
    get { (bits >> 16) & 0xFF }
    set { bits = (bits & ~(0xFF << 16)) | ((newValue & 0xFF) << 16) }
  }
  /// Which UpdateItem call of the invocation (at most 100).
  var call: UInt32 {
    get { bits >> 24 }
    set { bits = (bits & 0x00FF_FFFF) | (newValue << 24) }
  }
}
