// The pemberantasan service: records its satker-level values and serves its indicators.
#include "common/bidang/bidang_main.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::pemberantasan::v1::Pemberantasan>(argc, argv, "pemberantasan");
}
