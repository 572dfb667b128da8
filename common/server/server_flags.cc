#include "common/server/server_flags.h"

#include <cstdio>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/server/program_flags.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "address to listen on; port 0 picks a free port");
ABSL_FLAG(std::string, port_file, "", "write the bound port to this file once listening");
ABSL_FLAG(std::string, db_path, "", "RocksDB directory of this service (required)");
ABSL_FLAG(std::string, rules_dir, "", "directory of rule-set JSON files, one per fiscal year (required)");
ABSL_FLAG(bool, sync_writes, false, "fsync the write-ahead log on every request");
ABSL_FLAG(int, write_buffer_mib, 16,
          "size of one RocksDB memtable in MiB (the store's memory: up to six exist)");
ABSL_FLAG(bool, reflection, true, "serve gRPC server reflection");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port of the plain-HTTP operations port: /metrics (Prometheus) and /healthz; empty: none. "
          "Loopback or the monitoring network only");
ABSL_FLAG(std::string, log_level, "info", "trace, debug, info, warn, error");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM file of the CA that signed the suite's certificates (scripts/dev-pki.sh)");
ABSL_FLAG(std::string, tls_cert, "", "PEM file of this service's certificate (it serves and calls with it)");
ABSL_FLAG(std::string, tls_key, "", "PEM file of this service's private key");
ABSL_FLAG(std::string, token_public_key, "", "PEM file of the public key that verifies user tokens");
ABSL_FLAG(bool, insecure_dev, false,
          "plaintext without certificates or tokens, for development on one machine only (logs a warning)");

namespace lkip {

CommonServiceConfig ParseCommonFlags(int argc, char** argv, const std::string& service) {
  ParseProgramFlags(argc, argv, service, absl::StrCat("lkip's ", service, " service"));
  CommonServiceConfig config;
  config.server.listen = absl::GetFlag(FLAGS_listen);
  config.server.port_file = absl::GetFlag(FLAGS_port_file);
  config.server.reflection = absl::GetFlag(FLAGS_reflection);
  config.store.path = absl::GetFlag(FLAGS_db_path);
  config.store.service = service;
  config.store.sync_writes = absl::GetFlag(FLAGS_sync_writes);
  config.store.write_buffer_mib = absl::GetFlag(FLAGS_write_buffer_mib);
  if (config.store.write_buffer_mib < 1 || config.store.write_buffer_mib > 1024) {
    std::fprintf(stderr, "%s: --write_buffer_mib %d is outside 1..1024\n", service.c_str(),
                 config.store.write_buffer_mib);
    std::exit(2);
  }
  config.rules_dir = absl::GetFlag(FLAGS_rules_dir);
  config.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  config.log_level = absl::GetFlag(FLAGS_log_level);
  auto require = [&](const std::string& value, const char* flag) {
    if (value.empty()) {
      std::fprintf(stderr, "%s: --%s is required\n", service.c_str(), flag);
      std::exit(2);
    }
  };
  require(config.store.path, "db_path");
  require(config.rules_dir, "rules_dir");
  InitLogging(service, config.log_level);
  if (absl::GetFlag(FLAGS_insecure_dev)) {
    config.server.transport.insecure_dev = true;
  } else {
    auto transport =
        TransportConfig::FromFiles(absl::GetFlag(FLAGS_tls_ca), absl::GetFlag(FLAGS_tls_cert),
                                   absl::GetFlag(FLAGS_tls_key), absl::GetFlag(FLAGS_token_public_key));
    if (transport.ok() && transport->token_public_key_pem.empty())
      transport = absl::InvalidArgumentError("--token_public_key is required (or --insecure_dev)");
    if (!transport.ok()) {
      std::fprintf(stderr, "%s: %s\n", service.c_str(), std::string(transport.status().message()).c_str());
      std::exit(2);
    }
    config.server.transport = std::move(*transport);
    config.server.transport.service = service;
  }
  return config;
}

}  // namespace lkip
