#include "tools/lkipctl/report_model.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/numeric/decimal.h"
#include "tools/lkipctl/budget_output.h"
#include "tools/lkipctl/capaian_output.h"

namespace lkip::ctl {
namespace {

using ordered_json = nlohmann::ordered_json;

// A stored text as paragraphs, or the placeholder that says which text is missing.
ordered_json Text(const std::map<std::string, std::string>& texts, const std::string& key, const std::string& label) {
  ordered_json paragraphs = ordered_json::array();
  auto it = texts.find(key);
  if (it != texts.end()) {
    for (absl::string_view p : absl::StrSplit(it->second, "\n\n", absl::SkipWhitespace())) {
      paragraphs.push_back(std::string(absl::StripAsciiWhitespace(p)));
    }
  }
  return {{"key", key},
          {"label", label},
          {"paragraphs", paragraphs},
          {"missing", paragraphs.empty()},
          {"placeholder", absl::StrCat("[Belum diisi: ", label, "]")}};
}

// "meningkat" / "menurun" / "tetap" of `now` against `before`, from the exact values.
std::string Direction(const Decimal& now, const Decimal& before, const char* up, const char* down, const char* same) {
  return now > before ? up : (now < before ? down : same);
}

// The comparison sentences of one IKK, written from the stored figures and the realisasi.
ordered_json ComparisonText(const aggregator::v1::Comparison& c, const ordered_json& ind, const std::string& unit,
                            int year) {
  ordered_json out = ordered_json::array();
  if (!c.previous_value().value().empty() && ind.value("available", false)) {
    const Decimal before = *Decimal::Parse(c.previous_value().value());
    const Decimal now = *Decimal::Parse(ind["realisasi"].get<std::string>());
    out.push_back(absl::StrCat("Dibandingkan tahun ", year - 1, " sebesar ", DisplayIndonesian(c.previous_value().value()),
                               " ", unit, ", realisasi tahun ", year, " sebesar ", ind["realisasi_display"].get<std::string>(),
                               " ", unit, " ", Direction(now, before, "meningkat", "menurun", "tetap"), " (sumber nilai ",
                               year - 1, ": ", c.previous_source(), ")."));
  }
  if (!c.national_value().value().empty() && !c.province_value().value().empty()) {
    const Decimal national = *Decimal::Parse(c.national_value().value());
    const Decimal province = *Decimal::Parse(c.province_value().value());
    out.push_back(absl::StrCat("Nilai ", c.national_label(), " provinsi sebesar ", DisplayIndonesian(c.province_value().value()),
                               ", ", Direction(province, national, "lebih tinggi dari", "lebih rendah dari", "sama dengan"),
                               " nilai nasional sebesar ", DisplayIndonesian(c.national_value().value()), " (sumber: ",
                               c.national_source(), ")."));
  }
  return out;
}

std::string Capaian(const ordered_json& ind) {
  return ind.contains("capaian_display") ? ind["capaian_display"].get<std::string>() : "NA";
}

}  // namespace

ordered_json ReportJson(const ReportInputs& in) {
  std::map<std::string, std::string> texts;
  for (const auto& n : in.narratives.narratives()) texts[n.key()] = n.text();
  std::map<std::string, const aggregator::v1::Comparison*> comparisons;
  for (const auto& c : in.comparisons.comparisons()) comparisons[c.code()] = &c;
  const ordered_json capaian = CapaianJson(in.capaian);
  const std::string instansi = in.capaian.province_name();
  const int year = in.capaian.fiscal_year();

  ordered_json out;
  out["fiscal_year"] = year;
  out["province"] = in.capaian.province_code();
  out["instansi"] = instansi;
  out["rule_set_version"] = in.capaian.rule_set_version();
  out["complete"] = in.capaian.complete() && in.budget_available;
  out["title"] = absl::StrCat("Laporan Kinerja Instansi Pemerintah ", instansi, " Tahun ", year);
  out["kata_pengantar"] = Text(texts, "kata_pengantar", "kata pengantar");
  out["penandatangan"] = {{"tempat_tanggal", Text(texts, "penandatangan.tempat_tanggal", "tempat dan tanggal")},
                          {"jabatan", Text(texts, "penandatangan.jabatan", "jabatan penandatangan")},
                          {"nama", Text(texts, "penandatangan.nama", "nama penandatangan")}};
  out["bab1"] = ordered_json::array(
      {Text(texts, "bab1.latar_belakang", "A. Latar Belakang"), Text(texts, "bab1.dasar_hukum", "B. Dasar Hukum"),
       Text(texts, "bab1.kedudukan_tugas_fungsi", "C. Kedudukan, Tugas, Fungsi, dan Kewenangan"),
       Text(texts, "bab1.struktur_organisasi", "D. Struktur Organisasi"),
       Text(texts, "bab1.sistematika", "E. Sistematika Penyajian")});

  // Bab II and III: the sasaran of the PK with their indicators, as computed.
  std::map<std::string, ordered_json> by_code;
  for (const auto& ind : capaian["indicators"]) by_code[ind["code"].get<std::string>()] = ind;
  ordered_json sasaran = ordered_json::array();
  int n_ikk = 0;
  for (const auto& s : in.pk.sasaran()) {
    ordered_json indicators = ordered_json::array();
    for (const auto& pk_ind : s.indicators()) {
      ++n_ikk;
      ordered_json ind = by_code.count(pk_ind.code()) ? by_code[pk_ind.code()] : ordered_json::object();
      ind["code"] = pk_ind.code();
      ind["name"] = pk_ind.name();
      ind["unit"] = pk_ind.unit();
      if (ind.value("available", false)) {
        ind["kalimat_capaian"] = absl::StrCat(
            "Dari target yang ditetapkan dalam perjanjian kinerja sebesar ", ind["target_display"].get<std::string>(), " ",
            pk_ind.unit(), ", terealisasi ", ind["realisasi_display"].get<std::string>(), " ", pk_ind.unit(),
            " atau capaian ", Capaian(ind), "%.");
      } else {
        ind["kalimat_capaian"] = absl::StrCat("Data realisasi tidak tersedia: ", ind.value("unavailable_reason", ""), ".");
      }
      ordered_json blocks = ordered_json::array();
      for (const auto& [field, label] : std::vector<std::pair<std::string, std::string>>{
               {"definisi_operasional", "definisi operasional"}, {"metode_pengukuran", "metode pengukuran"},
               {"faktor", "faktor keberhasilan/kegagalan"}, {"hambatan", "hambatan"}, {"rekomendasi", "rekomendasi"}}) {
        blocks.push_back(Text(texts, absl::StrCat(pk_ind.code(), ".", field), absl::StrCat(label, " ", pk_ind.code())));
      }
      ind["teks"] = blocks;
      auto cmp = comparisons.find(pk_ind.code());
      ind["perbandingan"] = cmp == comparisons.end() ? ordered_json::array()
                                                     : ComparisonText(*cmp->second, ind, pk_ind.unit(), year);
      ind["has_satker_rows"] = ind.contains("satker_rows") && !ind["satker_rows"].empty();
      indicators.push_back(ind);
    }
    sasaran.push_back({{"number", s.number()}, {"text", s.text()}, {"indicators", indicators}});
  }
  out["sasaran"] = sasaran;
  out["n_sasaran"] = in.pk.sasaran_size();
  out["n_ikk"] = n_ikk;
  out["indicators"] = capaian["indicators"];
  out["band_sets"] = capaian["band_sets"];
  out["unverified_rules"] = capaian["unverified_rules"];
  out["has_unverified_rules"] = capaian["has_unverified_rules"];

  // Bab III B: the budget tables, computed by keuangan from DIPA and realisasi.
  out["anggaran_available"] = in.budget_available;
  if (in.budget_available) {
    out["anggaran"] = {{"per_program", BudgetTableJson(in.budget.per_program())},
                       {"per_satker", BudgetTableJson(in.budget.per_satker())}};
    const ordered_json total = out["anggaran"]["per_satker"]["total"];
    out["anggaran"]["kalimat"] = absl::StrCat(
        "Pagu anggaran ", instansi, " beserta BNNK jajarannya tahun ", year, " sebesar Rp", total["pagu"].get<std::string>(),
        " dengan realisasi sebesar Rp", total["realisasi"].get<std::string>(), " (", total["percent"].get<std::string>(),
        "%), sisa anggaran Rp", total["sisa"].get<std::string>(), ".");
  }
  out["bab4"] = {{"kesimpulan", Text(texts, "bab4.kesimpulan", "kesimpulan")},
                 {"langkah", Text(texts, "bab4.langkah_ke_depan", "langkah yang akan dilakukan")}};
  return out;
}

}  // namespace lkip::ctl
