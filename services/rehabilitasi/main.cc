// The rehabilitasi service: records its satker-level values and serves its indicators.
#include "common/bidang/bidang_main.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::rehabilitasi::v1::Rehabilitasi>(argc, argv, "rehabilitasi");
}
