#include "tools/lkipctl/audit_commands.h"

#include <google/protobuf/util/json_util.h>

#include <iostream>
#include <vector>

#include "common/registry/bidang_registry.h"
#include "lkip/audit/v1/audit.grpc.pb.h"

namespace lkip::ctl {
namespace {

void Print(const audit::v1::AuditEntry& e, bool json) {
  if (json) {
    std::string text;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(e, &text, options);
    std::cout << text << "\n";
    return;
  }
  std::cout << e.time() << "  " << e.service() << "  " << e.method() << "  " << e.actor()
            << (e.bundle_id().empty() ? "" : "  bundle " + e.bundle_id())
            << (e.summary().empty() ? "" : ": " + e.summary()) << "\n";
  for (const auto& c : e.changes()) {
    std::cout << "    " << c.keyspace() << "  " << c.key();
    if (c.prefix()) {
      std::cout << "  every key under it deleted\n";
      continue;
    }
    std::cout << (c.deleted() ? "  deleted" : (c.had_previous() ? "  changed" : "  new"));
    if (c.had_previous()) std::cout << "; was " << c.previous();
    if (!c.value().empty()) std::cout << "; now " << c.value();
    std::cout << "\n";
  }
}

}  // namespace

int AuditCmd(const Options& o, const AuditQuery& query) {
  std::vector<std::string> services;
  if (!query.service.empty()) {
    services.push_back(query.service);
  } else {
    services.push_back("aggregator");
    for (const auto& b : BidangServices()) services.emplace_back(b.name);
  }
  auto stub = audit::v1::AuditService::NewStub(Connect(o));
  int printed = 0;
  for (const std::string& service : services) {
    audit::v1::ListAuditEntriesRequest request;
    request.set_service(service);
    request.set_actor(query.actor);
    request.set_satker_code(query.satker);
    request.set_keyspace(query.keyspace);
    request.set_since(query.since);
    request.set_until(query.until);
    do {
      audit::v1::ListAuditEntriesResponse page;
      grpc::Status s = stub->ListAuditEntries(Ctx(o).get(), request, &page);
      if (!s.ok()) return Fail("audit " + service, s);
      for (const auto& e : page.entries()) {
        if (printed == query.limit) {
          std::cerr << "lkipctl: audit: the first " << query.limit
                    << " entries shown; narrow the filters or raise --limit\n";
          return 0;
        }
        Print(e, query.json);
        ++printed;
      }
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
  }
  if (printed == 0) std::cerr << "lkipctl: audit: no entry matches\n";
  return 0;
}

}  // namespace lkip::ctl
