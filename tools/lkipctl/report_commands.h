// The commands that are one call to the aggregator's lkip.report.v1.ReportService (or its
// Aggregator API) and then files: flags -> one RPC -> files. The aggregator assembles, checks
// and renders; lkipctl writes the bytes it receives.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tools/lkipctl/client.h"

namespace lkip::ctl {

// Checks and imports a data bundle (ImportBundle); --dry-run checks only.
// `bundle_id` empty: the aggregator names the bundle by its digest.
int ImportCmd(const Options& o, const std::string& path, bool dry_run, const std::string& bundle_id);
// Every journaled bundle: id, state, source, year, start, actor.
int ListBundlesCmd(const Options& o);
// A bundle as the aggregator journaled it: state, writes, error.
int BundleShowCmd(const Options& o, const std::string& bundle_id);
// Undoes every write of a bundle at every service and in the aggregator.
int BundleRollbackCmd(const Options& o, const std::string& bundle_id);
// The IKK of a Perjanjian Kinerja.
int IndicatorsCmd(const Options& o, int year, const std::string& province);
// capaian.json and capaian.html (RenderReport, format capaian); `template_path` replaces the
// server's capaian.html.mustache when given.
int CapaianCmd(const Options& o, int year, const std::string& province, const std::filesystem::path& out_dir,
               const std::string& template_path, bool allow_partial);
// The budget tables as text, and anggaran.json when `out_dir` is given (GetReport).
int AnggaranCmd(const Options& o, int year, const std::string& province, const std::string& out_dir);
// The LKIP document in `formats` (RenderReport); `templates_dir` replaces the server's templates
// when given. `final_document`: refused (kExitNotFinal, the list on stderr) while anything remains;
// otherwise a report with something remaining is written as a draft.
int ReportCmd(const Options& o, int year, const std::string& province, const std::filesystem::path& out_dir,
              const std::vector<std::string>& formats, const std::string& templates_dir, bool allow_partial,
              bool final_document = false);
// The verifier (VerifyReport): a listing, verify.json in `out_dir`; exit 4 with --strict on an ERROR.
// `suggest_path`: the stored texts with the typed figures that agree bound to the data, for review
// (suggested_bindings.h).
int VerifyCmd(const Options& o, int year, const std::string& province, const std::string& stated_path,
              const std::string& out_dir, bool strict, const std::string& suggest_path = "");

// The formats RenderReport knows, by their lower-case names ("html", "pdf", ...), from the schema.
std::vector<std::string> FormatNames();

}  // namespace lkip::ctl
