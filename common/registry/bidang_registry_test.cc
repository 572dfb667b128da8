#include "common/registry/bidang_registry.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace lkip {
namespace {

// The compiled table is the file's table: every non-comment line, in order.
TEST(BidangRegistry, IsTheTsvTable) {
  std::ifstream in(std::string(LKIP_SOURCE_DIR) + "/common/registry/bidang_services.tsv");
  ASSERT_TRUE(in.good());
  std::string line;
  size_t i = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    ASSERT_LT(i, BidangServices().size());
    const BidangService& s = BidangServices()[i++];
    EXPECT_EQ(line, std::string(s.name) + "\t" + std::string(s.package) + "\t" + std::string(s.grpc_service) +
                        "\t" + std::string(s.label) + "\t" + std::string(s.ikk));
  }
  EXPECT_EQ(i, BidangServices().size());
}

TEST(BidangRegistry, FindsByName) {
  ASSERT_NE(FindBidangService("keuangan"), nullptr);
  EXPECT_EQ(FindBidangService("keuangan")->package, "lkip.keuangan.v1");
  EXPECT_EQ(FindBidangService("aggregator"), nullptr);
}

}  // namespace
}  // namespace lkip
