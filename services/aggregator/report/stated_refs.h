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
// (StatedRefShapes holds these shapes as data; CheckRefShape checks a ref against them.)
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "services/aggregator/report/verify.h"

namespace lkip::aggregator {

// A stated figure's counterpart, as computed from the data.
struct StatedRefValue {
  std::string exact;   // exact decimal or fraction
  std::string label;   // what it is, for the message
  std::string source;  // where the computed figure comes from
  std::string ikk;     // the IKK it belongs to, if any
  int places = -1;     // the decimals the report prints it with; -1: its own (at most 2)
};

// The grammar's shapes, once: each a list of segments, where "<IKK>" is an IKK code of the rule
// set, "<SATKER>" a unit of the province, any other "<...>" a name the data gives, and "a|b"
// one of the words.
const std::vector<std::vector<std::string>>& StatedRefShapes();

// What is known of a ref before the data: the codes it may name.
struct RefNames {
  std::function<bool(const std::string&)> is_ikk;     // an IKK of the year's rule set
  std::function<bool(const std::string&)> is_satker;  // a unit of the province
};

// Empty when `ref` has a shape of the grammar and the IKK and satker it names are known;
// otherwise why not, in a phrase ("\"IKK-99\" is not an IKK of the rule set").
std::string RefShapeError(const std::string& ref, const RefNames& names);

// nullopt when the ref is not of the grammar or the data holds no such figure.
std::optional<StatedRefValue> ResolveStatedRef(const VerifyInputs& in, const std::string& ref);

}  // namespace lkip::aggregator
