// The system's OpenSSL (libssl-dev), for live mode's TLS: the same library libcurl uses.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
