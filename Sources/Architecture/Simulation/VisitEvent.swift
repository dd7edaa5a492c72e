/// One scheduled step of a visit, stored inline in the event queue (64 bytes with its key).
///
/// A plain value: no reference, no closure. Which fields mean something depends on `kind`.
struct VisitEvent {
  enum Kind: UInt8 {
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

  var kind: Kind
  /// Whether the visit started inside the measured window.
  var counted: Bool
  /// Error that ended the invocation, as `ErrorKind.rawValue + 1`, or 0.
  var failure: UInt8 = 0
  /// UpdateItem attempt (0 for the first) and which call of the invocation.
  var attempt: UInt16 = 0
  var call: UInt16 = 0
  /// Edge location serving the visit's page and assets.
  var edge: UInt16 = 0
  /// Lambda environment serving the invocation.
  var environment: Int32 = -1
  /// Visit start (page events) or API call start (API events), in nanoseconds.
  var start: Int64
  var invokeStart: Int64 = 0
  var initNanoseconds: Int64 = 0
  var callStart: Int64 = 0

  init(_ kind: Kind, counted: Bool, start: Int64) {
    self.kind = kind
    self.counted = counted
    self.start = start
  }
}
