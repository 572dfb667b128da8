// The pemberantasan service: records its satker-level values, case files, detainees and
// evidence BA, and serves its indicators.
#include "common/bidang/bidang_main.h"
#include "services/pemberantasan/pemberantasan_service.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::pemberantasan::v1::Pemberantasan, lkip::pemberantasan::PemberantasanService>(
      argc, argv, "pemberantasan");
}
