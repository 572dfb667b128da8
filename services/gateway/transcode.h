// Between HTTP and a route's RPC: the request message from the path, the query string and the
// JSON body; the response as compact JSON (protobuf's JSON mapping with the .proto's field names,
// as every file lkip writes: report_render/proto_walk.h) or, for lkip.common.v1.HttpBody, as the file it
// holds; a failure as a JSON error with the gRPC code, its HTTP status and the field it names.
#pragma once

#include <google/protobuf/message.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/gateway/http_route.h"

namespace lkip::gateway {

// The request of `match`'s RPC: the body as its rule says ("*": the whole request, a field: that
// field), the path's variables, then the query's fields (those the body does not carry; a
// repeated field takes each value given). A Decimal sent with a `fraction` takes the fraction
// as its exact value. INVALID_ARGUMENT naming the field (or "body") and the value.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> BuildRequest(
    const RouteMatch& match, const std::multimap<std::string, std::string>& query, absl::string_view body);

struct HttpReply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::string file_name;  // Content-Disposition: attachment, when set
};

// A response message as HTTP: JSON, or the file of an HttpBody.
HttpReply ReplyOf(const google::protobuf::Message& response);

// The HTTP status of a gRPC code, by the table of google/rpc/code.proto (as grpc-gateway and
// Google's REST APIs map them): INVALID_ARGUMENT 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403,
// NOT_FOUND 404, ALREADY_EXISTS and ABORTED 409, FAILED_PRECONDITION 400, UNAVAILABLE 503, ...
int HttpStatusOf(absl::StatusCode code);

// {"error": {"code": <HTTP status>, "status": "INVALID_ARGUMENT", "grpc_code": 3, "message": ...,
// "field": "fiscal_year"}}: `field` is the field path the message starts with ("path: problem",
// how every lkip service names the field it refuses), absent when it names none.
HttpReply ErrorReply(const absl::Status& status);
// `http_status` instead of the code's own (405 for a path served with other verbs).
HttpReply ErrorReply(const absl::Status& status, int http_status);

}  // namespace lkip::gateway
