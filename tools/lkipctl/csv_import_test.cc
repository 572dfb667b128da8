// The CSV files lkipctl streams through a real aggregator to real bidang services: rows carry
// their line numbers, bad rows come back listed by line, malformed files are refused before
// anything is written.
#include "tools/lkipctl/csv_import.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/testing/bidang_fixture.h"
#include "services/aggregator/aggregator_fixture.h"
#include "services/pencegahan/pencegahan_service.h"
#include "services/rehabilitasi/rehabilitasi_service.h"

namespace lkip::ctl {
namespace {

class CsvImportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.PutUnits().ok()); }

  absl::StatusOr<indicator::v1::ImportResult> Run(const std::string& csv,
                                                  std::vector<int64_t>* seen = nullptr) {
    const std::string path = dir_.Sub("skm klinik.csv");
    std::ofstream(path) << csv;
    indicator::v1::ImportHeader header;
    header.set_import_id(ImportIdFor(path));
    header.set_fiscal_year(2023);
    auto ctx = testing::Context("operator");
    return ImportSkmCsv(aggregator_.reports(), ctx.get(), path, header, [&](int64_t done, int64_t total) {
      if (seen) seen->push_back(done * 1000 + total);
    });
  }

  testing::TempDir dir_;
  testing::BidangFixture<rehabilitasi::v1::Rehabilitasi, rehabilitasi::RehabilitasiService> f_{
      "rehabilitasi"};
  testing::AggregatorFixture aggregator_{{{"rehabilitasi", f_.address()}}};  // what lkipctl talks to
};

TEST_F(CsvImportTest, StreamsRowsWithTheirLineNumbers) {
  std::vector<int64_t> progress;
  auto result =
      Run("catatan,satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
          "a,BNNP_NTB,4,4,4,4,4,4,4,4,4\n"
          "b,BNNP_NTB,3,3,3,4,3,3,3,4,\n"
          "\"c, d\",BNNK_BIMA,3,3,3,3,3,3,3,3,3\n",
          &progress);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows(), 3);
  EXPECT_EQ(result->import_id(), "skm_klinik.csv");
  EXPECT_EQ(progress.back(), 3003);  // 3 of 3
  auto again =
      Run("catatan,satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
          "a,BNNP_NTB,4,4,4,4,4,4,4,4,4\n"
          "b,BNNP_NTB,3,3,3,4,3,3,3,4,\n"
          "\"c, d\",BNNK_BIMA,3,3,3,3,3,3,3,3,3\n");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_imported());
}

TEST_F(CsvImportTest, BadRowsAreListedByLine) {
  const size_t audits = f_.AuditEntries();
  auto result =
      Run("satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
          "BNNP_NTB,4,4,4,4,4,4,4,4,4\n"
          "BNNP_NTB,4,4,4,4,5,4,4,4,4\n"
          "BNNK_LOMBOK,4,4,4,4,4,4,4,4,4\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(result.status().message());
  EXPECT_NE(message.find("line 3: answers[4] (produk spesifikasi jenis pelayanan) \"5\""), std::string::npos)
      << message;
  EXPECT_NE(message.find("line 4: satker_code \"BNNK_LOMBOK\""), std::string::npos) << message;
  EXPECT_EQ(f_.AuditEntries(), audits);
}

TEST_F(CsvImportTest, MalformedFilesAreRefusedBeforeAnythingIsWritten) {
  const size_t audits = f_.AuditEntries();
  auto result = Run("satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9\nBNNP_NTB,4,4,empat,4,4,4,4,4,4\n");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("line 2, column u3: \"empat\""), absl::string_view::npos)
      << result.status();
  // A file saved as Windows-1252: refused by line, column and byte, not cut off on the wire.
  result =
      Run("satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9\nBNNP_NTB,4,4,4,4,4,4,4,4,4\nBNN\xc9,4,4,4,4,4,4,4,4,4\n");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(
      result.status().message().find("line 3, column satker_code: not UTF-8 text (byte 0xC9 at position 4)"),
      absl::string_view::npos)
      << result.status();
  result = Run("satker_code,u1,u2\nBNNP_NTB,4,4\n");  // missing columns
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("u3"), absl::string_view::npos) << result.status();
  EXPECT_EQ(f_.AuditEntries(), audits);
}

TEST(IkpCsvImportTest, StreamsAssessments) {
  testing::TempDir dir;
  testing::BidangFixture<pencegahan::v1::Pencegahan, pencegahan::PencegahanService> f("pencegahan");
  ASSERT_TRUE(f.PutUnits().ok());
  testing::AggregatorFixture aggregator({{"pencegahan", f.address()}});
  const std::string path = dir.Sub("ikp.csv");
  std::ofstream(path) << "satker_code,lembaga,lingkungan,sdm,metode,anggaran,material,sistem,aktivitas\n"
                         "BNNK_BIMA,\"Dinas Kesehatan, Kab. Bima\",pemerintah,4,3,3,4,3,4\n"
                         "BNNK_BIMA,SMAN 1 Bima,pendidikan,3,3,3,3,3,4\n";
  indicator::v1::ImportHeader header;
  header.set_import_id(ImportIdFor(path));
  header.set_fiscal_year(2023);
  auto ctx = testing::Context("operator");
  auto result = ImportIkpCsv(aggregator.reports(), ctx.get(), path, header, nullptr);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows(), 2);
  std::ofstream(path) << "satker_code,lembaga,lingkungan,sdm,metode,anggaran,material,sistem,aktivitas\n"
                         "BNNK_BIMA,Polres,kepolisian,4,3,3,4,3,4\n";
  header.set_import_id("ikp-2");
  auto ctx2 = testing::Context("operator");
  result = ImportIkpCsv(aggregator.reports(), ctx2.get(), path, header, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("line 2: lingkungan \"kepolisian\""), absl::string_view::npos)
      << result.status();
}

