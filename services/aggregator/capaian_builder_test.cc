#include "services/aggregator/capaian_builder.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/numeric/rounded_text.h"
#include "common/testing/expected_figures.h"
#include "lkip/bundle/v1/bundle.pb.h"
#include "services/aggregator/pk_record.h"

namespace lkip::aggregator {
namespace {

struct Fixture {
  Fixture() {
    std::ifstream in(LKIP_SOURCE_DIR "/examples/ntb-2023/bundle.json");
    std::stringstream text;
    text << in.rdbuf();
    bundle::v1::Bundle bundle;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text.str(), &bundle).ok());
    pk = bundle.perjanjian_kinerja();
    units = std::move(*UnitTree::Build({bundle.units().begin(), bundle.units().end()}));
    book = std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules"));
    rules = *book.ForYear(2023);
    // The PK in the bundle leaves `service` to the rules; fill it as the aggregator does.
    EXPECT_TRUE(ValidatePerjanjianKinerja(*rules, units, &pk, "pk").ok());
  }

  // Canned answers of the five services: the NTB realisasi of domain-rules §4.
  std::vector<ServiceFetch> Fetched() const {
    std::map<std::string, ServiceFetch> by_service;
    for (const auto& ikk : testing::Ntb2023Expected().indicators) {
      const std::string& code = ikk.code;
      const auto* rule = rules->FindIndicator(code);
      const std::string& service = rules->FindMeasure(rule->measure())->service();
      ServiceFetch& f = by_service[service];
      f.service = service;
      f.response.set_rule_set_version("2023.1");
      auto* v = f.response.add_values();
      v->set_code(code);
      v->set_available(true);
      v->mutable_realisasi()->set_value(ikk.realisasi);
    }
    std::vector<ServiceFetch> out;
    for (auto& [name, f] : by_service) out.push_back(f);
    return out;
  }

  aggregator::v1::PerjanjianKinerja pk;
  UnitTree units;
  RuleBook book;
  const YearRules* rules = nullptr;
};

std::vector<int> Counts(const aggregator::v1::BandCounts& bands) {
  std::vector<int> out;
  for (const auto& r : bands.rows()) out.push_back(r.count());
  return out;
}

TEST(CapaianBuilderTest, ReproducesTheNtbTableAndBands) {
  Fixture f;
  auto report = BuildCapaianReport(f.pk, f.units, *f.rules, f.Fetched());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->complete());
  EXPECT_EQ(report->province_name(), "BNNP Nusa Tenggara Barat");
  ASSERT_EQ(report->indicators_size(), 19);
  EXPECT_EQ(report->indicators(0).capaian().value(), "150");
  EXPECT_EQ(report->indicators(1).capaian().value(), "400/3");  // exact, rounded only for display
  EXPECT_EQ(report->indicators(15).capaian().value(), "0");
  ASSERT_EQ(report->bands_size(), 3);
  for (const auto& bands : report->bands()) {
    EXPECT_EQ(Counts(bands), testing::Ntb2023Expected().bands.at(bands.band_set())) << bands.band_set();
  }
  for (int i = 0; i < report->indicators_size(); ++i) {
    EXPECT_EQ(*RoundedFixed(report->indicators(i).capaian().value(), 2),
              testing::Ntb2023Expected().indicators[i].capaian);
  }
  // The [default] rules are named, so the report can footnote them.
  bool ikk13 = false;
  for (const auto& u : report->unverified_rules()) ikk13 |= u.rfind("IKK-13", 0) == 0;
  EXPECT_TRUE(ikk13);
  EXPECT_FALSE(report->indicators(12).verified());
}

TEST(CapaianBuilderTest, AServiceDownMarksItsIndicatorsUnavailableWithTheReason) {
  Fixture f;
  auto fetched = f.Fetched();
  for (auto& s : fetched) {
    if (s.service == "pemberantasan") s.status = absl::UnavailableError("pemberantasan: failed to connect");
  }
  auto report = BuildCapaianReport(f.pk, f.units, *f.rules, fetched);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->complete());
  int unavailable = 0;
  for (const auto& ind : report->indicators()) {
    if (ind.service() == "pemberantasan") {
      EXPECT_FALSE(ind.available());
      EXPECT_EQ(ind.unavailable_reason(), "layanan pemberantasan tidak dapat dihubungi saat laporan disusun");
      ++unavailable;
    } else {
      EXPECT_TRUE(ind.available());
    }
  }
  // The call's own message is kept for the operator, beside the reader's reason.
  for (const auto& svc : report->services()) {
    if (svc.service() == "pemberantasan") {
      EXPECT_NE(svc.reason().find("failed to connect"), std::string::npos);
    }
  }
  EXPECT_EQ(unavailable, 3);
  EXPECT_EQ(report->bands(2).not_counted_size(), 3);  // missing data is not counted as a band
  int s3 = 0;
  for (int c : Counts(report->bands(2))) s3 += c;
  EXPECT_EQ(s3, 16);
}

TEST(CapaianBuilderTest, AnotherRuleSetVersionIsRefused) {
  Fixture f;
  auto fetched = f.Fetched();
  fetched[0].response.set_rule_set_version("2023.0");
  EXPECT_EQ(BuildCapaianReport(f.pk, f.units, *f.rules, fetched).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(CapaianBuilderTest, AValueWithoutDataIsUnavailable) {
  Fixture f;
  auto fetched = f.Fetched();
  for (auto& s : fetched) {
    for (auto& v : *s.response.mutable_values()) {
      if (v.code() == "IKK-19") {
        v.set_available(false);
        v.set_unavailable_reason("belum ada nilai satker yang dicatat untuk Nilai Zona Integritas");
        v.clear_realisasi();
      }
    }
  }
  auto report = BuildCapaianReport(f.pk, f.units, *f.rules, fetched);
  EXPECT_FALSE(report->indicators(18).available());
  EXPECT_NE(report->indicators(18).unavailable_reason().find("Nilai Zona Integritas"), std::string::npos);
}

}  // namespace
}  // namespace lkip::aggregator
