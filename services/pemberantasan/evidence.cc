#include "services/pemberantasan/evidence.h"

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/status/macros.h"
#include "common/validation/date.h"
#include "common/validation/fields.h"

namespace lkip::pemberantasan {
namespace {

using ItemKey = std::pair<std::string, std::string>;

constexpr int kMaxItems = 1000;

ItemKey KeyOf(const Item& item) {
  return {absl::AsciiStrToLower(absl::StripAsciiWhitespace(item.type)),
          absl::AsciiStrToLower(absl::StripAsciiWhitespace(item.unit))};
}

}  // namespace

std::vector<ItemDifference> CompareRelease(const std::vector<Item>& deposited,
                                           const std::vector<std::vector<Item>>& shrinkage,
                                           const std::vector<Item>& released) {
  struct Totals {
    Decimal deposited, shrunk, released;
  };
  std::map<ItemKey, Totals> totals;
  for (const auto& i : deposited) totals[KeyOf(i)].deposited = totals[KeyOf(i)].deposited + i.quantity;
  for (const auto& ba : shrinkage) {
    for (const auto& i : ba) totals[KeyOf(i)].shrunk = totals[KeyOf(i)].shrunk + i.quantity;
  }
  for (const auto& i : released) totals[KeyOf(i)].released = totals[KeyOf(i)].released + i.quantity;
  std::vector<ItemDifference> out;
  for (const auto& [key, t] : totals) {
    if (t.deposited - t.shrunk == t.released) continue;
    out.push_back({key.first, key.second, t.deposited, t.shrunk, t.released});
  }
  return out;
}

absl::Status InvalidBeritaAcara(const std::string& path, const std::string& problem) {
  return InvalidField(absl::StrCat("berita_acara.", path), problem);
}

absl::StatusOr<BeritaAcaraInput> CheckBeritaAcara(const v1::BeritaAcara& ba) {
  if (!v1::BeritaAcaraKind_IsValid(ba.kind()) || ba.kind() == v1::BERITA_ACARA_KIND_UNSPECIFIED) {
    return InvalidBeritaAcara("kind",
                              absl::StrCat(ba.kind(), " is not penitipan, penyusutan or pengeluaran"));
  }
  if (!IsDocumentNumber(ba.ba_ref(), 100))
    return InvalidBeritaAcara("ba_ref",
                              absl::StrCat("\"", ba.ba_ref(), "\" must be 1..100 of [A-Za-z0-9._/-]"));
  ASSIGN_OR_RETURN(std::string date, CheckRecordDate("berita_acara.date", ba.date()));
  if (ba.items_size() == 0 || ba.items_size() > kMaxItems) {
    return InvalidBeritaAcara("items", absl::StrCat(ba.items_size(), " items; a BA lists 1..", kMaxItems));
  }
  BeritaAcaraInput out;
  out.kind = ba.kind();
  out.satker_code = ba.satker_code();
  storage::v1::BeritaAcaraRecord& record = out.record;
  record.set_ba_ref(ba.ba_ref());
  record.set_date(date);
  record.set_case_ref(ba.case_ref());
  record.set_reason(ba.reason());
  for (int i = 0; i < ba.items_size(); ++i) {
    const auto& item = ba.items(i);
    const std::string path = absl::StrCat("items[", i, "]");
    if (item.type().empty() || item.type().size() > 100)
      return InvalidBeritaAcara(path + ".type", "must be 1..100 characters");
    if (item.unit().empty() || item.unit().size() > 30)
      return InvalidBeritaAcara(path + ".unit", "must be 1..30 characters");
    auto q = Decimal::Parse(item.quantity().value());
    if (!q.ok() || !(*q > Decimal(0))) {
      return InvalidBeritaAcara(path + ".quantity",
                                absl::StrCat("\"", item.quantity().value(), "\" is not a positive decimal"));
    }
    auto* r = record.add_items();
    r->set_type(item.type());
    r->set_quantity(q->ToExactString());
    r->set_unit(item.unit());
  }
  const bool opens = ba.kind() == v1::BERITA_ACARA_KIND_PENITIPAN;
  if (opens && !ba.penitipan_ref().empty() && ba.penitipan_ref() != ba.ba_ref()) {
    return InvalidBeritaAcara("penitipan_ref", "a BA penitipan names no other penitipan");
  }
  if (ba.kind() == v1::BERITA_ACARA_KIND_PENYUSUTAN && ba.reason().empty()) {
    return InvalidBeritaAcara("reason",
                              "a BA penyusutan states its reason (uji laboratorium, pemusnahan, ...)");
  }
  out.penitipan_ref = opens ? ba.ba_ref() : ba.penitipan_ref();
  return out;
}

common::v1::Finding DifferenceFinding(const std::string& penitipan_ref, const std::string& pengeluaran_ref,
                                      const ItemDifference& d) {
  common::v1::Finding f;
  f.set_code("BARANG_BUKTI_TIDAK_SESUAI");
  f.set_severity(common::v1::SEVERITY_WARNING);
  f.set_subject(absl::StrCat("BA penitipan ", penitipan_ref, " / BA pengeluaran ", pengeluaran_ref));
  auto show = [](const Decimal& x) { return absl::StrReplaceAll(x.ToExactString(), {{".", ","}}); };
  f.set_message(absl::StrCat(d.type, " (", d.unit, "): dititipkan ", show(d.deposited), ", disusutkan ",
                             show(d.shrunk), ", dikeluarkan ", show(d.released), "; tidak sesuai."));
  for (const auto& [label, value] :
       {std::pair{"dititipkan", &d.deposited}, std::pair{"disusutkan", &d.shrunk},
        std::pair{"dikeluarkan", &d.released}}) {
    auto* v = f.add_values();
    v->set_label(label);
    v->set_value(value->ToExactString());
    v->set_source(std::string("BA ") + label);
  }
  return f;
}

}  // namespace lkip::pemberantasan
