import CEpoll
import COpenSSL
import Glibc

/// One non-blocking TCP connection, plain or under TLS: every call returns an `IOStep`.
package struct TCPStream {
  package let fd: Int32
  package private(set) var ssl: OpaquePointer?

  /// Starts connecting to `address` (a sockaddr of `family`): the stream, whose connect ends
  /// when the socket is writable (`connectOutcome` then says how); or why it failed at once.
  package static func connect(family: Int32, address: [UInt8]) -> Result<TCPStream, IOFailure> {
    let fd = socket(
      family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { return .failure(.system("socket", errno)) }
    var one: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    let result = address.withUnsafeBytes { raw in
      Glibc.connect(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(address.count))
    }
    let code = errno  // at the call
    let stream = TCPStream(fd: fd, ssl: nil)
    if result == 0 || code == EINPROGRESS { return .success(stream) }
    var failed = stream
    failed.close()
    return .failure(.system("connect", code))
  }

  /// How a pending connect ended, once the socket is writable.
  package func connectOutcome() -> IOStep {
    var err: Int32 = 0
    var len = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 else { return .failed(.system("getsockopt", errno)) }
    return err == 0 ? .done(0) : .failed(.system("connect", err))
  }

  /// Puts TLS over the connection (the handshake is then driven by `handshake`).
  package mutating func startTLS(_ context: TLSContext, host: String) -> Bool {
    guard let s = context.session(fd: fd, host: host) else { return false }
    ssl = s
    return true
  }

  package func handshake() -> IOStep {
    guard let ssl else { return .done(0) }
    let r = SSL_do_handshake(ssl)
    if r == 1 { return .done(0) }
    switch SSL_get_error(ssl, r) {
    case SSL_ERROR_WANT_READ: return .wouldBlock(.read)
    case SSL_ERROR_WANT_WRITE: return .wouldBlock(.write)
    default: return .failed(IOFailure(.tls, TLSContext.lastError(ssl)))
    }
  }

  package func send(_ bytes: UnsafeRawPointer, count: Int) -> IOStep {
    if let ssl {
      let n = SSL_write(ssl, bytes, Int32(count))
      if n > 0 { return .done(Int(n)) }
      switch SSL_get_error(ssl, n) {
      case SSL_ERROR_WANT_WRITE: return .wouldBlock(.write)
      case SSL_ERROR_WANT_READ: return .wouldBlock(.read)
      default: return .failed(IOFailure(.reset, "TLS write: " + TLSContext.lastError(ssl)))
      }
    }
    let n = Glibc.send(fd, bytes, count, Int32(MSG_NOSIGNAL))
    let code = errno
    if n >= 0 { return .done(n) }
    if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock(.write) }
    return .failed(.system("send", code))
  }

  package func receive(into buffer: UnsafeMutableRawBufferPointer) -> IOStep {
    if let ssl {
      let n = SSL_read(ssl, buffer.baseAddress, Int32(buffer.count))
      if n > 0 { return .done(Int(n)) }
      let e = SSL_get_error(ssl, n)
      if e == SSL_ERROR_WANT_READ { return .wouldBlock(.read) }
      if e == SSL_ERROR_WANT_WRITE { return .wouldBlock(.write) }
      if e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_SYSCALL && n == 0) { return .endOfStream }
      return .failed(IOFailure(.reset, "TLS read: " + TLSContext.lastError(ssl)))
    }
    let n = recv(fd, buffer.baseAddress, buffer.count, 0)
    let code = errno
    if n > 0 { return .done(n) }
    if n == 0 { return .endOfStream }
    if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock(.read) }
    return .failed(.system("recv", code))
  }

  /// Whether an idle connection that became readable was closed by the server (or sent
  /// something unasked for, which ends it too).
  package func peerClosed() -> Bool {
    var probe: UInt8 = 0
    if let ssl { return SSL_read(ssl, &probe, 1) <= 0 }
    let n = recv(fd, &probe, 1, Int32(MSG_DONTWAIT))
    let code = errno
    return !(n < 0 && (code == EAGAIN || code == EWOULDBLOCK))
  }

  /// Frees TLS state and closes the socket.
  package mutating func close() {
    if let ssl {
      SSL_free(ssl)
      self.ssl = nil
    }
    _ = Glibc.close(fd)
  }
}
