// A small report's inputs for tests (the builder's and the renderer's): one IKK (IKK-12, 20 of
// 12 berkas), one stored text of two paragraphs, the budget total of NTB 2023.
#pragma once

#include "services/aggregator/report/report_builder.h"

namespace lkip::aggregator {

ReportInputs ExampleReportInputs();

}  // namespace lkip::aggregator
