import COpenSSL

/// A client TLS configuration from the system's OpenSSL: certificates verified against the
/// system store (or `--cacert`), host names checked, SNI sent; or no verification (`--insecure`).
///
/// One context serves every connection of every event loop: OpenSSL's SSL_CTX may be shared by
/// threads once configured, and it is never changed after `init`.
package final class TLSContext: @unchecked Sendable {
  /// A context that could not be made: the user's CA file (`usage`), or OpenSSL itself.
  package enum Failure: Error, Sendable {
    case usage(String)
    case failure(String)
  }

  let context: OpaquePointer
  let verify: Bool

  package init(verify: Bool, caFile: String?) throws(Failure) {
    guard let ctx = SSL_CTX_new(TLS_client_method()) else { throw .failure("TLS: cannot create an OpenSSL context") }
    context = ctx
    self.verify = verify
    if verify {
      SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
      if let caFile {
        // No SSL_CTX_free here: every property is set, so deinit runs and frees the context.
        guard SSL_CTX_load_verify_locations(ctx, caFile, nil) == 1 else {
          throw .usage("--cacert: cannot load certificates from \(caFile)")
        }
      } else {
        SSL_CTX_set_default_verify_paths(ctx)
      }
    } else {
      SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nil)
    }
    // Partial writes and a moving write buffer, as a non-blocking client needs.
    _ = SSL_CTX_ctrl(ctx, SSL_CTRL_MODE, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER), nil)
  }

  deinit { SSL_CTX_free(context) }

  /// A session for one connection on socket `fd` to `host`.
  package func session(fd: Int32, host: String) -> OpaquePointer? {
    guard let ssl = SSL_new(context) else { return nil }
    SSL_set_fd(ssl, fd)
    SSL_set_connect_state(ssl)
    host.withCString { name in
      // SNI (SSL_set_tlsext_host_name is a macro over SSL_ctrl) and the name to verify.
      if !Self.isAddress(host) {
        _ = SSL_ctrl(
          ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: name))
      }
      if verify { _ = SSL_set1_host(ssl, name) }
    }
    return ssl
  }

  static func isAddress(_ host: String) -> Bool {
    host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
  }

  /// OpenSSL's last error (and the certificate verdict) as one line.
  package static func lastError(_ ssl: OpaquePointer?) -> String {
    if let ssl {
      let verdict = SSL_get_verify_result(ssl)
      if verdict != X509_V_OK, let text = X509_verify_cert_error_string(verdict) {
        return "certificate: " + String(cString: text)
      }
    }
    let code = ERR_get_error()
    guard code != 0 else { return "handshake failed" }
    var buffer = [CChar](repeating: 0, count: 256)
    ERR_error_string_n(code, &buffer, buffer.count)
    return String(cString: buffer)
  }
}
