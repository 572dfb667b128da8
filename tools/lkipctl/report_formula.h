// The "rumus" block of an IKK in the LKIP document: how its realisasi is made from the satker
// values (sum, mean, count of satker in a category, the BNNP's own value) and how its capaian
// follows from realisasi and target, each written out with the figures of the year, so a reader
// can redo the computation by hand. Pure: reads the aggregator's IndicatorResult only.
#pragma once

#include <nlohmann/json.hpp>

#include "lkip/aggregator/v1/aggregator.pb.h"

namespace lkip::ctl {

// {"realisasi": "Realisasi = (54,36 + 50,28) / 2 = 52,32", "capaian": "Capaian = ..."};
// {} when the indicator has no data.
nlohmann::ordered_json RumusJson(const aggregator::v1::IndicatorResult& ind);

// The category table of the IKK's measure: {"name", "rows": [{"label", "interval"}]}, or null
// when the measure has no categories.
nlohmann::ordered_json KategoriJson(const aggregator::v1::IndicatorResult& ind);

}  // namespace lkip::ctl
