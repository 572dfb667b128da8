// The budget chapter's tables (keuangan's GetBudgetTables) as the report prints them: rupiah in
// Indonesian number format, percentages to two decimals, a sisa of 0 as "-" as in the seed.
#pragma once

#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/keuangan/v1/keuangan.pb.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::aggregator {

// The rows numbered from 1, then the TOTAL row (numbered 0).
report::v1::BudgetView BudgetViewOf(const keuangan::v1::BudgetTable& table);

// The Perjanjian Kinerja's kegiatan budgets beside the DIPA's (Lampiran 2), into `anggaran`
// (whose per_kegiatan is BudgetViewOf(`dipa`)): each row's anggaran_pk and selisih_pk (the
// DIPA's pagu less the PK's figure, "-" where either has no line), a row for a PK kegiatan
// without a DIPA line, the totals, and kalimat_pk. Nothing when the PK states no kegiatan.
void AddPkKegiatan(const aggregator::v1::PerjanjianKinerja& pk, const keuangan::v1::BudgetTable& dipa,
                   report::v1::Anggaran* anggaran);

}  // namespace lkip::aggregator
