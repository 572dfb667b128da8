// What the Perjanjian Kinerja lets the report say about an IKK beyond its year's target
// (PermenPANRB 53/2014's analysis): the realisasi against the Renstra's medium-term target, and
// the budget of the kegiatan that serve the IKK beside its capaian. Each is written only when
// the PK states what it needs (PkIndicator.renstra, PkKegiatan.ikk_codes): nothing is assumed.
#pragma once

#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/keuangan/v1/keuangan.pb.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::aggregator {

// ind.kalimat_renstra from the PK's Renstra target and the figures already in `ind` (realisasi,
// polarity, unit), shown with `places` decimals (< 0: each its own).
void WriteRenstra(const aggregator::v1::PkIndicator& pk_ind, int year, int places,
                  report::v1::IndicatorSection* ind);

// ind.efisiensi and ind.kalimat_efisiensi: the kegiatan of `pk` that serve ind's IKK, each with
// its DIPA line of `per_kegiatan` (a kegiatan without one shows no pagu), and their total. When
// the budget was not read (`budget_reason` not empty) only the sentence, saying why.
void WriteEfisiensi(const aggregator::v1::PerjanjianKinerja& pk,
                    const keuangan::v1::BudgetTable& per_kegiatan, const std::string& budget_reason,
                    report::v1::IndicatorSection* ind);

}  // namespace lkip::aggregator
