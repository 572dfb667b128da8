// Issue 13's comparison: the same 1.000.000-row SKM CSV imported by `lkipctl import-skm` into a
// suite whose services fsync every write (--sync_writes), against PostgreSQL 15's `\copy` of it
// into a table with a primary key under PostgreSQL's defaults (fsync on, synchronous_commit on):
// equal durability, each acknowledged import survives a power loss. Both run back to back in
// every iteration, alternating which goes first (tools/bench/ratio.h); the counters give each one's
// time and ratio = lkip / PostgreSQL (the goal is lkip at least 1,5 times as fast: ratio <= 0,67).
//
// PostgreSQL runs as a throwaway cluster in a temporary folder, on a Unix socket only (as the
// postgres user when this runs as root: initdb refuses root). The suite is scripts/suite.sh's.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/test_server.h"
#include "tools/bench/ratio.h"
#include "tools/bench/service_process.h"

namespace lkip {
namespace {

constexpr int kRows = 1000000;
std::string g_root;    // the repository (scripts/suite.sh, examples/)
std::string g_build;   // the build tree (its services and lkipctl)
std::string g_pg_bin;  // e.g. /usr/lib/postgresql/15/bin

std::string Quote(const std::string& s) { return "'" + s + "'"; }

bool Run(const std::string& command) {
  const int rc = std::system(command.c_str());
  if (rc != 0) std::fprintf(stderr, "failed (%d): %s\n", rc, command.c_str());
  return rc == 0;
}

std::string Output(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buffer[512];
    while (fgets(buffer, sizeof buffer, p) != nullptr) out += buffer;
    pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

class Setup {
 public:
  Setup() {
    std::filesystem::permissions(dir_.path(), std::filesystem::perms::all);  // the postgres user writes here
    csv_ = dir_.Sub("skm.csv");
    WriteCsv();
    as_pg_ = geteuid() == 0 ? "runuser -u postgres -- " : "";
    const std::string pg = dir_.Sub("pg");
    ok_ = Run(as_pg_ + g_pg_bin + "/initdb -A trust -U postgres -D " + Quote(pg) + " >/dev/null") &&
          Run(as_pg_ + g_pg_bin + "/pg_ctl -D " + Quote(pg) + " -l " + Quote(dir_.Sub("pg.log")) +
              " -o \"-k " + dir_.path() + " -c listen_addresses='' -p 54329\" -w start >/dev/null");
    const std::string var = dir_.Sub("var");
    aggregator_ = Output("LKIP_BUILD_DIR=" + Quote(g_build) + " LKIP_SERVICE_FLAGS=--sync_writes bash " +
                         Quote(g_root + "/scripts/suite.sh") + " start " + Quote(var));
    ok_ = ok_ && !aggregator_.empty() &&
          Run(Lkipctl() + " import " + Quote(g_root + "/examples/ntb-2023/bundle.json") + " >/dev/null");
  }
  ~Setup() {
    Run(as_pg_ + g_pg_bin + "/pg_ctl -D " + Quote(dir_.Sub("pg")) + " -m fast -w stop >/dev/null");
    Run("bash " + Quote(g_root + "/scripts/suite.sh") + " stop " + Quote(dir_.Sub("var")));
  }
  bool ok() const { return ok_; }

  // A new table each time (creating it costs milliseconds against seconds of copying).
  bool Copy() {
    const std::string table = absl::StrCat("skm_", ++copies_);
    return Run(
        as_pg_ + g_pg_bin + "/psql -q -h " + dir_.path() + " -p 54329 -U postgres -v ON_ERROR_STOP=1 -c " +
        Quote("CREATE TABLE " + table +
              " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, satker_code text NOT NULL, u1 smallint, "
              "u2 smallint, u3 smallint, u4 smallint, u5 smallint, u6 smallint, u7 smallint, u8 smallint, "
              "u9 smallint)") +
        " -c \"\\copy " + table + " (satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9) FROM " + Quote(csv_) +
        " CSV HEADER\" >/dev/null");
  }

  // The same rows again under a new import id (they would be refused as a repeat without the flag).
  bool Import() {
    return Run(Lkipctl() + " import-skm --year 2023 --same-rows-again --import-id " +
               absl::StrCat("bench-", ++imports_) + " " + Quote(csv_) + " >/dev/null 2>&1");
  }

 private:
  std::string Lkipctl() const {
    return Quote(g_build + "/tools/lkipctl") + " --aggregator " + aggregator_ + " --actor bench";
  }
  void WriteCsv() {
    std::ofstream out(csv_);
    out << "satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9\n";
    const char* satker[] = {"BNNP_NTB", "BNNK_BIMA", "BNNK_MATARAM", "BNNK_SUMBAWA", "BNNK_SUMBAWA_BARAT"};
    std::mt19937 rng(7);
    for (int i = 0; i < kRows; ++i) {
      out << satker[rng() % 5];
      for (int j = 0; j < 9; ++j) out << ',' << 1 + rng() % 4;
      out << '\n';
    }
    chmod(csv_.c_str(), 0644);
  }

  testing::TempDir dir_;
  std::string csv_, as_pg_, aggregator_;
  bool ok_ = false;
  int copies_ = 0, imports_ = 0;
};

Setup* g_setup = nullptr;

void BM_ImportVsPostgresCopy(benchmark::State& state) {
  if (g_setup == nullptr) g_setup = new Setup();
  if (!g_setup->ok()) {
    state.SkipWithError("setup failed (PostgreSQL or the suite)");
    return;
  }
  bench::Ratio(
      state, [] { return g_setup->Copy(); }, [] { return g_setup->Import(); });
  state.counters["rows"] = kRows;
}
BENCHMARK(BM_ImportVsPostgresCopy)->Unit(benchmark::kMillisecond)->Iterations(2)->UseManualTime();

}  // namespace
}  // namespace lkip

int main(int argc, char** argv) {
  const int rc = lkip::bench::RunBenchmarks(
      argc, argv, {{"root", &lkip::g_root}, {"build", &lkip::g_build}, {"pg_bin", &lkip::g_pg_bin}});
  delete lkip::g_setup;
  return rc;
}
