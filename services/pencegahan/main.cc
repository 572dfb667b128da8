// The pencegahan service: records its satker-level values, imports raw instruments (IKP
// assessments) and serves its indicators.
#include "common/bidang/bidang_main.h"
#include "services/pencegahan/pencegahan_service.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::pencegahan::v1::Pencegahan, lkip::pencegahan::PencegahanService>(
      argc, argv, "pencegahan");
}
