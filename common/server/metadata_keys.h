// The gRPC metadata lkip's processes send each other (header only: lkipctl includes it too).
#pragma once

namespace lkip {

// A user token: "Bearer <JWT>" (common/auth/token.h, transport_security.h).
inline constexpr char kAuthorizationMetadataKey[] = "authorization";
// Who is acting, as the caller says: believed by --insecure_dev servers only, and recorded there as
// "unverified:<actor>"; a TLS server records the token's subject.
inline constexpr char kActorMetadataKey[] = "x-lkip-actor";
// The bundle a write belongs to (WriteContext::bundle_id).
inline constexpr char kBundleMetadataKey[] = "x-lkip-bundle";
// Present ("1") on the requests of a bundle's prepare phase (WriteContext::prepare).
inline constexpr char kPrepareMetadataKey[] = "x-lkip-prepare";

}  // namespace lkip
