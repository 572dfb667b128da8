// lkipctl: the operator's command line, a client of the aggregator. Each command is flags -> one
// call -> files: the aggregator imports bundles, assembles, verifies and renders the report;
// lkipctl writes the bytes it receives. Exit codes: client.h.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/files/text_file.h"
#include "tools/lkipctl/approval_commands.h"
#include "tools/lkipctl/audit_commands.h"
#include "tools/lkipctl/backup_commands.h"
#include "tools/lkipctl/client.h"
#include "tools/lkipctl/data_commands.h"
#include "tools/lkipctl/nasional_commands.h"
#include "tools/lkipctl/report_commands.h"
#include "tools/lkipctl/rules_commands.h"
#include "tools/lkipctl/token_commands.h"

namespace {

std::string DefaultActor() {
  const char* user = std::getenv("USER");
  return absl::StrCat("lkipctl:", user != nullptr ? user : "unknown");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace lkip::ctl;
  CLI::App app{"lkipctl: import data into the lkip suite and write its reports"};
  app.require_subcommand(1);
  app.set_version_flag("--version", LKIP_VERSION);
  Options o;
  o.actor = DefaultActor();
  app.add_option("--aggregator", o.aggregator, "aggregator host:port")->envname("LKIP_AGGREGATOR");
  app.add_option("--pki", o.pki_dir, "folder of ca.crt, client.crt and client.key (scripts/dev-pki.sh)")
      ->envname("LKIP_PKI_DIR");
  app.add_option("--token", o.token, "your token (lkipctl token issue); recorded as who acts")
      ->envname("LKIP_TOKEN");
  std::string token_file;
  app.add_option("--token-file", token_file, "a file holding your token")->envname("LKIP_TOKEN_FILE");
  app.add_flag("--insecure-dev", o.insecure_dev,
               "plaintext, no token: for a suite started with --insecure_dev");
  app.add_option("--actor", o.actor,
                 "with --insecure-dev only: the name an --insecure_dev suite records, as unverified:<actor>");

  TokenRequest token_request;
  auto* token_cmd = app.add_subcommand("token", "user tokens");
  auto* token_issue = token_cmd->add_subcommand("issue", "sign a token for a user (the admin's key)");
  token_cmd->require_subcommand(1);
  token_issue->add_option("--signing-key", token_request.signing_key, "PEM private key that signs tokens")
      ->required()
      ->envname("LKIP_TOKEN_SIGNING_KEY");
  token_issue
      ->add_option("--subject", token_request.subject, "who the token names (recorded in the audit trail)")
      ->required();
  token_issue
      ->add_option("--role", token_request.role, "operator, bidang, perencana, kepala, apip, hq or admin")
      ->required();
  token_issue->add_option("--province", token_request.province, "BNNP code (every role but hq)");
  token_issue
      ->add_option("--satker", token_request.satker, "operator: the satker it may write (comma-separated)")
      ->delimiter(',');
  token_issue->add_option("--bidang", token_request.bidang, "bidang: the bidang service it may write");
  token_issue->add_option("--valid", token_request.valid, "how long it is valid (8h, 30m; at most 744h)");
  app.add_option("--timeout", o.timeout_s, "seconds allowed for each call")->check(CLI::Range(1, 3600));
  app.add_option("--long-timeout", o.long_timeout_s,
                 "seconds allowed for an import or a report render (default 600); past it the import is "
                 "cancelled and nothing of it is written")
      ->check(CLI::Range(1, 86400));

  std::string bundle_path;
  bool dry_run = false;
  auto* import = app.add_subcommand("import", "check a data bundle and import it into every service");
  import->add_option("bundle", bundle_path, "bundle JSON file (docs/bundle-format.md)")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_flag("--dry-run", dry_run, "check the bundle only; import nothing");
  std::string bundle_id;
  import->add_option("--bundle-id", bundle_id,
                     "the bundle's id in the aggregator's journal (default: made from its SHA-256)");
  auto* bundles =
      app.add_subcommand("bundles", "list the bundles the aggregator journaled, with their state");
  auto* bundle_show =
      app.add_subcommand("bundle-show", "show an imported bundle: its state, writes and error");
  bundle_show->add_option("bundle_id", bundle_id, "the id `import` printed")->required();
  auto* bundle_rollback = app.add_subcommand(
      "bundle-rollback",
      "undo every write of a bundle (complete or not) at every service and the aggregator");
  bundle_rollback->add_option("bundle_id", bundle_id, "the id `import` printed")->required();

  int year = 0;
  std::string province;
  auto* indicators = app.add_subcommand("indicators", "list the IKK of a Perjanjian Kinerja");
  indicators->add_option("--year", year, "fiscal year")->required();
  indicators->add_option("--province", province, "BNNP unit code, e.g. BNNP_NTB")->required();

  std::string register_path, register_import_id, register_source;
  bool same_rows_again = false;
  std::vector<std::pair<const CsvKind*, CLI::App*>> registers;
  for (const CsvKind& csv : CsvKinds()) {
    auto* cmd = app.add_subcommand("import-" + csv.kind, csv.help);
    cmd->add_option("csv", register_path, "CSV file (docs/bundle-format.md)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--year", year, "fiscal year")->required();
    cmd->add_option("--import-id", register_import_id, "import id (default: the file name)");
    cmd->add_option("--source-document", register_source,
                    "where the rows come from, shown under the report's rincian tables (default: the file "
                    "name); say so when they are synthetic");
    cmd->add_flag("--same-rows-again", same_rows_again,
                  "import rows that were imported before under another id a second time (by default "
                  "they are refused, so a renamed copy of a file is not counted twice)");
    registers.emplace_back(&csv, cmd);
  }

  std::string out_dir, template_path;
  bool allow_partial = false;
  auto* capaian = app.add_subcommand("capaian", "write the capaian table as capaian.json and capaian.html");
  capaian->add_option("--year", year, "fiscal year")->required();
  capaian->add_option("--province", province, "BNNP unit code")->required();
  capaian->add_option("--out", out_dir, "output directory")->required();
  capaian
      ->add_option("--template", template_path, "an edited capaian.html.mustache (default: the aggregator's)")
      ->check(CLI::ExistingFile);
  capaian->add_flag("--allow-partial", allow_partial, "exit 0 even when a bidang service was unavailable");

  std::string narratives_path;
  auto* narratives =
      app.add_subcommand("set-narratives", "store the report's written texts from a JSON file");
  narratives->add_option("file", narratives_path, "narratives JSON (docs/bundle-format.md)")
      ->required()
      ->check(CLI::ExistingFile);

  std::string comparisons_path;
  auto* comparisons =
      app.add_subcommand("set-comparisons", "store each IKK's comparison values (last year, national)");
  comparisons->add_option("file", comparisons_path, "comparisons JSON (docs/bundle-format.md)")
      ->required()
      ->check(CLI::ExistingFile);

  std::string anggaran_out;
  auto* anggaran = app.add_subcommand(
      "anggaran", "print the budget tables (per program, per satker); --out writes anggaran.json");
  anggaran->add_option("--year", year, "fiscal year")->required();
  anggaran->add_option("--province", province, "BNNP unit code")->required();
  anggaran->add_option("--out", anggaran_out, "output directory");

  std::string report_out, report_templates;
  std::vector<std::string> report_formats = {"html", "md", "json", "pdf", "docx", "xlsx", "csv"};
  bool report_partial = false;
  auto* report = app.add_subcommand("report",
                                    "write the LKIP document: lkip.html, .pdf, .docx, .md, .xlsx, .json, the "
                                    "charts, the CSV tables (tabel/) "
                                    "and manifest.json");
  report->add_option("--year", year, "fiscal year")->required();
  report->add_option("--province", province, "BNNP unit code")->required();
  report->add_option("--out", report_out, "output directory")->required();
  report
      ->add_option(
          "--templates", report_templates,
          "a folder of edited templates (lkip.html.mustache, lkip.md.mustache, lkip.css) that replace the "
          "aggregator's, file by file")
      ->check(CLI::ExistingDirectory);
  report->add_option("--formats", report_formats, "formats to write (comma-separated)")
      ->delimiter(',')
      ->check(CLI::IsMember(FormatNames()));
  report->add_flag("--allow-partial", report_partial, "exit 0 even when a service was unavailable");
  bool report_final = false;
  report->add_flag(
      "--final", report_final,
      "the final document: refused (exit 5, what remains listed) while a text, a rule, an ERROR, "
      "data or the approval remains; without it such a report is written as a DRAF");

  std::string stated_path, verify_out;
  bool strict = false;
  auto* verify = app.add_subcommand(
      "verify", "check the data and a document's stated figures; verify.json and a listing");
  verify->add_option("--year", year, "fiscal year")->required();
  verify->add_option("--province", province, "BNNP unit code")->required();
  verify->add_option("--stated", stated_path, "figures a document states (docs/bundle-format.md)")
      ->check(CLI::ExistingFile);
  verify->add_option("--out", verify_out, "directory for verify.json");
  verify->add_flag("--strict", strict, "exit 4 when a finding is an ERROR");
  std::string suggest_bindings;
  verify
      ->add_option("--suggest-bindings", suggest_bindings,
                   "write the stored texts with each typed figure that agrees with the data replaced by its "
                   "{{ref}}, for review (then set-narratives FILE)")
      ->type_name("FILE");

  std::vector<std::string> wait_addresses;
  int wait_timeout = 30;
  auto* wait = app.add_subcommand("wait-ready", "wait until services report SERVING (gRPC health)");
  wait->add_option("addresses", wait_addresses, "host:port ...")->required();
  wait->add_option("--within", wait_timeout, "seconds to wait in all");

  std::string import_kind, import_id_shown;
  int imports_year = 0;
  auto* imports = app.add_subcommand("imports", "list the committed bulk imports (CSV) of every service");
  imports->add_option("--year", imports_year, "fiscal year (default: every year)");
  imports->add_option("--kind", import_kind,
                      "skm, ikp, whoqol, respondent or register (default: every kind)");
  auto* show_import = app.add_subcommand("import-show", "show one committed bulk import");
  show_import->add_option("kind", import_kind, "skm, ikp, whoqol, respondent or register")->required();
  show_import->add_option("import_id", import_id_shown, "the import's id")->required();
  std::string withdraw_reason;
  auto* withdraw_import = app.add_subcommand(
      "import-withdraw", "withdraw a committed bulk import: its effect is reversed, the reason audited");
  withdraw_import->add_option("kind", import_kind, "skm, ikp, whoqol, respondent or register")->required();
  withdraw_import->add_option("import_id", import_id_shown, "the import's id")->required();
  withdraw_import
      ->add_option("--reason", withdraw_reason, "why it no longer counts (kept in the audit trail)")
      ->required();

  std::string approval_note;
  auto* approval =
      app.add_subcommand("approval", "the report's approval: draft, diajukan, direviu, ditetapkan");
  approval->require_subcommand(1);
  std::vector<std::pair<std::string, CLI::App*>> approval_steps;
  for (const auto& [step, help] : std::vector<std::pair<std::string, std::string>>{
           {"status", "where the report stands, with its history"},
           {"submit", "perencana: submit the report for review (draft -> diajukan)"},
           {"review", "apip: record the review notes (diajukan -> direviu; --note required)"},
           {"approve", "kepala: approve the report and lock the year (direviu -> ditetapkan)"},
           {"reopen", "kepala or admin: reopen the year (-> draft; --note: the reason, required)"}}) {
    auto* cmd = approval->add_subcommand(step, help);
    cmd->add_option("--year", year, "fiscal year")->required();
    cmd->add_option("--province", province, "BNNP unit code")->required();
    if (step != "status") cmd->add_option("--note", approval_note, "a note kept with the step");
    approval_steps.emplace_back(step, cmd);
  }

  AuditQuery audit_query;
  auto* audit =
      app.add_subcommand("audit", "who changed what, when, from which previous value (oldest first)");
  audit->add_option("--service", audit_query.service, "aggregator or a bidang service (default: every one)");
  audit->add_option("--actor", audit_query.actor, "only the writes of this subject");
  audit->add_option("--satker", audit_query.satker, "only writes that changed this satker's data");
  audit->add_option("--keyspace", audit_query.keyspace,
                    "only writes to this keyspace (satker_value, dipa, ...)");
  audit->add_option("--since", audit_query.since, "RFC 3339 time, e.g. 2024-01-15T00:00:00Z");
  audit->add_option("--until", audit_query.until, "RFC 3339 time");
  audit->add_option("--limit", audit_query.limit, "entries shown at most")->check(CLI::PositiveNumber);
  audit->add_flag("--json", audit_query.json, "one JSON object per entry");

  NasionalRequest nasional_request;
  std::string nasional_province;
  auto* nasional =
      app.add_subcommand("nasional", "BNN headquarters' roll-up of every province (the national service)");
  nasional->add_option("--nasional", nasional_request.address, "host:port of the national service")
      ->envname("LKIP_NASIONAL")
      ->required();
  nasional->require_subcommand(1);
  nasional->fallthrough();
  auto* nasional_pull =
      nasional->add_subcommand("tarik", "pull every province's report now (or --province's)");
  nasional_pull->add_option("--province", nasional_request.provinces, "BNNP codes (repeatable)");
  nasional_pull->add_flag("--allow-partial", nasional_request.allow_partial,
                          "exit 0 even when a province could not be pulled");
  auto* nasional_status = nasional->add_subcommand("status", "where each province's snapshot stands");
  auto* nasional_table =
      nasional->add_subcommand("tabel", "write the national table (nasional.json, .csv, .xlsx, .html)");
  nasional_table->add_option("--out", nasional_request.out_dir, "output directory")->required();
  nasional_table
      ->add_option("--format", nasional_request.formats, "json, csv, xlsx, html (default: every format)")
      ->delimiter(',');
  auto* nasional_compare = nasional->add_subcommand(
      "bandingkan",
      "store a province's \"Nasional\" comparisons from the national service at its aggregator");
  nasional_compare->add_option("--province", nasional_province, "BNNP code")->required();
  for (auto* cmd : {nasional_pull, nasional_status, nasional_table, nasional_compare})
    cmd->add_option("--year", nasional_request.year, "fiscal year")->required();

  std::string signed_dir, signing_public_key;
  auto* verify_signature = app.add_subcommand(
      "verify-signature", "check written documents against their signed manifest (manifest.sig)");
  verify_signature->add_option("dir", signed_dir, "the folder lkipctl report wrote")->required();
  verify_signature->add_option("--public-key", signing_public_key,
                               "the report-signing public key (default: <pki>/report-signing.pub)");

  std::string rules_dirs = DefaultRulesDirs(), rules_out;
  int rules_year = 0, rules_from = 0;
  auto* rules_cmd =
      app.add_subcommand("rules", "the rule sets of each fiscal year on this machine (no service)");
  rules_cmd->require_subcommand(1);
  auto* rules_check =
      rules_cmd->add_subcommand("check", "validate the rule sets; list each year and what is to review");
  auto* rules_new_year = rules_cmd->add_subcommand(
      "new-year", "write a draft rule set for a new fiscal year, listing what to review");
  for (auto* cmd : {rules_check, rules_new_year}) {
    cmd->add_option("--rules-dir", rules_dirs,
                    "folders of rule sets, separated by ':' as --rules_dir takes them")
        ->capture_default_str();
  }
  rules_new_year->add_option("year", rules_year, "the new fiscal year")
      ->required()
      ->check(CLI::Range(2000, 2100));
  rules_new_year->add_option("--from", rules_from, "the fiscal year whose rule set is carried over")
      ->required();
  rules_new_year->add_option("--out", rules_out,
                             "the file to write (e.g. /etc/lkip/rules.d/2025.json); default stdout");

  std::string backup_dir, restore_data_dir;
  std::vector<std::string> backup_services;
  auto* backup = app.add_subcommand(
      "backup", "copy every service's store, consistently, into a new folder with manifest.json (admin)");
  backup->add_option("dir", backup_dir, "the folder to create (must not exist or be empty)")->required();
  auto* restore = app.add_subcommand(
      "restore",
      "put a backup back into the stores of a stopped suite (no service; run where the stores are)");
  restore->add_option("dir", backup_dir, "the folder lkipctl backup wrote")->required();
  restore
      ->add_option("--data-dir", restore_data_dir,
                   "the folder holding each service's store as <data-dir>/<service>: /var/lib/lkip for the "
                   "package, VAR/data for scripts/suite.sh")
      ->required();
  for (auto* cmd : {backup, restore}) {
    cmd->add_option("--service", backup_services,
                    "only this service (repeatable); default: the aggregator and every bidang service");
  }

  CLI11_PARSE(app, argc, argv);
  if (restore->parsed()) return RestoreCmd(backup_dir, restore_data_dir, backup_services);
  if (token_issue->parsed()) return IssueTokenCmd(token_request);
  if (rules_check->parsed()) return RulesCheckCmd(rules_dirs);
  if (rules_new_year->parsed()) return RulesNewYearCmd(rules_dirs, rules_year, rules_from, rules_out);
  if (verify_signature->parsed()) {
    if (signing_public_key.empty() && !o.pki_dir.empty())
      signing_public_key = o.pki_dir + "/report-signing.pub";
    if (signing_public_key.empty()) {
      std::cerr << "lkipctl: verify-signature needs --public-key (or --pki / LKIP_PKI_DIR)\n";
      return kExitUsage;
    }
    return VerifySignatureCmd(signed_dir, signing_public_key);
  }
  if (o.token.empty() && !token_file.empty()) {
    auto text = lkip::ReadText(token_file);
    if (!text.ok()) return Fail("--token-file", text.status());
    o.token = std::string(absl::StripAsciiWhitespace(*text));
  }
  if (absl::Status s = Authenticate(&o); !s.ok()) {
    std::cerr << "lkipctl: " << s.message() << "\n";
    return kExitUsage;
  }
  if (wait->parsed()) return WaitReady(o, wait_addresses, wait_timeout);
  if (nasional_pull->parsed()) return NasionalCmd(o, "tarik", nasional_request);
  if (nasional_status->parsed()) return NasionalCmd(o, "status", nasional_request);
  if (nasional_table->parsed()) return NasionalCmd(o, "tabel", nasional_request);
  if (o.aggregator.empty()) {
    std::cerr << "lkipctl: --aggregator (or LKIP_AGGREGATOR) is required\n";
    return kExitUsage;
  }
  if (audit->parsed()) return AuditCmd(o, audit_query);
  if (backup->parsed()) return BackupCmd(o, backup_dir, backup_services);
  if (nasional_compare->parsed()) return NasionalComparisonsCmd(o, nasional_request, nasional_province);
  for (const auto& [step, cmd] : approval_steps) {
    if (cmd->parsed()) return ApprovalCmd(o, step, year, province, approval_note);
  }
  if (import->parsed()) return ImportCmd(o, bundle_path, dry_run, bundle_id);
  if (bundles->parsed()) return ListBundlesCmd(o);
  if (bundle_show->parsed()) return BundleShowCmd(o, bundle_id);
  if (bundle_rollback->parsed()) return BundleRollbackCmd(o, bundle_id);
  if (imports->parsed()) return ListImportsCmd(o, imports_year, import_kind);
  if (show_import->parsed()) return ShowImportCmd(o, import_kind, import_id_shown);
  if (withdraw_import->parsed()) return WithdrawImportCmd(o, import_kind, import_id_shown, withdraw_reason);
  if (indicators->parsed()) return IndicatorsCmd(o, year, province);
  if (anggaran->parsed()) return AnggaranCmd(o, year, province, anggaran_out);
  if (narratives->parsed()) return SetNarratives(o, narratives_path);
  if (comparisons->parsed()) return SetComparisons(o, comparisons_path);
  if (verify->parsed())
    return VerifyCmd(o, year, province, stated_path, verify_out, strict, suggest_bindings);
  if (report->parsed()) {
    return ReportCmd(o, year, province, report_out, report_formats, report_templates, report_partial,
                     report_final);
  }
  for (const auto& [csv, cmd] : registers) {
    if (cmd->parsed())
      return ImportRegister(o, *csv, register_path, year, register_import_id, register_source,
                            same_rows_again);
  }
  return CapaianCmd(o, year, province, out_dir, template_path, allow_partial);
}
