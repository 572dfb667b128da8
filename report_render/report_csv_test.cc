// The report's CSV tables read back with an RFC 4180 reader: every IKK, satker row and budget row
// of the example's report, the figures in each dialect as that dialect promises (Indonesian as
// the report displays them, ISO exact), and quoting where a text holds the separator.
#include "report_render/report_csv.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"
#include "services/aggregator/report/example_inputs.h"

namespace lkip::render {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// An RFC 4180 reader, independent of the writer: quoted fields, doubled quotes, CRLF records.
Rows Read(const std::string& text, char sep) {
  Rows rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == sep) {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

size_t Column(const Rows& rows, const std::string& name) {
  const auto& header = rows.at(0);
  return std::find(header.begin(), header.end(), name) - header.begin();
}

class ReportCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto in = aggregator::ExampleReportInputs();
    // A name holding both separators and a quote, as a PK may state it.
    in.pk.mutable_sasaran(0)->mutable_indicators(0)->set_name("Indeks \"A\"; B, C");
    for (const auto& [code, value] : {std::pair{"BNNP_NTB", "12"}, std::pair{"BNNK_BIMA", "8"}}) {
      auto* row = in.capaian.mutable_indicators(0)->add_satker_rows();
      row->set_satker_code(code);
      row->set_satker_name(absl::StrCat("Satker ", code, "; NTB"));
      row->mutable_value()->set_value(value);
    }
    auto* satker = in.budget.mutable_per_satker();
    for (const auto& [code, pagu] :
         {std::pair{"BNNP_NTB", int64_t{10000000000}}, std::pair{"BNNK_BIMA", int64_t{6468319000}}}) {
      auto* row = satker->add_rows();
      row->set_code(code);
      row->mutable_pagu()->set_amount(pagu);
    }
    report_ = aggregator::BuildReport(in);
    for (const auto& s : report_.sasaran())
      for (const auto& ind : s.indicators()) indicators_.push_back(&ind);
  }
  report::v1::Report report_;
  std::vector<const report::v1::IndicatorSection*> indicators_;
};

TEST_F(ReportCsvTest, CapaianInIndonesianIsWhatTheReportDisplays) {
  auto csv = ReportCsv(report_, "capaian", kCsvIndonesian);
  ASSERT_TRUE(csv.ok()) << csv.status();
  const Rows rows = Read(*csv, ';');
  ASSERT_EQ(rows.size(), indicators_.size() + 1);
  const size_t code = Column(rows, "kode_ikk"), name = Column(rows, "nama_ikk"),
               capaian = Column(rows, "capaian_persen"), realisasi = Column(rows, "realisasi");
  for (size_t i = 0; i < indicators_.size(); ++i) {
    const auto& ind = *indicators_[i];
    const auto& row = rows[i + 1];
    ASSERT_EQ(row.size(), rows[0].size()) << ind.code();
    EXPECT_EQ(row[code], ind.code());
    EXPECT_EQ(row[name], ind.name());
    if (ind.capaian_available()) {
      EXPECT_EQ(row[capaian], ind.capaian_display()) << ind.code();
    }
    if (ind.available()) {
      EXPECT_EQ(row[realisasi], ind.realisasi_display()) << ind.code();
    }
  }
}

TEST_F(ReportCsvTest, CapaianInIsoIsExactOrSixPlaces) {
  auto csv = ReportCsv(report_, "capaian", kCsvIso);
  ASSERT_TRUE(csv.ok()) << csv.status();
  const Rows rows = Read(*csv, ',');
  const size_t capaian = Column(rows, "capaian_persen");
  int fractions = 0;
  for (size_t i = 0; i < indicators_.size(); ++i) {
    const auto& ind = *indicators_[i];
    if (!ind.capaian_available()) continue;
    const Decimal exact = *Decimal::Parse(ind.capaian().value());
    const std::string& cell = rows[i + 1][capaian];
    EXPECT_EQ(cell.find(','), std::string::npos);
    if (exact.IsTerminating()) {
      EXPECT_EQ(*Decimal::Parse(cell), exact) << ind.code();
    } else {
      ++fractions;
      EXPECT_EQ(cell, exact.ToFixed(6)) << ind.code();
    }
  }
  EXPECT_GT(fractions, 0) << "the example has capaian without a finite decimal";
}

TEST_F(ReportCsvTest, EverySatkerRowAndEveryBudgetRowWithItsTotal) {
  auto satker = ReportCsv(report_, "satker", kCsvIso);
  ASSERT_TRUE(satker.ok());
  size_t expected = 0;
  for (const auto* ind : indicators_) expected += ind->satker_rows_size();
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(Read(*satker, ',').size(), expected + 1);

  auto anggaran = ReportCsv(report_, "anggaran", kCsvIso);
  ASSERT_TRUE(anggaran.ok()) << anggaran.status();
  const Rows rows = Read(*anggaran, ',');
  const size_t table = Column(rows, "tabel"), kode = Column(rows, "kode"), pagu = Column(rows, "pagu");
  int totals = 0;
  for (const std::string t : {"program", "satker", "kegiatan"}) {
    int64_t sum = 0, total = -1;
    for (size_t i = 1; i < rows.size(); ++i) {
      if (rows[i][table] != t) continue;
      if (rows[i][kode] == "JUMLAH") {
        total = std::stoll(rows[i][pagu]);
      } else {
        sum += std::stoll(rows[i][pagu]);
      }
    }
    if (total < 0) continue;  // a table without rows has no total
    ++totals;
    EXPECT_EQ(total, sum) << t;
  }
  EXPECT_EQ(totals, 1);  // the example's per-satker table
}

TEST_F(ReportCsvTest, AnUnknownTableOrDialectIsNamed) {
  const auto table = ReportCsv(report_, "rekap", kCsvIso);
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(table.status().message().find("table: \"rekap\""), std::string::npos) << table.status();
  const auto dialect = CsvDialectNamed("excel", "dialect");
  EXPECT_EQ(dialect.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(dialect.status().message().find("dialect: \"excel\""), std::string::npos);
  EXPECT_EQ(ReportCsvFileName(report_, "satker", kCsvIso),
            absl::StrCat("satker-", report_.province_code(), "-", report_.fiscal_year(), "-iso.csv"));
}

}  // namespace
}  // namespace lkip::render
