#include "services/gateway/transcode.h"

#include <google/protobuf/descriptor.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/proto/json_file.h"
#include "common/status/macros.h"
#include "lkip/common/v1/common.pb.h"
#include "lkip/common/v1/http.pb.h"
#include "report_render/json_text.h"
#include "report_render/proto_walk.h"

namespace lkip::gateway {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status NotA(absl::string_view path, absl::string_view text, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": \"", text, "\" is not ", what));
}

// Sets (or, for a repeated field, adds) the scalar at the end of `fields` from its text.
absl::Status SetFromText(Message* root, const std::vector<const FieldDescriptor*>& fields,
                         absl::string_view path, const std::string& text) {
  Message* m = root;
  for (size_t i = 0; i + 1 < fields.size(); ++i) m = m->GetReflection()->MutableMessage(m, fields[i]);
  const FieldDescriptor* f = fields.back();
  const Reflection* r = m->GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!absl::SimpleAtoi(text, &v)) return NotA(path, text, "an integer");
      rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!absl::SimpleAtoi(text, &v)) return NotA(path, text, "an integer");
      rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!absl::SimpleAtoi(text, &v)) return NotA(path, text, "an unsigned integer");
      rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!absl::SimpleAtoi(text, &v)) return NotA(path, text, "an unsigned integer");
      rep ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!absl::SimpleAtod(text, &v)) return NotA(path, text, "a number");
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT)
        rep ? r->AddFloat(m, f, static_cast<float>(v)) : r->SetFloat(m, f, static_cast<float>(v));
      else
        rep ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (text == "true") {
        v = true;
      } else if (text == "false") {
        v = false;
      } else {
        return NotA(path, text, "true or false");
      }
      rep ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* value = f->enum_type()->FindValueByName(text);
      if (value == nullptr) return NotA(path, text, absl::StrCat("a value of ", f->enum_type()->full_name()));
      rep ? r->AddEnumValue(m, f, value->number()) : r->SetEnumValue(m, f, value->number());
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string v = text;
      if (f->type() == FieldDescriptor::TYPE_BYTES && !absl::Base64Unescape(text, &v) &&
          !absl::WebSafeBase64Unescape(text, &v))
        return NotA(path, text, "base64");
      rep ? r->AddString(m, f, std::move(v)) : r->SetString(m, f, std::move(v));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": a message field; send it in the body of an RPC that takes one"));
}

// The field path a message starts with, the way every lkip service names what it refuses ("path:
// problem"): "fiscal_year: 1999 is ..." -> "fiscal_year", "bundle.units[2].code: ..." ->
// "bundle.units[2].code"; empty when the message starts otherwise. (Not std::regex: gcc 12's
// <regex> trips -Wmaybe-uninitialized under the sanitizer build.)
std::string LeadingFieldPath(const std::string& message) {
  auto name_char = [](char c, bool first) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
           (!first && std::isdigit(static_cast<unsigned char>(c)));
  };
  size_t i = 0;
  while (true) {
    if (i >= message.size() || !name_char(message[i], true)) return "";
    while (i < message.size() && name_char(message[i], false)) ++i;
    while (i < message.size() && message[i] == '[') {
      const size_t digits = ++i;
      while (i < message.size() && std::isdigit(static_cast<unsigned char>(message[i]))) ++i;
      if (i == digits || i >= message.size() || message[i] != ']') return "";
      ++i;
    }
    if (message.compare(i, 2, ": ") == 0) return message.substr(0, i);
    if (i >= message.size() || message[i] != '.') return "";
    ++i;
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<Message>> BuildRequest(const RouteMatch& match,
                                                      const std::multimap<std::string, std::string>& query,
                                                      absl::string_view body) {
  const Route& route = *match.route;
  const auto* type = route.method->input_type();
  std::unique_ptr<Message> request(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
  if (route.body.empty()) {
    if (!body.empty())
      return absl::InvalidArgumentError(absl::StrCat("body: ", route.verb, " ", route.template_text,
                                                     " takes no body; the fields go in the query"));
  } else {
    Message* target = request.get();
    std::string what = absl::StrCat("a ", type->full_name());
    if (route.body != "*") {
      const FieldDescriptor* f = type->FindFieldByName(route.body);
      target = request->GetReflection()->MutableMessage(request.get(), f);
      what = absl::StrCat("a ", f->message_type()->full_name());
    }
    const std::string text = body.empty() ? std::string("{}") : std::string(body);
    RETURN_IF_ERROR(ParseJsonMessage(text, "body", what, target));
  }
  for (const auto& [field, value] : match.variables) {
    ASSIGN_OR_RETURN(auto fields, FieldPath(type, field));
    RETURN_IF_ERROR(SetFromText(request.get(), fields, field, value));
  }
  for (const auto& [name, value] : query) {
    if (route.body == "*")
      return absl::InvalidArgumentError(absl::StrCat(name, ": ", route.verb, " ", route.template_text,
                                                     " takes its fields in the body, not the query"));
    ASSIGN_OR_RETURN(auto fields, FieldPath(type, name));
    if (fields.front()->name() == route.body)
      return absl::InvalidArgumentError(absl::StrCat(name, ": this field comes in the body"));
    for (const auto& [variable, unused] : match.variables) {
      if (variable == name)
        return absl::InvalidArgumentError(absl::StrCat(name, ": already given in the path"));
    }
    if (fields.back()->message_type() == common::v1::Decimal::descriptor()) {
      fields.push_back(common::v1::Decimal::descriptor()->FindFieldByName("value"));
    }
    RETURN_IF_ERROR(SetFromText(request.get(), fields, name, value));
  }
  render::ExactDecimalsFromJson(request.get());
  return request;
}

HttpReply ReplyOf(const Message& response) {
  HttpReply reply;
  if (response.GetDescriptor() == common::v1::HttpBody::descriptor()) {
    const auto& file = static_cast<const common::v1::HttpBody&>(response);
    reply.content_type = file.content_type().empty() ? "application/octet-stream" : file.content_type();
    reply.body = file.data();
    reply.file_name = file.file_name();
    return reply;
  }
  reply.content_type = "application/json; charset=utf-8";
  reply.body = render::ProtoJsonCompact(response);
  return reply;
}

int HttpStatusOf(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    default:  // UNKNOWN, INTERNAL, DATA_LOSS
      return 500;
  }
}

HttpReply ErrorReply(const absl::Status& status) { return ErrorReply(status, HttpStatusOf(status.code())); }

HttpReply ErrorReply(const absl::Status& status, int http_status) {
  nlohmann::ordered_json error;
  error["code"] = http_status;
  error["status"] = absl::StatusCodeToString(status.code());
  error["grpc_code"] = static_cast<int>(status.code());
  error["message"] = std::string(status.message());
  if (std::string field = LeadingFieldPath(std::string(status.message())); !field.empty())
    error["field"] = field;
  HttpReply reply;
  reply.status = http_status;
  reply.content_type = "application/json; charset=utf-8";
  reply.body = nlohmann::ordered_json{{"error", error}}.dump(2);
  return reply;
}

}  // namespace lkip::gateway
