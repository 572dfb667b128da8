// The computation of an IKK in the LKIP document: how its realisasi is made from the satker
// values (sum, mean, count of satker in a category, the BNNP's own value) and how its capaian
// follows from realisasi and target, each written out with the figures of the year, so a reader
// can redo the computation by hand; the category table of its measure and the parts of each
// satker's value. Pure: reads the
// aggregator's IndicatorResult only.
#pragma once

#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::aggregator {

// The decimals an IKK's figures are shown with: one convention per measure, as many as the most
// precise of its figures shows and at most two (the report's tables, domain-rules §2), so that
// "53,50" stands beside "54,36". A count of satker (COUNT_UNITS) is not the measure of the satker
// values it counts: its target and realisasi keep their own convention.
struct FigurePlaces {
  int province = 0;  // target, realisasi, comparison values
  int satker = 0;    // each satker's value, target and other source's value
};
FigurePlaces PlacesOf(const aggregator::v1::IndicatorResult& ind);

// "12" or "3 - 5" in Indonesian format.
// `places` < 0: each bound with its own decimals (DisplayIndonesian).
std::string TargetDisplay(const common::v1::Target& target, int places = -1);

// {realisasi: "Realisasi = (54,36 + 50,28) / 2 = 52,32", capaian: "Capaian = ..."}; empty when
// the indicator has no data.
report::v1::Computation ComputationOf(const aggregator::v1::IndicatorResult& ind);

// The category table of the IKK's measure, worst to best (empty rows without categories).
report::v1::CategoryTable CategoryTableOf(const aggregator::v1::IndicatorResult& ind);

// The parts of each satker's value (the TPI's Pemenuhan, Reform, Hasil; the IKP's lembaga by
// kind), one column per part; no rows when no satker value has parts.
report::v1::RincianTable RincianOf(const aggregator::v1::IndicatorResult& ind);

}  // namespace lkip::aggregator
