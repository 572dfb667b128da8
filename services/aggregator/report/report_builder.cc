#include "services/aggregator/report/report_builder.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "common/registry/bidang_registry.h"
#include "services/aggregator/report/budget_view.h"
#include "services/aggregator/report/ikk_analysis.h"
#include "services/aggregator/report/narrative_keys.h"
#include "services/aggregator/report/report_formula.h"

namespace lkip::aggregator {
namespace {

using report::v1::Text;

// A stored text as paragraphs, or marked missing with the placeholder that says which text.
void FillText(const std::map<std::string, std::string>& texts, const std::string& key,
              const std::string& label, Text* out) {
  out->set_key(key);
  out->set_label(label);
  if (auto it = texts.find(key); it != texts.end()) {
    for (absl::string_view p : absl::StrSplit(it->second, "\n\n", absl::SkipWhitespace())) {
      out->add_paragraphs(std::string(absl::StripAsciiWhitespace(p)));
    }
  }
  out->set_missing(out->paragraphs().empty());
  out->set_placeholder(absl::StrCat("[Belum diisi: ", label, "]"));
}

// "meningkat" / "menurun" / "tetap" of `now` against `before`, from the exact values.
std::string Direction(const Decimal& now, const Decimal& before, const char* up, const char* down,
                      const char* same) {
  return now > before ? up : (now < before ? down : same);
}

// The comparison sentences of one IKK, written from the stored figures and the realisasi. Their
// sources are listed once for the chapter (document_view's "sumber_pembanding"), not per sentence.
void WriteComparison(const aggregator::v1::Comparison& c, int year, int places,
                     report::v1::IndicatorSection* ind) {
  auto before = Decimal::Parse(c.previous_value().value());
  auto now = Decimal::Parse(ind->realisasi().value());
  if (before.ok() && now.ok() && ind->available()) {
    ind->add_perbandingan(absl::StrCat(
        "Dibandingkan tahun ", year - 1, " sebesar ", DisplayIndonesian(c.previous_value().value(), places),
        " ", ind->unit(), ", realisasi tahun ", year, " sebesar ", ind->realisasi_display(), " ", ind->unit(),
        " ", Direction(*now, *before, "meningkat", "menurun", "tetap"), "."));
  }
  // The national table's indicator need not be the IKK's measure (a count of kabupaten/kota is
  // compared by the index it counts): its two values share the decimals of the more precise.
  auto national = Decimal::Parse(c.national_value().value());
  auto province = Decimal::Parse(c.province_value().value());
  if (national.ok() && province.ok()) {
    const int pair =
        std::max(DisplayPlaces(c.province_value().value()), DisplayPlaces(c.national_value().value()));
    ind->add_perbandingan(
        absl::StrCat("Nilai ", c.national_label(), " provinsi sebesar ",
                     DisplayIndonesian(c.province_value().value(), pair), ", ",
                     Direction(*province, *national, "lebih tinggi dari", "lebih rendah dari", "sama dengan"),
                     " nilai nasional sebesar ", DisplayIndonesian(c.national_value().value(), pair), "."));
  }
  std::vector<std::string> targets;
  const int pair = std::max(c.has_national_target() ? DisplayPlaces(c.national_target().value()) : -1,
                            c.has_province_target() ? DisplayPlaces(c.province_target().value()) : -1);
  if (c.has_national_target()) {
    targets.push_back(
        absl::StrCat("nasional sebesar ", DisplayIndonesian(c.national_target().value(), pair)));
  }
  if (c.has_province_target()) {
    targets.push_back(
        absl::StrCat("provinsi sebesar ", DisplayIndonesian(c.province_target().value(), pair)));
  }
  if (!targets.empty()) {
    ind->add_perbandingan(
        absl::StrCat("Target ", c.national_label(), " ", absl::StrJoin(targets, " dan "), "."));
  }
}

// The figures of one IKK as computed (the capaian report's result), with their display texts;
// returns the decimals they are shown with.
FigurePlaces FillFigures(const aggregator::v1::IndicatorResult& r, report::v1::IndicatorSection* ind) {
  ind->set_service(r.service());
  *ind->mutable_target() = r.target();
  const FigurePlaces places = PlacesOf(r);
  ind->set_target_display(TargetDisplay(r.target(), places.province));
  ind->set_polarity(r.polarity());
  ind->set_available(r.available());
  ind->set_verified(r.verified());
  ind->set_rule_source(r.rule_source());
  if (r.has_provenance()) *ind->mutable_provenance() = r.provenance();
  if (!r.available()) {
    ind->set_unavailable_reason(r.unavailable_reason());
    ind->set_capaian_display("NA");
    return places;
  }
  *ind->mutable_realisasi() = r.realisasi();
  ind->set_realisasi_display(DisplayIndonesian(r.realisasi().value(), places.province));
  ind->set_capaian_available(r.capaian_available());
  if (r.capaian_available()) {
    *ind->mutable_capaian() = r.capaian();
    // The services send exact text; text that does not parse shows as sent.
    ind->set_capaian_display(RoundedIndonesian(r.capaian().value(), 2).value_or(r.capaian().value()));
  } else {
    ind->set_capaian_display("NA");
  }
  ind->set_capaian_note(r.capaian_note());
  ind->mutable_satker_rows()->Reserve(r.satker_rows_size());
  for (const auto& row : r.satker_rows()) {
    auto* line = ind->add_satker_rows();
    *line->mutable_row() = row;
    line->set_value_display(row.missing() ? "belum ada nilai"
                                          : DisplayIndonesian(row.value().value(), places.satker));
    if (row.has_alternative())
      line->set_alternative_display(DisplayIndonesian(row.alternative().value().value(), places.satker));
    if (!row.target().value().empty())
      line->set_satker_target_display(DisplayIndonesian(row.target().value(), places.satker));
    if (!row.capaian().value().empty()) {
      line->set_satker_capaian_display(
          RoundedIndonesian(row.capaian().value(), 2).value_or(row.capaian().value()));
    }
  }
  if (!r.categories().empty()) *ind->mutable_kategori() = CategoryTableOf(r);
  if (auto rincian = RincianOf(r); rincian.rows_size() > 0) *ind->mutable_rincian() = std::move(rincian);
  *ind->mutable_rumus() = ComputationOf(r);
  return places;
}

// The ringkasan eksekutif (domain-rules §10): the programs, the S1 distribution, one line per
// IKK grouped by the heading its bidang service reports under.
void FillRingkasan(const report::v1::Report& report, report::v1::Ringkasan* out) {
  std::map<std::string, int> group_of;
  for (const auto& s : report.sasaran()) {
    for (const auto& ind : s.indicators()) {
      const BidangService* svc = FindBidangService(ind.service());
      const std::string label = svc != nullptr ? std::string(svc->label) : "Bagian Umum";
      auto [it, added] = group_of.emplace(label, out->bidang_size());
      if (added) out->add_bidang()->set_label(label);
      const std::string& unit = ind.unit();
      out->mutable_bidang(it->second)
          ->add_ikk(ind.available()
                        ? absl::StrCat(ind.name(), ": target ", ind.target_display(), " ", unit,
                                       ", tercapai ", ind.realisasi_display(), " ", unit, " (capaian ",
                                       ind.capaian_display(), "%).")
                        : absl::StrCat(ind.name(), ": target ", ind.target_display(), " ", unit,
                                       ", data tidak tersedia (", ind.unavailable_reason(), ")."));
    }
  }
  for (const auto& set : report.band_sets()) {
    if (set.band_set() == "S1") *out->mutable_distribusi() = set;
  }
}

// The keys of every text of the report that is marked missing, in document order (the Report's
// field order): whichever part of the report a text sits in, it is found.
// Whether a message type of the report holds a Text, itself or in a field at any depth: the
// walk below descends only into those (not into satker rows or budget tables). Settled once,
// over every type the Report reaches, until no type changes (so a recursive type is right too).
bool HoldsText(const google::protobuf::Descriptor* type) {
  using google::protobuf::Descriptor;
  static const auto* const kHolding = [] {
    std::vector<const Descriptor*> types = {report::v1::Report::descriptor()};
    absl::flat_hash_set<const Descriptor*> seen = {types[0]};
    for (size_t i = 0; i < types.size(); ++i) {
      for (int f = 0; f < types[i]->field_count(); ++f) {
        const Descriptor* t = types[i]->field(f)->message_type();
        if (t != nullptr && seen.insert(t).second) types.push_back(t);
      }
    }
    auto* holding = new absl::flat_hash_set<const Descriptor*>{report::v1::Text::descriptor()};
    for (bool changed = true; changed;) {
      changed = false;
      for (const Descriptor* t : types) {
        if (holding->contains(t)) continue;
        for (int f = 0; f < t->field_count(); ++f) {
          if (holding->contains(t->field(f)->message_type())) {
            holding->insert(t);
            changed = true;
            break;
          }
        }
      }
    }
    return holding;
  }();
  return kHolding->contains(type);
}

// The same walk over a message the caller may change.
void VisitMutableTexts(google::protobuf::Message* m, const std::function<void(Text*)>& visit) {
  if (m->GetDescriptor() == report::v1::Text::descriptor()) {
    visit(static_cast<Text*>(m));
    return;
  }
  const auto* reflection = m->GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(*m, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (!HoldsText(field->message_type())) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(*m, field); ++i)
        VisitMutableTexts(reflection->MutableRepeatedMessage(m, field, i), visit);
    } else {
      VisitMutableTexts(reflection->MutableMessage(m, field), visit);
    }
  }
}

