#include "services/pemberantasan/evidence_store.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/units/unit_tree.h"
#include "common/validation/fields.h"
#include "services/pemberantasan/evidence.h"

namespace lkip::pemberantasan {
namespace {

constexpr size_t kMaxChainsPerSatker = 100000;
constexpr int kMaxItems = 1000;

absl::Status Invalid(const std::string& path, const std::string& problem) {
  return absl::InvalidArgumentError(absl::StrCat("berita_acara.", path, ": ", problem));
}

std::string ChainKey(const std::string& satker, const std::string& penitipan) {
  return KeyBuilder(kTagEvidenceChain).AddString(satker).AddString(penitipan).Build();
}

absl::StatusOr<std::vector<Item>> ItemsOf(const storage::v1::BeritaAcaraRecord& ba) {
  std::vector<Item> out;
  for (const auto& i : ba.items()) {
    ASSIGN_OR_RETURN(Decimal quantity,
                     Decimal::ParseStored(i.quantity(), absl::StrCat("quantity in BA ", ba.ba_ref())));
    out.push_back({i.type(), std::move(quantity), i.unit()});
  }
  return out;
}

// The latest date of a chain so far: a later BA may not be dated before it.
std::string LastDate(const storage::v1::EvidenceChainRecord& chain) {
  std::string last = chain.penitipan().date();
  for (const auto& s : chain.penyusutan()) last = std::max(last, s.date());
  return last;
}

}  // namespace

absl::StatusOr<v1::EvidenceResult> EvidenceStore::Compute(
    const std::string& satker, int year,
    const std::map<std::string, storage::v1::EvidenceChainRecord>& changed) const {
  const std::string prefix = KeyBuilder(kTagEvidenceChain).AddString(satker).Build();
  ASSIGN_OR_RETURN(auto rows, store_->Scan(prefix, kMaxChainsPerSatker));
  std::map<std::string, storage::v1::EvidenceChainRecord> chains;
  for (const auto& kv : rows) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string ref, reader.ReadString());
    if (!chains[ref].ParseFromString(kv.value)) return absl::DataLossError("corrupt evidence chain " + ref);
  }
  for (const auto& [ref, chain] : changed) chains[ref] = chain;
  v1::EvidenceResult out;
  out.set_fiscal_year(year);
  out.set_satker_code(satker);
  int64_t matched = 0;
  for (const auto& [ref, chain] : chains) {
    if (!chain.released() || YearOfIsoDate(chain.pengeluaran().date()) != year) continue;
    std::vector<std::vector<Item>> shrinkage;
    for (const auto& s : chain.penyusutan()) {
      ASSIGN_OR_RETURN(auto items, ItemsOf(s));
      shrinkage.push_back(std::move(items));
    }
    ASSIGN_OR_RETURN(auto deposited, ItemsOf(chain.penitipan()));
    ASSIGN_OR_RETURN(auto released, ItemsOf(chain.pengeluaran()));
    const auto differences = CompareRelease(deposited, shrinkage, released);
    auto* pair = out.add_pairs();
    pair->set_penitipan_ref(ref);
    pair->set_pengeluaran_ref(chain.pengeluaran().ba_ref());
    pair->set_pengeluaran_date(chain.pengeluaran().date());
    pair->set_matches(differences.empty());
    matched += differences.empty() ? 1 : 0;
    for (const auto& d : differences) {
      auto* f = pair->add_differences();
      f->set_code("BARANG_BUKTI_TIDAK_SESUAI");
      f->set_severity(common::v1::SEVERITY_WARNING);
      f->set_subject(absl::StrCat("BA penitipan ", ref, " / BA pengeluaran ", chain.pengeluaran().ba_ref()));
      auto show = [](const Decimal& x) { return absl::StrReplaceAll(x.ToExactString(), {{".", ","}}); };
      f->set_message(absl::StrCat(d.type, " (", d.unit, "): dititipkan ", show(d.deposited), ", disusutkan ",
                                  show(d.shrunk), ", dikeluarkan ", show(d.released), "; tidak sesuai."));
      for (const auto& [label, value] :
           {std::pair{"dititipkan", &d.deposited}, std::pair{"disusutkan", &d.shrunk},
            std::pair{"dikeluarkan", &d.released}}) {
        auto* v = f->add_values();
        v->set_label(label);
        v->set_value(value->ToExactString());
        v->set_source(std::string("BA ") + label);
      }
    }
  }
  out.set_available(out.pairs_size() > 0);
  if (out.available()) {
    out.mutable_value()->set_value(
        (Decimal(matched) * Decimal(100) / Decimal(out.pairs_size())).ToExactString());
  }
  return out;
}

