// The pencegahan service: records its satker-level values and serves its indicators.
#include "common/bidang/bidang_main.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::pencegahan::v1::Pencegahan>(argc, argv, "pencegahan");
}
