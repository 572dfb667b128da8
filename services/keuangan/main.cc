// The keuangan service: records its satker-level values, DIPA pagu, monthly realisasi and the
// published NKA / IKPA with their components, and serves its indicators and budget tables.
#include "common/bidang/bidang_main.h"
#include "services/keuangan/keuangan_service.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::keuangan::v1::Keuangan, lkip::keuangan::KeuanganService>(argc, argv,
                                                                                         "keuangan");
}