absl::StatusOr<v1::RecordBeritaAcaraResponse> EvidenceStore::Record(
    const WriteContext& context, const v1::RecordBeritaAcaraRequest& request) {
  const auto& ba = request.berita_acara();
  if (!v1::BeritaAcaraKind_IsValid(ba.kind()) || ba.kind() == v1::BERITA_ACARA_KIND_UNSPECIFIED) {
    return Invalid("kind", absl::StrCat(ba.kind(), " is not penitipan, penyusutan or pengeluaran"));
  }
  if (!IsDocumentNumber(ba.ba_ref(), 100))
    return Invalid("ba_ref", absl::StrCat("\"", ba.ba_ref(), "\" must be 1..100 of [A-Za-z0-9._/-]"));
  if (!IsIsoDate(ba.date()))
    return Invalid("date", absl::StrCat("\"", ba.date(), "\" is not a date (YYYY-MM-DD)"));
  if (ba.items_size() == 0 || ba.items_size() > kMaxItems) {
    return Invalid("items", absl::StrCat(ba.items_size(), " items; a BA lists 1..", kMaxItems));
  }
  storage::v1::BeritaAcaraRecord record;
  record.set_ba_ref(ba.ba_ref());
  record.set_date(ba.date());
  record.set_case_ref(ba.case_ref());
  record.set_reason(ba.reason());
  for (int i = 0; i < ba.items_size(); ++i) {
    const auto& item = ba.items(i);
    const std::string path = absl::StrCat("items[", i, "]");
    if (item.type().empty() || item.type().size() > 100)
      return Invalid(path + ".type", "must be 1..100 characters");
    if (item.unit().empty() || item.unit().size() > 30)
      return Invalid(path + ".unit", "must be 1..30 characters");
    auto q = Decimal::Parse(item.quantity().value());
    if (!q.ok() || !(*q > Decimal(0))) {
      return Invalid(path + ".quantity",
                     absl::StrCat("\"", item.quantity().value(), "\" is not a positive decimal"));
    }
    auto* r = record.add_items();
    r->set_type(item.type());
    r->set_quantity(q->ToExactString());
    r->set_unit(item.unit());
  }
  const bool opens = ba.kind() == v1::BERITA_ACARA_KIND_PENITIPAN;
  if (opens && !ba.penitipan_ref().empty() && ba.penitipan_ref() != ba.ba_ref()) {
    return Invalid("penitipan_ref", "a BA penitipan names no other penitipan");
  }
  if (ba.kind() == v1::BERITA_ACARA_KIND_PENYUSUTAN && ba.reason().empty()) {
    return Invalid("reason", "a BA penyusutan states its reason (uji laboratorium, pemusnahan, ...)");
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  const auto* unit = units.Find(ba.satker_code());
  if (unit == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("berita_acara.satker_code: \"", ba.satker_code(), "\" is not in the unit tree"));
  }
  const std::string penitipan = opens ? ba.ba_ref() : ba.penitipan_ref();
  const std::string key = ChainKey(ba.satker_code(), penitipan);
  ASSIGN_OR_RETURN(auto stored, store_->Find(key));
  storage::v1::EvidenceChainRecord chain;
  if (stored.has_value() && !chain.ParseFromString(*stored))
    return absl::DataLossError("corrupt evidence chain");
  v1::RecordBeritaAcaraResponse response;
  if (opens) {
    if (stored.has_value()) {
      if (chain.penitipan().SerializeAsString() == record.SerializeAsString()) {
        response.set_unchanged(true);
        return response;
      }
      if (chain.released() || chain.penyusutan_size() > 0) {
        return Invalid("ba_ref", absl::StrCat("\"", ba.ba_ref(),
                                              "\" has BAs after it; record a correction as a new BA"));
      }
    }
    *chain.mutable_penitipan() = record;
  } else {
    if (!stored.has_value()) {
      return Invalid("penitipan_ref", absl::StrCat("\"", ba.penitipan_ref(), "\" has no BA penitipan at ",
                                                   ba.satker_code(), "; record the BA penitipan first"));
    }
    if (ba.kind() == v1::BERITA_ACARA_KIND_PENGELUARAN && chain.released()) {
      if (chain.pengeluaran().SerializeAsString() == record.SerializeAsString()) {
        response.set_unchanged(true);
        return response;
      }
      return Invalid("penitipan_ref",
                     absl::StrCat("\"", penitipan, "\" was released by ", chain.pengeluaran().ba_ref(),
                                  " on ", chain.pengeluaran().date()));
    }
    if (ba.kind() == v1::BERITA_ACARA_KIND_PENYUSUTAN) {
      for (const auto& s : chain.penyusutan()) {
        if (s.ba_ref() == ba.ba_ref()) {
          if (s.SerializeAsString() == record.SerializeAsString()) {
            response.set_unchanged(true);
            return response;
          }
          return Invalid("ba_ref", absl::StrCat("\"", ba.ba_ref(), "\" is recorded with other content"));
        }
      }
      if (chain.released()) {
        return Invalid("penitipan_ref",
                       absl::StrCat("\"", penitipan, "\" was already released; shrinkage comes before"));
      }
    }
    if (ba.date() < LastDate(chain)) {
      return Invalid("date", absl::StrCat(ba.date(), " is before the chain's last BA of ", LastDate(chain)));
    }
    if (ba.kind() == v1::BERITA_ACARA_KIND_PENYUSUTAN) {
      *chain.add_penyusutan() = record;
    } else {
      *chain.mutable_pengeluaran() = record;
      chain.set_released(true);
    }
  }
  Mutation mutation;
  mutation.PutKnownPrevious(key, chain.SerializeAsString(), std::move(stored));
  if (chain.released()) {
    const int year = YearOfIsoDate(chain.pengeluaran().date());
    auto rules = rules_->ForYear(year);
    if (rules.ok() && !(*rules)->rules().instruments().evidence_measure().empty()) {
      ASSIGN_OR_RETURN(v1::EvidenceResult result, Compute(ba.satker_code(), year, {{penitipan, chain}}));
      std::vector<common::v1::Finding> findings;
      for (const auto& p : result.pairs()) {
        for (const auto& f : p.differences()) findings.push_back(f);
      }
      ASSIGN_OR_RETURN(const Decimal value, Decimal::ParseStored(result.value().value(), "evidence score"));
      PutComputedValue(
          *store_, year, (*rules)->rules().instruments().evidence_measure(),
          units.ProvinceOf(ba.satker_code()), ba.satker_code(), value,
          absl::StrCat(result.pairs_size(), " pasang BA penitipan/pengeluaran tahun ", year), context.actor,
          absl::StrCat("rules ", (*rules)->version(), " ", (*rules)->rules().instruments().evidence_measure(),
                       ": N = jumlah a_i / y x 100 (§7.3)"),
          &mutation, findings);
    }
  }
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return response;
}

absl::StatusOr<v1::EvidenceResult> EvidenceStore::Get(const v1::GetEvidenceResultRequest& request) const {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  if (units.Find(request.satker_code()) == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("satker_code: \"", request.satker_code(), "\" is not in the unit tree"));
  }
  return Compute(request.satker_code(), request.fiscal_year(), {});
}

}  // namespace lkip::pemberantasan
