#include "services/pemberantasan/evidence_store.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/units/unit_tree.h"
#include "common/validation/fields.h"
#include "services/pemberantasan/evidence.h"

namespace lkip::pemberantasan {
namespace {

constexpr size_t kMaxChainsPerSatker = 100000;
// A chain is one record holding all its BA: its shrinkage BAs are bounded so the record stays small.
constexpr size_t kMaxShrinkagePerChain = 1000;

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

absl::StatusOr<EvidenceYear> EvidenceStore::Compute(
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
  EvidenceYear out;
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
    EvidencePair pair{ref, chain.pengeluaran().ba_ref(), chain.pengeluaran().date(),
                      CompareRelease(deposited, shrinkage, released)};
    matched += pair.differences.empty() ? 1 : 0;
    out.pairs.push_back(std::move(pair));
  }
  if (!out.pairs.empty()) {
    out.value = Decimal(matched) * Decimal(100) / Decimal(static_cast<int64_t>(out.pairs.size()));
  }
  return out;
}

absl::StatusOr<BeritaAcaraOutcome> EvidenceStore::Record(const WriteContext& context,
                                                         const BeritaAcaraInput& ba) {
  const storage::v1::BeritaAcaraRecord& record = ba.record;
  const bool opens = ba.kind == v1::BERITA_ACARA_KIND_PENITIPAN;
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  const auto* unit = units.Find(ba.satker_code);
  if (unit == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("berita_acara.satker_code: \"", ba.satker_code, "\" is not in the unit tree"));
  }
  const std::string& penitipan = ba.penitipan_ref;
  const std::string key = ChainKey(ba.satker_code, penitipan);
  ASSIGN_OR_RETURN(auto stored, store_->Find(key));
  storage::v1::EvidenceChainRecord chain;
  if (stored.has_value() && !chain.ParseFromString(*stored))
    return absl::DataLossError("corrupt evidence chain");
  BeritaAcaraOutcome unchanged{true};
  if (opens) {
    if (stored.has_value()) {
      if (chain.penitipan().SerializeAsString() == record.SerializeAsString()) {
        return unchanged;
      }
      if (chain.released() || chain.penyusutan_size() > 0) {
        return InvalidBeritaAcara(
            "ba_ref",
            absl::StrCat("\"", record.ba_ref(), "\" has BAs after it; record a correction as a new BA"));
      }
    }
    if (!stored.has_value()) {  // a new chain: the satker's reads scan its chains to a bound
      ASSIGN_OR_RETURN(
          auto chains,
          store_->Scan(KeyBuilder(kTagEvidenceChain).AddString(ba.satker_code).Build(), kMaxChainsPerSatker));
      RETURN_IF_ERROR(CheckReadBound("berita_acara.satker_code", ba.satker_code, chains.size() + 1,
                                     "evidence chains (BA penitipan)", kMaxChainsPerSatker));
    }
    *chain.mutable_penitipan() = record;
  } else {
    if (!stored.has_value()) {
      return InvalidBeritaAcara("penitipan_ref",
                                absl::StrCat("\"", penitipan, "\" has no BA penitipan at ", ba.satker_code,
                                             "; record the BA penitipan first"));
    }
    if (ba.kind == v1::BERITA_ACARA_KIND_PENGELUARAN && chain.released()) {
      if (chain.pengeluaran().SerializeAsString() == record.SerializeAsString()) {
        return unchanged;
      }
      return InvalidBeritaAcara(
          "penitipan_ref", absl::StrCat("\"", penitipan, "\" was released by ", chain.pengeluaran().ba_ref(),
                                        " on ", chain.pengeluaran().date()));
    }
    if (ba.kind == v1::BERITA_ACARA_KIND_PENYUSUTAN) {
      for (const auto& s : chain.penyusutan()) {
        if (s.ba_ref() == record.ba_ref()) {
          if (s.SerializeAsString() == record.SerializeAsString()) {
            return unchanged;
          }
          return InvalidBeritaAcara("ba_ref",
                                    absl::StrCat("\"", record.ba_ref(), "\" is recorded with other content"));
        }
      }
      if (chain.released()) {
        return InvalidBeritaAcara(
            "penitipan_ref",
            absl::StrCat("\"", penitipan, "\" was already released; shrinkage comes before"));
      }
    }
    if (record.date() < LastDate(chain)) {
      return InvalidBeritaAcara(
          "date", absl::StrCat(record.date(), " is before the chain's last BA of ", LastDate(chain)));
    }
    if (ba.kind == v1::BERITA_ACARA_KIND_PENYUSUTAN) {
      RETURN_IF_ERROR(CheckReadBound("berita_acara.penitipan_ref", absl::StrCat("\"", penitipan, "\""),
                                     static_cast<size_t>(chain.penyusutan_size()) + 1, "BA penyusutan",
                                     kMaxShrinkagePerChain));
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
      ASSIGN_OR_RETURN(EvidenceYear result, Compute(ba.satker_code, year, {{penitipan, chain}}));
      std::vector<common::v1::Finding> findings;
      for (const auto& p : result.pairs) {
        for (const auto& d : p.differences)
          findings.push_back(DifferenceFinding(p.penitipan_ref, p.pengeluaran_ref, d));
      }
      PutComputedValue(
          *store_, year, (*rules)->rules().instruments().evidence_measure(), units.ProvinceOf(ba.satker_code),
          ba.satker_code, *result.value,
          absl::StrCat(result.pairs.size(), " pasang BA penitipan/pengeluaran tahun ", year), context.actor,
          absl::StrCat("rules ", (*rules)->version(), " ", (*rules)->rules().instruments().evidence_measure(),
                       ": N = jumlah a_i / y x 100 (§7.3)"),
          &mutation, findings);
    }
  }
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return BeritaAcaraOutcome{false};
}

absl::StatusOr<EvidenceYear> EvidenceStore::Get(const std::string& satker_code, int fiscal_year) const {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  if (units_held->Find(satker_code) == nullptr) {
    return absl::NotFoundError(absl::StrCat("satker_code: \"", satker_code, "\" is not in the unit tree"));
  }
  return Compute(satker_code, fiscal_year, {});
}

}  // namespace lkip::pemberantasan