void VisitTexts(const google::protobuf::Message& m, const std::function<void(const Text&)>& visit) {
  if (m.GetDescriptor() == report::v1::Text::descriptor()) {
    visit(static_cast<const report::v1::Text&>(m));
    return;
  }
  const auto* reflection = m.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(m, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (!HoldsText(field->message_type())) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(m, field); ++i)
        VisitTexts(reflection->GetRepeatedMessage(m, field, i), visit);
    } else {
      VisitTexts(reflection->GetMessage(m, field), visit);
    }
  }
}

}  // namespace

report::v1::Report BuildReport(const ReportInputs& in) {
  std::map<std::string, std::string> texts;
  for (const auto& n : in.narratives.narratives()) texts[n.key()] = n.text();
  std::map<std::string, const aggregator::v1::Comparison*> comparisons;
  for (const auto& c : in.comparisons.comparisons()) comparisons[c.code()] = &c;
  std::map<std::string, const aggregator::v1::IndicatorResult*> results;
  for (const auto& r : in.capaian.indicators()) results[r.code()] = &r;
  const std::string instansi = in.capaian.province_name();
  const int year = in.capaian.fiscal_year();

  report::v1::Report out;
  out.set_fiscal_year(year);
  out.set_province_code(in.capaian.province_code());
  out.set_instansi(instansi);
  out.set_title(absl::StrCat("Laporan Kinerja Instansi Pemerintah ", instansi, " Tahun ", year));
  out.set_rule_set_version(in.capaian.rule_set_version());
  *out.mutable_approval() = in.approval;
  if (in.changes.has_value()) *out.mutable_changes_after_submission() = *in.changes;
  if (out.approval().state() == approval::v1::APPROVAL_STATE_UNSPECIFIED) {
    out.mutable_approval()->set_state(approval::v1::APPROVAL_STATE_DRAFT);
  }
  out.set_complete(in.capaian.complete() && in.budget_available);
  for (const auto& s : in.capaian.services()) {
    auto* status = out.add_services();
    *status = s;
    ClearCallFacts(status);
  }
  out.set_pk_source_document(in.pk.source_document());
  using aggregator::v1::IndicatorNarrative;
  using aggregator::v1::NarrativeSection;
  auto fill = [&texts](NarrativeSection section, report::v1::Text* to) {
    FillText(texts, NarrativeKey(section), NarrativeLabel(section), to);
  };
  fill(aggregator::v1::NARRATIVE_SECTION_KATA_PENGANTAR, out.mutable_kata_pengantar());
  fill(aggregator::v1::NARRATIVE_SECTION_PENANDATANGAN_TEMPAT_TANGGAL,
       out.mutable_penandatangan()->mutable_tempat_tanggal());
  fill(aggregator::v1::NARRATIVE_SECTION_PENANDATANGAN_JABATAN,
       out.mutable_penandatangan()->mutable_jabatan());
  fill(aggregator::v1::NARRATIVE_SECTION_PENANDATANGAN_NAMA, out.mutable_penandatangan()->mutable_nama());
  for (auto section : {aggregator::v1::NARRATIVE_SECTION_BAB1_LATAR_BELAKANG,
                       aggregator::v1::NARRATIVE_SECTION_BAB1_DASAR_HUKUM,
                       aggregator::v1::NARRATIVE_SECTION_BAB1_KEDUDUKAN_TUGAS_FUNGSI,
                       aggregator::v1::NARRATIVE_SECTION_BAB1_STRUKTUR_ORGANISASI,
                       aggregator::v1::NARRATIVE_SECTION_BAB1_SISTEMATIKA}) {
    fill(section, out.add_bab1());
  }

  // Bab II and III: the sasaran of the PK with their indicators, as computed.
  std::vector<std::string> kinerja_anggaran;  // Bab IV: the BNNP's NKA and IKPA
  int n_ikk = 0;
  for (const auto& s : in.pk.sasaran()) {
    auto* sasaran = out.add_sasaran();
    sasaran->set_number(s.number());
    sasaran->set_text(s.text());
    for (const auto& pk_ind : s.indicators()) {
      ++n_ikk;
      auto* ind = sasaran->add_indicators();
      ind->set_code(pk_ind.code());
      ind->set_name(pk_ind.name());
      ind->set_unit(pk_ind.unit());
      ind->set_sasaran_number(s.number());
      auto r = results.find(pk_ind.code());
      int places = -1;  // no figures: each comparison value with its own decimals
      if (r != results.end()) {
        places = FillFigures(*r->second, ind).province;
      } else {
        ind->set_service(pk_ind.service());
        *ind->mutable_target() = pk_ind.target();
        ind->set_target_display(TargetDisplay(pk_ind.target()));
        ind->set_unavailable_reason("tidak ada dalam hasil capaian");
        ind->set_capaian_display("NA");
      }
      ind->set_kalimat_capaian(
          ind->available() ? absl::StrCat("Dari target yang ditetapkan dalam perjanjian kinerja sebesar ",
                                          ind->target_display(), " ", pk_ind.unit(), ", terealisasi ",
                                          ind->realisasi_display(), " ", pk_ind.unit(), " atau capaian ",
                                          ind->capaian_display(), "%.")
                           : absl::StrCat("Data realisasi tidak tersedia: ", ind->unavailable_reason(), "."));
      // The texts before the tables (what the IKK is, how it is measured) and after them.
      for (IndicatorNarrative field : IndicatorNarratives()) {
        const bool before_tables = field == aggregator::v1::INDICATOR_NARRATIVE_DEFINISI_OPERASIONAL ||
                                   field == aggregator::v1::INDICATOR_NARRATIVE_METODE_PENGUKURAN;
        FillText(texts, NarrativeKey(pk_ind.code(), field),
                 absl::StrCat(NarrativeLabel(field), " ", pk_ind.code()),
                 before_tables ? ind->add_teks_awal() : ind->add_teks_akhir());
      }
      if (auto cmp = comparisons.find(pk_ind.code()); cmp != comparisons.end()) {
        *ind->mutable_comparison() = *cmp->second;
        WriteComparison(*cmp->second, year, places, ind);
      }
      WriteRenstra(pk_ind, year, places, ind);
      WriteEfisiensi(in.pk, in.budget.per_kegiatan(),
                     in.budget_available                    ? ""
                     : in.budget_unavailable_reason.empty() ? "data anggaran tidak terbaca"
                                                            : in.budget_unavailable_reason,
                     ind);
      // A budget score of the BNNP itself (NKA, IKPA) with its category and source.
      if (r != results.end() && ind->service() == "keuangan" && ind->available() &&
          r->second->aggregation().kind() == rules::v1::AGGREGATION_KIND_PROVINCIAL_OFFICE) {
        for (const auto& row : r->second->satker_rows()) {
          if (row.missing() || row.satker_code() != in.capaian.province_code()) continue;
          kinerja_anggaran.push_back(absl::StrCat(
              pk_ind.name(), " pada ", instansi, " tahun ", year, " sebesar ",
              DisplayIndonesian(row.value().value()),
              row.category().empty() ? "" : absl::StrCat(" dengan kategori \"", row.category(), "\""),
              " (sumber: ", row.provenance().source_document(), ")."));
        }
      }
    }
  }
  out.set_n_sasaran(in.pk.sasaran_size());
  out.set_n_ikk(n_ikk);
  *out.mutable_band_sets() = in.capaian.bands();
  *out.mutable_unverified_rules() = in.capaian.unverified_rules();

  // Bab III B: the budget tables, computed by keuangan from DIPA and realisasi.
  auto* anggaran = out.mutable_anggaran();
  anggaran->set_available(in.budget_available);
  anggaran->set_unavailable_reason(in.budget_unavailable_reason);
  if (in.budget_available) {
    *anggaran->mutable_tables() = in.budget;
    *anggaran->mutable_per_program() = BudgetViewOf(in.budget.per_program());
    *anggaran->mutable_per_satker() = BudgetViewOf(in.budget.per_satker());
    *anggaran->mutable_per_kegiatan() = BudgetViewOf(in.budget.per_kegiatan());
    AddPkKegiatan(in.pk, in.budget.per_kegiatan(), anggaran);
    const report::v1::BudgetLine& total = anggaran->per_satker().total();
    anggaran->set_kalimat(absl::StrCat("Pagu anggaran ", instansi, " beserta BNNK jajarannya tahun ", year,
                                       " sebesar Rp", total.pagu(), " dengan realisasi sebesar Rp",
                                       total.realisasi(), " (", total.percent(), "%), sisa anggaran Rp",
                                       total.sisa(), "."));
    kinerja_anggaran.insert(kinerja_anggaran.begin(), anggaran->kalimat());
    for (const auto& r : in.budget.per_program().rows()) out.mutable_ringkasan()->add_program(r.label());
  }
  FillRingkasan(out, out.mutable_ringkasan());
  fill(aggregator::v1::NARRATIVE_SECTION_BAB4_KESIMPULAN, out.mutable_bab4()->mutable_kesimpulan());
  fill(aggregator::v1::NARRATIVE_SECTION_BAB4_LANGKAH_KE_DEPAN, out.mutable_bab4()->mutable_langkah());
  for (auto& line : kinerja_anggaran) out.mutable_bab4()->add_kinerja_anggaran(std::move(line));
  return out;
}

std::vector<const report::v1::Text*> MissingTexts(const report::v1::Report& report) {
  std::vector<const report::v1::Text*> missing;
  VisitTexts(report, [&missing](const Text& text) {
    if (text.missing()) missing.push_back(&text);
  });
  return missing;
}

void ForEachText(report::v1::Report* report, const std::function<void(report::v1::Text*)>& visit) {
  VisitMutableTexts(report, visit);
}

std::vector<std::string> MissingTextKeys(const report::v1::Report& report) {
  std::vector<std::string> keys;
  for (const Text* text : MissingTexts(report)) keys.push_back(text->key());
  return keys;
}

void ClearCallFacts(aggregator::v1::ServiceStatus* status) {
  status->clear_address();
  status->clear_latency_micros();
}

}  // namespace lkip::aggregator
