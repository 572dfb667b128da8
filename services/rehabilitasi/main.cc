// The rehabilitasi service: records its satker-level values, imports raw instruments (SKM)
// and serves its indicators.
#include "common/bidang/bidang_main.h"
#include "services/rehabilitasi/rehabilitasi_service.h"

int main(int argc, char** argv) {
  return lkip::BidangMain<lkip::rehabilitasi::v1::Rehabilitasi, lkip::rehabilitasi::RehabilitasiService>(
      argc, argv, "rehabilitasi");
}
