// What the aggregator keeps in its own store: the Perjanjian Kinerja, the report's written texts,
// the comparison values and the journal of data bundles, one object each, shared by the
// Aggregator and ReportService adapters.
#pragma once

#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "services/aggregator/comparison_store.h"
#include "services/aggregator/ingest/bundle_journal.h"
#include "services/aggregator/narrative_store.h"
#include "services/aggregator/pk_store.h"

namespace lkip::aggregator {

struct AggregatorStores {
  AggregatorStores(Store* store, const RuleBook* rules)
      : store(store),
        rules(rules),
        pk(store),
        narratives(store, &pk),
        comparisons(store, &pk),
        bundles(store) {}
  AggregatorStores(const AggregatorStores&) = delete;
  AggregatorStores& operator=(const AggregatorStores&) = delete;

  Store* store;
  const RuleBook* rules;
  PkStore pk;
  NarrativeStore narratives;
  ComparisonStore comparisons;
  BundleJournal bundles;
};

}  // namespace lkip::aggregator
