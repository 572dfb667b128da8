// The zonaintegritas service: records its satker-level values, LKE assessments and the TPI's
// totals, and serves its indicator (IKK-19).
#include "common/bidang/bidang_main.h"
#include "services/zonaintegritas/zonaintegritas_service.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::zonaintegritas::v1::ZonaIntegritas,
                          lkip::zonaintegritas::ZonaIntegritasService>(argc, argv, "zonaintegritas");
}
