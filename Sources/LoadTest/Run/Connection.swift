import HTTPClient

/// One keep-alive HTTP/1.1 connection to one origin, owned by one event loop: its stream
/// (nil when closed), the request on it and the response being parsed.
final class Connection {
  enum State { case closed, connecting, handshaking, idle, writing, reading }

  /// The connection's slot in its loop (reused once the connection is closed and its last
  /// events are handled).
  let id: Int
  var origin: Int
  var stream: TCPStream?
  var state = State.closed
  /// The request on this connection (nil when idle), and its kind (what the request's bytes,
  /// status and end are counted under).
  var task: RequestTask?
  var kind = Request.Kind.page
  var out: [UInt8] = []
  var written = 0
  var parser = ResponseParser()
  /// When the current phase times out (monotonic ns), 0 for never.
  var deadline: Int64 = 0
  var sendStart: Int64 = 0
  /// When connect() was called, for the TCP connect time (one round trip).
  var openedAt: Int64 = 0
  /// Has served a response before (a stale keep-alive connection may be closed by the server).
  var reused = false
  /// When an idle keep-alive connection is closed by us, before the server's announced
  /// `Keep-Alive: timeout` runs out (monotonic ns), 0 for no announced timeout.
  var idleUntil: Int64 = 0
  var gotBytes = false
  /// When the response's first byte arrived (monotonic ns since the run started).
  var firstByteAt: Int64 = 0
  /// When the TCP connection was up, for the TLS handshake time.
  var connectedAt: Int64 = 0
  /// Events currently asked of epoll.
  var interest: UInt32 = 0

  init(id: Int, origin: Int) {
    self.id = id
    self.origin = origin
  }

  /// Closes the stream (removing it from `poller`) and forgets the request.
  func close(_ poller: Poller) {
    if var s = stream {
      poller.remove(s.fd)
      s.close()
      stream = nil
    }
    state = .closed
    task = nil
    reused = false
    idleUntil = 0
    interest = 0
    gotBytes = false
    written = 0
  }
}
