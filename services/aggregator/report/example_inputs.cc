#include "services/aggregator/report/example_inputs.h"

namespace lkip::aggregator {

ReportInputs ExampleReportInputs() {
  ReportInputs in;
  in.capaian.set_fiscal_year(2023);
  in.capaian.set_province_code("BNNP_NTB");
  in.capaian.set_province_name("BNNP Nusa Tenggara Barat");
  in.capaian.set_complete(true);
  auto* ind = in.capaian.add_indicators();
  ind->set_code("IKK-12");
  ind->set_sasaran_number(9);
  ind->set_name("Jumlah berkas perkara tindak pidana narkotika yang P-21");
  ind->set_unit("Berkas Perkara");
  ind->mutable_target()->mutable_value()->set_value("12");
  ind->set_available(true);
  ind->mutable_realisasi()->set_value("20");
  ind->set_capaian_available(true);
  ind->mutable_capaian()->set_value("500/3");
  auto* s = in.pk.add_sasaran();
  s->set_number(9);
  s->set_text("Meningkatnya pengungkapan tindak pidana narkotika");
  auto* pki = s->add_indicators();
  pki->set_code("IKK-12");
  pki->set_name("Jumlah berkas perkara tindak pidana narkotika yang P-21");
  pki->set_unit("Berkas Perkara");
  auto* n = in.narratives.add_narratives();
  n->set_key("IKK-12.definisi_operasional");
  n->set_text("Definisi operasional dari jumlah berkas perkara ...\n\nParagraf kedua.");
  auto* total = in.budget.mutable_per_satker()->mutable_total();
  total->mutable_pagu()->set_amount(16468319000);
  total->mutable_realisasi()->set_amount(16375654700);
  total->mutable_sisa()->set_amount(92664300);
  total->mutable_realisasi_percent()->set_value("99.44");
  in.budget_available = true;
  return in;
}

}  // namespace lkip::aggregator
