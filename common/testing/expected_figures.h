// The figures the NTB 2023 example must reproduce (examples/ntb-2023/expected.json), for every
// test that checks them; the Python end-to-end test reads the same file.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lkip::testing {

struct ExpectedIndicator {
  std::string code;    // "IKK-01"
  std::string target;  // exact decimals with '.'
  std::string realisasi;
  std::string capaian;  // to two decimals, "150.00"
};

struct ExpectedFigures {
  int fiscal_year = 0;
  std::string province_code;
  std::vector<ExpectedIndicator> indicators;      // IKK-01..19 in order
  std::map<std::string, std::vector<int>> bands;  // "S1" -> the count of each band
  std::map<std::string, std::string> anggaran;    // pagu, realisasi, sisa, persen, efisiensi
};

// Aborts the test binary with a message when the file cannot be read: every test using it
// depends on it.
const ExpectedFigures& Ntb2023Expected();

}  // namespace lkip::testing
