// What a stated figure's `ref` names in the data (report::v1::StatedFigure). The grammar, one
// dotted path per figure (docs/bundle-format.md, "Stated figures", lists it for writers):
//   ikk.<IKK>.target|realisasi|capaian
//   ikk.<IKK>.satker.<SATKER>.value|target|capaian
//   ikk.<IKK>.satker.<SATKER>.rincian.<part>               (a part of the value: "pemenuhan")
//   ikk.<IKK>.satker_sum|satker_mean|satker_target_sum|satker_target_mean   (a TOTAL row)
//   ikk.<IKK>.kategori.<label>.bawah|atas                 (a category's interval, rule set)
//   ikk.<IKK>.pembanding.sebelumnya                        (the previous year's realisasi)
//   ikk.<IKK>.nasional.nilai|provinsi|target|target_provinsi   (the national comparison)
//   anggaran.program|satker|kegiatan.<CODE>.pagu|realisasi|sisa|persen|efisiensi
//   anggaran.total.<field>
//   pk.kegiatan.<KEGIATAN>.anggaran                        (the PK's kegiatan budget)
//   pita.<S1|S2|S3>.<row, 1-based>[.persen]                (IKK in a band, or their share)
//   jumlah.ikk | jumlah.sasaran | jumlah.ikk_bidang.<heading of the ringkasan>
#pragma once

#include <optional>
#include <string>

#include "services/aggregator/report/verify.h"

namespace lkip::aggregator {

// A stated figure's counterpart, as computed from the data.
struct StatedRefValue {
  std::string exact;   // exact decimal or fraction
  std::string label;   // what it is, for the message
  std::string source;  // where the computed figure comes from
  std::string ikk;     // the IKK it belongs to, if any
};

// nullopt when the ref is not of the grammar or the data holds no such figure.
std::optional<StatedRefValue> ResolveStatedRef(const VerifyInputs& in, const std::string& ref);

}  // namespace lkip::aggregator
