// The keuangan service: records its satker-level values and serves its indicators.
#include "common/bidang/bidang_main.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::keuangan::v1::Keuangan>(argc, argv, "keuangan");
}