TEST(RespondentCsvImportTest, AcceptsIndonesianDecimalCommas) {
  testing::TempDir dir;
  testing::BidangFixture<pencegahan::v1::Pencegahan, pencegahan::PencegahanService> f("pencegahan");
  ASSERT_TRUE(f.PutUnits().ok());
  testing::AggregatorFixture aggregator({{"pencegahan", f.address()}});
  const std::string path = dir.Sub("dektari.csv");
  std::ofstream(path) << "satker_code,ukuran,responden,skor\n"
                         "BNNK_BIMA,dektari,R-001,\"51,25\"\n"
                         "BNNK_BIMA,dektari,R-002,50.75\n"
                         "BNNK_BIMA,dektara,K-001,\"80,5\"\n";
  indicator::v1::ImportHeader header;
  header.set_import_id(ImportIdFor(path));
  header.set_fiscal_year(2023);
  auto ctx = testing::Context("operator");
  auto result = ImportRespondentCsv(aggregator.reports(), ctx.get(), path, header, nullptr);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows(), 3);
  // The shipped rule reads recorded values; with one recorded, the computed mean shows as its
  // alternative: (51,25 + 50,75) / 2.
  indicator::v1::RecordSatkerValuesRequest record;
  record.set_fiscal_year(2023);
  auto* v = record.add_values();
  v->set_measure("dektari");
  v->set_satker_code("BNNK_BIMA");
  v->mutable_value()->set_value("50");
  ASSERT_TRUE(f.Record(record).ok());
  auto values = f.Values("IKK-01");
  // Bima's row, then Mataram's, listed without a value (IKK-01 counts every BNNK).
  ASSERT_EQ(values.values(0).satker_rows_size(), 2);
  EXPECT_EQ(values.values(0).satker_rows(0).alternative().value().value(), "51");
  EXPECT_TRUE(values.values(0).satker_rows(1).missing());

  std::ofstream(path) << "satker_code,ukuran,responden,skor\nBNNK_BIMA,dektari,R-009,lima puluh\n";
  header.set_import_id("dektari-2");
  auto ctx2 = testing::Context("operator");
  result = ImportRespondentCsv(aggregator.reports(), ctx2.get(), path, header, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("line 2, column skor: \"lima puluh\""), absl::string_view::npos)
      << result.status();
}

TEST(RegisterCsvImportTest, StreamsEntriesAndListsBadRowsByLine) {
  testing::TempDir dir;
  testing::BidangFixture<rehabilitasi::v1::Rehabilitasi, rehabilitasi::RehabilitasiService> f("rehabilitasi");
  ASSERT_TRUE(f.PutUnits().ok());
  testing::AggregatorFixture aggregator({{"rehabilitasi", f.address()}});
  const std::string path = dir.Sub("register.csv");
  std::ofstream(path)
      << "satker_code,register,kode,tanggal,atribut,keterangan\n"
         "BNNP_NTB,petugas_rehab_tersertifikasi,SRT-01,2023-05-02,psikolog,\"Sertifikat No. 12, 2023\"\n"
         "BNNK_BIMA,unit_ibm_beroperasi,IBM-U1,2023-02-01,,Desa Rato\n";
  indicator::v1::ImportHeader header;
  header.set_import_id(ImportIdFor(path));
  header.set_fiscal_year(2023);
  auto ctx = testing::Context("operator");
  auto result = ImportRegisterCsv(aggregator.reports(), ctx.get(), path, header, nullptr);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows(), 2);

  std::ofstream(path) << "satker_code,register,kode,tanggal,atribut,keterangan\n"
                         "BNNP_NTB,petugas_rehab_tersertifikasi,SRT-02,2023-05-02,bidan,\n";
  header.set_import_id("register-2");
  auto ctx2 = testing::Context("operator");
  result = ImportRegisterCsv(aggregator.reports(), ctx2.get(), path, header, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("line 2: attribute \"bidan\""), absl::string_view::npos)
      << result.status();

  // A date lkipctl cannot read is refused by line and column before anything is sent; a day the
  // calendar lacks is refused by the service, listed by line.
  const size_t audits = f.AuditEntries();
  std::ofstream(path) << "satker_code,register,kode,tanggal,atribut,keterangan\n"
                         "BNNP_NTB,petugas_rehab_tersertifikasi,SRT-03,2 Mei 2023,psikolog,\n";
  header.set_import_id("register-3");
  auto ctx3 = testing::Context("operator");
  result = ImportRegisterCsv(aggregator.reports(), ctx3.get(), path, header, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(
      result.status().message().find("line 2, column tanggal: \"2 Mei 2023\" is not a date (YYYY-MM-DD)"),
      absl::string_view::npos)
      << result.status();
  std::ofstream(path) << "satker_code,register,kode,tanggal,atribut,keterangan\n"
                         "BNNP_NTB,petugas_rehab_tersertifikasi,SRT-03,2023-02-30,psikolog,\n";
  header.set_import_id("register-4");
  auto ctx4 = testing::Context("operator");
  result = ImportRegisterCsv(aggregator.reports(), ctx4.get(), path, header, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("line 2: qualified_date \"2023-02-30\": not a calendar date"),
            absl::string_view::npos)
      << result.status();
  EXPECT_EQ(f.AuditEntries(), audits);
}

}  // namespace
}  // namespace lkip::ctl
