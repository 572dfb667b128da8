// The zonaintegritas service: records its satker-level values and serves its indicators.
#include "common/bidang/bidang_main.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.grpc.pb.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::zonaintegritas::v1::ZonaIntegritas>(argc, argv, "zonaintegritas");
}
