// The tests' PKI: the development CA, certificates and token key that scripts/dev-pki.sh writes
// into the build tree at build time (target lkip_test_pki), so in-process servers run with the
// same mutual TLS and tokens as the suite.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "common/auth/role.h"
#include "common/server/transport_security.h"

namespace lkip::testing {

// The build's test PKI folder.
std::string TestPkiDir();

// The transport of `identity` ("aggregator", a bidang service, or "client" for lkipctl's
// certificate): CA, its certificate and key, and the token public key. Aborts when the files
// are missing (build the lkip_test_pki target).
const TransportConfig& TestTransport(const std::string& identity = "aggregator");

// Channel credentials with `identity`'s certificate and no token.
std::shared_ptr<grpc::ChannelCredentials> TestChannelCredentials(const std::string& identity = "client");

// A token signed with the test PKI's token key, valid for an hour from now.
std::string TestToken(const Principal& principal);
// An admin of BNNP_NTB named `subject`.
std::string TestToken(const std::string& subject);

}  // namespace lkip::testing
